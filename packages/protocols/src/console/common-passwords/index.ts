/**
 * The shipped list of common passwords (provenance in README.md). A separate entry point
 * (`@netops/protocols/common-passwords`) so that the ~480 kB list stays out of the browser bundle:
 * the server checks it, the web form checks the cheap rules only.
 */
import passwords from "./passwords.json" with { type: "json" };
import type { PasswordList } from "../passwords";

let list: PasswordList | null = null;

/** The list as a set of lower-case passwords, built on first use. */
export function commonPasswords(): PasswordList {
  if (!list) {
    const set = new Set((passwords as string[]).map((p) => p.toLowerCase()));
    list = { has: (p) => set.has(p), size: set.size };
  }
  return list;
}
