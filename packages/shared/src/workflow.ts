/** A workflow is a table: from each state, which event leads to which state. */
export type TransitionTable<S extends string, E extends string> = Record<S, Partial<Record<E, S>>>;

export function nextState<S extends string, E extends string>(
  table: TransitionTable<S, E>,
  from: S,
  event: E,
): S | undefined {
  return table[from][event];
}

export function allowedEvents<S extends string, E extends string>(
  table: TransitionTable<S, E>,
  from: S,
): E[] {
  return Object.keys(table[from]) as E[];
}
