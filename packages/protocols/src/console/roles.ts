import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordPatternProblem } from "./passwords";
import { secret } from "./secret";

/** Roles in increasing order of power; a role may do everything the ones before it may. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export const usernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit",
  );

/**
 * At least 12 characters: long enough for a passphrase, no composition rules (NIST SP 800-63B); not
 * one character or a short sequence repeated, not a run like abcdef… or 123456…. The rules that need
 * the username or the list of common passwords are in `passwordProblem`, checked by the server.
 */
export const passwordSchema = secret(z.string())
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH)
  .superRefine((password, ctx) => {
    // Length has its own issue above; the pattern rules speak only about long-enough passwords.
    if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return;
    const problem = passwordPatternProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
