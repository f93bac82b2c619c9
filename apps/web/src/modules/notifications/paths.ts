/** Where the notification centre lives in each area. */
export function notificationsPathOf(role: string): string {
  const area =
    role === 'college'
      ? 'school'
      : ['seeker', 'employer', 'school', 'institution', 'admin'].includes(role)
        ? role
        : 'seeker';
  return `/${area}/notifications`;
}
