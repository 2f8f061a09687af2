/** Where to go after login: only same-origin relative paths are followed (no open redirect). */

export const DEFAULT_AFTER_LOGIN = "/";

export function safeNext(next: string | null | undefined): string {
  if (!next) return DEFAULT_AFTER_LOGIN;
  // A single leading slash; no protocol-relative `//host`, no `/\host` (browsers read `\` as `/`).
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return DEFAULT_AFTER_LOGIN;
  // Control characters and whitespace can be stripped by URL parsers and turn into `//`.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\s\\]/.test(next)) return DEFAULT_AFTER_LOGIN;
  try {
    const base = "https://console.invalid";
    const u = new URL(next, base);
    if (u.origin !== base) return DEFAULT_AFTER_LOGIN;
    const path = `${u.pathname}${u.search}${u.hash}`;
    // Dot segments can normalise into `//host`; going "back" to the login page would loop.
    if (path.startsWith("//") || u.pathname === "/login") return DEFAULT_AFTER_LOGIN;
    return path;
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
}

/** `/login?next=<path+search>` for the page the user was on (no `next` for `/` or the login page). */
export function loginPath(current: { pathname: string; search?: string; hash?: string }): string {
  const here = `${current.pathname}${current.search ?? ""}${current.hash ?? ""}`;
  if (current.pathname === "/login") return "/login";
  if (here === "/" || safeNext(here) !== here) return "/login";
  return `/login?next=${encodeURIComponent(here)}`;
}
