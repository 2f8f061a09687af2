/**
 * What makes a new password acceptable, in one place for the server, the CLI, the mock API and the
 * web forms (NIST SP 800-63B §5.1.1.2: a minimum length, no composition rules, and a check against
 * common, expected or context-specific values).
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** A list of common passwords, looked up in lower case (see `@netops/protocols/common-passwords`). */
export interface PasswordList {
  has(lowerCase: string): boolean;
  readonly size: number;
}

/** Runs that people type as "random": a password that is one stretch of one of these is refused. */
const RUNS = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop"];

function isRun(lower: string): boolean {
  const reversed = [...lower].reverse().join("");
  return RUNS.some((run) => {
    // Cyclic, so that 789012… and xyzabc… count as runs too.
    const cyclic = run.repeat(Math.ceil(lower.length / run.length) + 1);
    return cyclic.includes(lower) || cyclic.includes(reversed);
  });
}

/** Strips what people add around a word to pass rules: digits, punctuation, spaces. */
function core(lower: string): string {
  return lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
}

/**
 * The rules that need no list (length, repeats, runs), so the browser can check them as you type.
 * Null when none is broken, else why the password is refused.
 */
export function passwordPatternProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  const unit = /^(.+?)\1+$/su.exec(lower)?.[1];
  if (unit && unit.length < PASSWORD_MIN_LENGTH) {
    return [...unit].length === 1
      ? "this password is one character repeated"
      : "this password is a short sequence repeated";
  }
  if (isRun(lower)) return "this password is a run of consecutive characters or keys";
  return null;
}

/**
 * Every rule for a new password of `username`: the pattern rules, not the username (alone or with
 * only digits and symbols added), and, given the list, not a common password (alone or with only
 * digits and symbols added). Comparisons ignore case. Null when acceptable, else the reason.
 */
export function passwordProblem(
  password: string,
  opts: { username?: string | undefined; common?: PasswordList | undefined } = {},
): string | null {
  const pattern = passwordPatternProblem(password);
  if (pattern) return pattern;
  const lower = password.toLowerCase();
  const name = opts.username?.toLowerCase();
  if (name) {
    if (lower === name) return "this password is the username";
    // What is left without the username must hold letters of its own.
    if (lower.includes(name) && !/\p{L}/u.test(lower.split(name).join(""))) {
      return "this password is the username with only digits or symbols added";
    }
  }
  if (opts.common) {
    const count = opts.common.size.toLocaleString("en-US");
    if (opts.common.has(lower)) return `this password is in the list of the ${count} most common passwords`;
    const word = core(lower);
    if (word.length >= 4 && word !== lower && opts.common.has(word)) {
      return `this password is one of the ${count} most common passwords with only digits or symbols added`;
    }
  }
  return null;
}
