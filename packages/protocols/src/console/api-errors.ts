/** How the API reports invalid input: one entry per zod issue, the path joined with dots. */
export interface InputIssue {
  path: string;
  message: string;
  code: string;
}

export function toInputIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[],
): InputIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message, code: i.code }));
}

/**
 * The message a client sees: never the text of an internal error (it may hold server details),
 * and for invalid input every issue as `path: message`.
 */
export function publicErrorMessage(code: string, issues: InputIssue[] | null, message: string): string {
  if (code === "INTERNAL_SERVER_ERROR") return "internal error (logged on the server)";
  if (issues) return issues.map((i) => `${i.path || "(input)"}: ${i.message}`).join("; ");
  return message;
}
