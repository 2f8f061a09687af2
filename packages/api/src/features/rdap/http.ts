/**
 * One HTTP(S) GET with a deadline, a body size limit and guard-checked addresses. No redirects
 * are followed here (the client does that, checking each hop).
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { RdapFetchError } from "./errors";
import { GuardError, type OutboundGuard, hostOf } from "./guard";

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpOptions {
  guard: OutboundGuard;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Extra trusted CA certificates (the lab server's, tests). */
  ca?: string | Buffer | undefined;
}

export async function httpGet(url: URL, o: HttpOptions): Promise<HttpResponse> {
  const refused = o.guard.checkUrl(url);
  if (refused) throw new RdapFetchError("guard", refused, url.href);
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = await o.guard.addresses(host);
  } catch (e) {
    if (e instanceof GuardError) throw new RdapFetchError("guard", e.message, url.href);
    throw new RdapFetchError("network", `cannot resolve ${host}: ${(e as Error).message}`, url.href);
  }
  // Connect to the address the guard checked, whatever a second resolution would say.
  const lookup: LookupFunction = (_h, opts, cb) => {
    const list = addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    if ((opts as { all?: boolean }).all) (cb as (e: null, a: typeof list) => void)(null, list);
    else cb(null, list[0]?.address ?? "", list[0]?.family ?? 4);
  };
  const mod = url.protocol === "https:" ? https : http;
  return new Promise<HttpResponse>((resolve, reject) => {
    const fail = (e: RdapFetchError) => {
      req.destroy();
      reject(e);
    };
    const req = mod.request(
      url,
      {
        method: "GET",
        headers: {
          accept: "application/rdap+json, application/json;q=0.9",
          "user-agent": "netops-console-rdap/0.1",
        },
        lookup,
        ...(o.ca ? { ca: o.ca } : {}),
        agent: false,
      },
      (res) => {
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared) && declared > o.maxBodyBytes)
          return fail(
            new RdapFetchError(
              "too-large",
              `body of ${declared} bytes exceeds the ${o.maxBodyBytes}-byte limit`,
              url.href,
              res.statusCode,
            ),
          );
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > o.maxBodyBytes)
            fail(
              new RdapFetchError(
                "too-large",
                `body exceeds the ${o.maxBodyBytes}-byte limit`,
                url.href,
                res.statusCode,
              ),
            );
          else chunks.push(c);
        });
        res.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
        res.on("error", (e) => fail(new RdapFetchError("network", e.message, url.href)));
      },
    );
    // One deadline for connect + headers + body: a server that dribbles bytes is cut off too.
    const timer = setTimeout(
      () => fail(new RdapFetchError("timeout", `no complete response within ${o.timeoutMs} ms`, url.href)),
      o.timeoutMs,
    );
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(
        e instanceof RdapFetchError ? e : new RdapFetchError("network", `${host}: ${e.message}`, url.href),
      );
    });
    req.on("close", () => clearTimeout(timer));
    req.end();
  });
}
