export function App() {
  return <div>HireHall</div>;
}
