/**
 * One RDAP GET through the console's outbound HTTP client (policy-checked host and port, pinned
 * addresses), with a deadline and a body size limit. Redirects come back to the client, which
 * checks each hop against the same policy.
 */
import { OutboundError } from "../../services/outbound/errors";
import { RdapFetchError } from "./errors";
import type { OutboundGuard } from "./guard";

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface HttpOptions {
  guard: OutboundGuard;
  timeoutMs: number;
  maxBodyBytes: number;
}

export async function httpGet(url: URL, o: HttpOptions): Promise<HttpResponse> {
  const refused = o.guard.checkUrl(url);
  if (refused) throw new RdapFetchError("guard", refused, url.href);
  // One deadline for connect + headers + body: a server that dribbles bytes is cut off too.
  const signal = AbortSignal.timeout(o.timeoutMs);
  const late = () => new RdapFetchError("timeout", `no complete response within ${o.timeoutMs} ms`, url.href);
  let res: Response;
  try {
    res = await o.guard.fetch(url, {
      headers: {
        accept: "application/rdap+json, application/json;q=0.9",
        "user-agent": "netops-console-rdap/0.1",
      },
      redirect: "manual",
      signal,
    });
  } catch (e) {
    if (e instanceof OutboundError)
      throw new RdapFetchError(e.code === "refused" ? "guard" : "network", e.message, url.href);
    throw new RdapFetchError("network", `${url.host}: request failed`, url.href);
  }
  const headers: Record<string, string | undefined> = {};
  res.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const tooLarge = (what: string) => new RdapFetchError("too-large", what, url.href, res.status);
  const declared = Number(res.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > o.maxBodyBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge(`body of ${declared} bytes exceeds the ${o.maxBodyBytes}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > o.maxBodyBytes) throw tooLarge(`body exceeds the ${o.maxBodyBytes}-byte limit`);
      chunks.push(value);
    }
  } catch (e) {
    await reader?.cancel().catch(() => {});
    if (e instanceof RdapFetchError) throw e;
    if (signal.aborted) throw late();
    throw new RdapFetchError("network", `${url.host}: the response was cut off`, url.href, res.status);
  }
  return { status: res.status, headers, body: Buffer.concat(chunks).toString("utf8") };
}
