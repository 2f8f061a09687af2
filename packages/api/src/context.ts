import type { Principal } from "./services/auth";
import { SESSION_COOKIE } from "./services/auth";
import type { Services } from "./services";

/** What the HTTP layer tells the API about a request; the API never sees Node's req/res. */
export interface RequestInfo {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  ip: string;
  /** True when the client reached us over https (directly or via a trusted proxy). */
  secure: boolean;
  setCookie(header: string): void;
}

export interface Context {
  services: Services;
  req: RequestInfo;
  user: Principal | null;
  /**
   * Set by a procedure that wrote its own detailed audit entry. An object, because middlewares
   * hand procedures a copy of the context and the flag must be seen by the audit middleware.
   */
  audit: { written: boolean };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (k && !(k in out)) out[k] = decodeCookieValue(part.slice(i + 1).trim());
  }
  return out;
}

/** A value that is not valid percent-encoding is kept as sent: it matches no session, and never throws. */
function decodeCookieValue(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** `Authorization: Bearer <token>`; the scheme name is case-insensitive (RFC 7235 §2.1, RFC 6750 §2.1). */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = authorization?.match(/^bearer +(\S+) *$/i);
  return m?.[1];
}

function header(req: RequestInfo, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Resolves who is calling: a Bearer API token, or else the session cookie. */
export async function createContext(services: Services, req: RequestInfo): Promise<Context> {
  let user: Principal | null = null;
  const auth = header(req, "authorization");
  if (auth !== undefined && /^bearer(?: |$)/i.test(auth)) {
    // A Bearer header without a usable token fails as a token login; it is no cue to try the cookie.
    const token = bearerToken(auth);
    user = token ? await services.auth.tokenPrincipal(token) : null;
  } else {
    const sid = parseCookies(header(req, "cookie"))[SESSION_COOKIE];
    if (sid) user = await services.auth.sessionPrincipal(sid);
  }
  return { services, req, user, audit: { written: false } };
}

export function sessionCookie(secret: string, maxAgeSeconds: number, secure: boolean): string {
  // SameSite=Strict: the browser never sends it on cross-site requests (CSRF defence, with the Origin check).
  return `${SESSION_COOKIE}=${encodeURIComponent(secret)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeSeconds)}${secure ? "; Secure" : ""}`;
}

export function clearSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? "; Secure" : ""}`;
}

export function requestHeader(req: RequestInfo, name: string): string | undefined {
  return header(req, name);
}
