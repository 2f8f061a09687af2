import { TRPCError } from "@trpc/server";
import { newPasswordProblem } from "../services/auth";

/** Refuses a new password that breaks the password rule: 400 with `field: reason`. */
export function assertNewPassword(field: string, password: string, username: string): void {
  const problem = newPasswordProblem(password, username);
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: `${field}: ${problem}` });
}
