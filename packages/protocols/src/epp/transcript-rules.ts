/**
 * Which EPP exchanges are routine: the poll job's `poll req` answered 1300 ("no messages") every
 * few seconds. The transcript hides them unless asked; one rule for the server's query and the mocks.
 */
export const ROUTINE_EXCHANGE = { command: "poll req", code: 1300, error: null } as const;

export function isRoutineExchange(t: {
  command: string;
  code: number | null;
  error: string | null;
}): boolean {
  return t.command === ROUTINE_EXCHANGE.command && t.code === ROUTINE_EXCHANGE.code && t.error === null;
}
