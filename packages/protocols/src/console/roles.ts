import { z } from "zod";

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

/** At least 12 characters: long enough for a passphrase, no composition rules (NIST SP 800-63B). */
export const passwordSchema = z.string().min(12, "at least 12 characters").max(256);
