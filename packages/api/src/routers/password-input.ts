import { newPasswordProblem } from "../services/auth";
import { DomainError } from "../errors";

/** Refuses a new password that breaks the password rule: 400 with `field: reason`. */
export function assertNewPassword(field: string, password: string, username: string): void {
  const problem = newPasswordProblem(password, username);
  if (problem) throw new DomainError("invalid", `${field}: ${problem}`);
}
