/**
 * The console's one outbound HTTP client, shaped like `fetch` so callers (and their test stubs)
 * keep one interface: every request is checked against an OutboundPolicy (scheme, host AND port),
 * connects only to the addresses the policy checked, follows no redirect (`redirect: "manual"`
 * hands the 3xx to the caller, which must check the next hop itself; anything else refuses it),
 * and fails before the answer with one text whatever the peer did (details to the log).
 */
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { type CanonicalHost, canonicalHost } from "./address";
import { OutboundError, causeOf, unreachable } from "./errors";
import type { OutboundPolicy, Pinned } from "./policy";

export type OutboundFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface OutboundFetchOptions {
  policy: OutboundPolicy;
  /** Plain http to this host is allowed (a Kea Control Agent, a lab server); https otherwise. */
  allowHttp?: (host: CanonicalHost) => boolean;
  /** Extra trusted CA certificates (a lab server, tests). */
  ca?: string | Buffer | undefined;
  /** Told the precise cause of every failure the caller only sees as "connection failed". */
  onFailure?: (info: { service: string; url: string; detail: string }) => void;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const schemePort = (u: URL) => (u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80);

/** Checks a URL's scheme and host:port (no resolution); null when it may be fetched. */
export function urlRefusal(url: URL, policy: OutboundPolicy, allowHttp?: (h: CanonicalHost) => boolean) {
  if (url.username || url.password) return "URLs with credentials are not followed";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return `${url.protocol.replace(":", "")} is not allowed (https only)`;
  const refused = policy.check(host, schemePort(url));
  if (refused) return refused;
  if (url.protocol === "http:") {
    const c = canonicalHost(host);
    if (typeof c === "string" || !allowHttp?.(c)) return `http is not allowed (https only) for ${host}`;
  }
  return null;
}

/** A fetch-compatible function bound to one policy. */
export function outboundFetch(o: OutboundFetchOptions): OutboundFetch {
  return async (input, init = {}) => {
    let url: URL;
    try {
      url = new URL(String(input));
    } catch {
      throw new OutboundError("refused", `${JSON.stringify(String(input))} is not a URL`);
    }
    const refused = urlRefusal(url, o.policy, o.allowHttp);
    if (refused) throw new OutboundError("refused", refused);
    const pinned = await o.policy.pin(url.hostname.replace(/^\[|\]$/g, ""), schemePort(url));
    const res = await request(url, pinned, init, o);
    if (REDIRECT.has(res.status) && init.redirect !== "manual") {
      await res.body?.cancel().catch(() => {});
      throw new OutboundError(
        "protocol",
        `${pinned.label} answered with a redirect (HTTP ${res.status}), which is not followed`,
      );
    }
    return res;
  };
}

function headersOf(h: RequestInit["headers"]): Record<string, string> {
  return Object.fromEntries(new Headers(h ?? {}).entries());
}

function request(url: URL, pinned: Pinned, init: RequestInit, o: OutboundFetchOptions): Promise<Response> {
  const mod = url.protocol === "https:" ? https : http;
  const signal = init.signal ?? undefined;
  const fail = (detail: string) => {
    o.onFailure?.({ service: o.policy.service, url: url.href, detail });
    return unreachable(pinned.label, detail);
  };
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let answered = false;
    const req = mod.request(url, {
      method: init.method ?? "GET",
      headers: headersOf(init.headers),
      lookup: pinned.lookup,
      agent: false,
      ...(o.ca ? { ca: o.ca } : {}),
    });
    const onAbort = () => {
      const reason = signal?.reason as Error | undefined;
      // A deadline before the answer looks like any other failure; a caller's cancel stays a cancel.
      if (!answered && reason?.name === "TimeoutError") reject(fail(`timeout: ${reason.message}`));
      else reject(reason);
      req.destroy(reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (e) => {
      signal?.removeEventListener("abort", onAbort);
      if (!answered) reject(fail(causeOf(e)));
    });
    req.on("response", (res) => {
      answered = true;
      const done = () => signal?.removeEventListener("abort", onAbort);
      res.on("end", done);
      res.on("close", done);
      const headers = new Headers();
      for (const [k, v] of Object.entries(res.headers)) {
        if (Array.isArray(v)) for (const x of v) headers.append(k, x);
        else if (v !== undefined) headers.set(k, v);
      }
      const status = res.statusCode ?? 0;
      // Response refuses a body for these statuses.
      const empty = status === 204 || status === 304 || (init.method ?? "GET") === "HEAD";
      if (empty) res.resume();
      resolve(
        new Response(
          empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>),
          // 1xx and out-of-range statuses cannot be a Response: treat them as not HTTP.
          { status: status >= 200 && status <= 599 ? status : 502, headers },
        ),
      );
    });
    if (init.body !== undefined && init.body !== null) req.end(init.body as string | Buffer);
    else req.end();
  });
}
