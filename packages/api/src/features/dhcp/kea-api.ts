import { addressSortKey, normalizeHex, parseAddress } from "@netops/protocols/dhcp";
import type { DhcpLease } from "@netops/protocols/dhcp";
import { isKeaSocketPath, keaSocketExchange } from "./kea-socket";

/**
 * Client for Kea's JSON commands, through the Control Agent (HTTP) or straight to a server's
 * control socket (an absolute path). The agent forwards a command to the daemons named in
 * "service" and wraps their answers in an array; a server answers with one object. Result codes:
 * 0 success, 1 error, 2 unsupported, 3 empty / not found.
 */
export interface KeaAnswer<A = unknown> {
  result: number;
  text?: string;
  arguments?: A;
}

export class KeaApiError extends Error {}

export interface KeaClientOptions {
  /** Control Agent URL (http/https), or the absolute path of a Kea server's control socket. */
  url: string;
  service: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const MAX_BODY = 64 * 1024 * 1024;

export class KeaClient {
  constructor(private readonly opts: KeaClientOptions) {}

  async command<A>(command: string, args?: Record<string, unknown>): Promise<KeaAnswer<A>> {
    const text = isKeaSocketPath(this.opts.url)
      ? await this.overSocket(command, args)
      : await this.overHttp(command, args);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new KeaApiError(`${command}: answer is not JSON: ${text.slice(0, 200)}`);
    }
    const first = (Array.isArray(body) ? body[0] : body) as KeaAnswer<A> | undefined;
    if (!first || typeof first.result !== "number")
      throw new KeaApiError(`${command}: answer has no result code`);
    if (first.result === 1 || first.result === 2)
      throw new KeaApiError(`${command}: ${first.text ?? `result ${first.result}`}`);
    return first;
  }

  private async overHttp(command: string, args?: Record<string, unknown>): Promise<string> {
    const f = this.opts.fetch ?? fetch;
    let res: Response;
    try {
      res = await f(this.opts.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ command, service: [this.opts.service], ...(args && { arguments: args }) }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
        redirect: "error",
      });
    } catch (e) {
      const err = e as Error;
      const why = err.name === "TimeoutError" ? `no answer within ${this.opts.timeoutMs} ms` : causeOf(err);
      throw new KeaApiError(`${command}: ${why}`);
    }
    const text = await res.text();
    if (text.length > MAX_BODY) throw new KeaApiError(`${command}: answer larger than ${MAX_BODY} bytes`);
    if (!res.ok) throw new KeaApiError(`${command}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return text;
  }

  /** Straight to the server: no "service" (that is the agent's routing field). */
  private async overSocket(command: string, args?: Record<string, unknown>): Promise<string> {
    try {
      return await keaSocketExchange(
        this.opts.url,
        JSON.stringify({ command, ...(args && { arguments: args }) }),
        this.opts.timeoutMs,
        MAX_BODY,
      );
    } catch (e) {
      throw new KeaApiError(`${command}: ${(e as Error).message}`);
    }
  }

  /** Every lease, page by page (`lease4-get-page` / `lease6-get-page`), at most maxPages pages. */
  async *leases(family: 4 | 6, pageSize: number, maxPages: number): AsyncGenerator<KeaApiLease[]> {
    let from = "start";
    for (let page = 0; page < maxPages; page++) {
      const a = await this.command<{ leases?: KeaApiLease[]; count?: number }>(`lease${family}-get-page`, {
        from,
        limit: pageSize,
      });
      const leases = a.arguments?.leases ?? [];
      if (a.result === 3 || leases.length === 0) return;
      yield leases;
      const last = leases[leases.length - 1];
      if (!last || leases.length < pageSize) return;
      from = last["ip-address"];
    }
    throw new KeaApiError(`lease${family}-get-page: more than ${maxPages} pages; raise the limit`);
  }
}

function causeOf(e: Error): string {
  const c = (e as { cause?: { code?: string; message?: string } }).cause;
  return c?.code ? `${c.code} ${c.message ?? ""}`.trim() : e.message;
}

/** A lease as lease4-get-page / lease6-get-page return it. */
export interface KeaApiLease {
  "ip-address": string;
  "hw-address"?: string;
  "client-id"?: string;
  duid?: string;
  iaid?: number;
  type?: string;
  "prefix-len"?: number;
  cltt?: number;
  "valid-lft"?: number;
  "preferred-lft"?: number;
  "subnet-id"?: number;
  "pool-id"?: number;
  hostname?: string;
  state?: number;
  "fqdn-fwd"?: boolean;
  "fqdn-rev"?: boolean;
  "user-context"?: Record<string, unknown>;
}

const STATES: Record<number, DhcpLease["state"]> = {
  0: "bound",
  1: "declined",
  2: "reclaimed",
  3: "released",
  4: "registered",
};

/** Maps a Control Agent lease onto the common model (the same one the memfile parser produces). */
export function keaApiLease(l: KeaApiLease, server: string, index: number): DhcpLease | string {
  const p = parseAddress(l["ip-address"] ?? "");
  if (!p) return `lease ${index}: bad ip-address ${JSON.stringify(l["ip-address"])}`;
  const v6 = p.family === 6;
  const type = (l.type ?? (v6 ? "IA_NA" : "V4")) as DhcpLease["leaseType"];
  const hw = l["hw-address"] ? normalizeHex(l["hw-address"]) : null;
  const cidRaw = v6 ? l.duid : l["client-id"];
  const cid = cidRaw ? normalizeHex(cidRaw) : null;
  const valid = l["valid-lft"] ?? null;
  const cltt = l.cltt ?? null;
  const infinite = valid === 0xffffffff;
  return {
    format: "kea-csv",
    family: p.family,
    address: p.text,
    addressKey: addressSortKey(p.text),
    prefixLength: type === "IA_PD" ? (l["prefix-len"] ?? 128) : v6 ? 128 : 32,
    leaseType: type,
    hwAddress: hw || null,
    hwType: null,
    clientId: cid || null,
    iaid: l.iaid ?? null,
    hostname: l.hostname ? l.hostname : null,
    state: STATES[l.state ?? 0] ?? "unknown",
    deleted: false,
    starts: cltt,
    ends: cltt !== null && valid !== null && !infinite ? cltt + valid : null,
    cltt,
    validLifetime: valid,
    preferredLifetime: l["preferred-lft"] ?? null,
    subnetId: l["subnet-id"] ?? null,
    poolId: l["pool-id"] ?? null,
    fqdnFwd: l["fqdn-fwd"] ?? null,
    fqdnRev: l["fqdn-rev"] ?? null,
    userContext: l["user-context"] ?? null,
    failover: null,
    server,
    line: index + 1,
    raw: {},
  };
}
