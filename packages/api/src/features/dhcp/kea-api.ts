import { realpath } from "node:fs/promises";
import path from "node:path";
import { addressSortKey, keaSubnetIdError, normalizeHex, parseAddress } from "@netops/protocols/dhcp";
import type { DhcpLease } from "@netops/protocols/dhcp";
import { OutboundError, unreachableText } from "../../services/outbound/errors";
import { type OutboundFetch, outboundFetch, urlRefusal } from "../../services/outbound/http";
import { OutboundPolicy } from "../../services/outbound/policy";
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

export class KeaApiError extends Error {
  constructor(
    message: string,
    /** The precise cause when the message is the generic "connection failed" (for the server log). */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** Where Kea may be reached: configured Control Agents and control-socket folders. */
export interface KeaLimits {
  /** Control Agents a kea-api URL may name: `host`, `host:port`, `[v6]:port` (8000 when none) — dhcp.keaAgents. */
  agents: readonly string[];
  /** Folders a control socket may be in (symlinks resolved) — dhcp.keaSocketDirs. */
  socketDirs: readonly string[];
}

export const DEFAULT_KEA_LIMITS: KeaLimits = { agents: [], socketDirs: [] };

function insideDir(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/**
 * The Kea side of the outbound policy: agent URLs only to listed host:port pairs (http allowed:
 * they are configured), pinned and without redirects; sockets only inside the listed folders.
 */
export class KeaOutbound {
  readonly policy: OutboundPolicy;
  readonly fetch: OutboundFetch;
  private readonly allowHttp = () => true;
  private readonly socketDirs: string[];

  constructor(
    limits: KeaLimits = DEFAULT_KEA_LIMITS,
    /** A replacement transport (tests); the policy is still checked before it is called. */
    fetchImpl?: typeof fetch,
    onFailure?: (info: { service: string; url: string; detail: string }) => void,
  ) {
    this.socketDirs = [...limits.socketDirs];
    this.policy = new OutboundPolicy({
      service: "kea",
      configKey: "dhcp.keaAgents",
      defaultPort: 8000,
      allow: limits.agents,
    });
    const guarded = outboundFetch({
      policy: this.policy,
      allowHttp: this.allowHttp,
      ...(onFailure && { onFailure }),
    });
    this.fetch = fetchImpl
      ? async (input, init) => {
          if (!URL.canParse(String(input)))
            throw new OutboundError("refused", `${JSON.stringify(String(input))} is not a URL`);
          const refused = urlRefusal(new URL(String(input)), this.policy, this.allowHttp);
          if (refused) throw new OutboundError("refused", refused);
          return fetchImpl(input, init);
        }
      : guarded;
  }

  /** Adds a control-socket folder (a test's or lab's Kea, known only once it runs). */
  allowSocketDir(dir: string): void {
    this.socketDirs.push(dir);
  }

  /** Why a kea-api location may not be used (nothing is contacted to decide), or null. */
  async locationProblem(location: string): Promise<string | null> {
    if (isKeaSocketPath(location)) {
      try {
        await this.socketPath(location);
        return null;
      } catch (e) {
        // Inside the folders but not there yet (Kea not started): checked again at every poll.
        return (e as KeaApiError).detail === "no such socket" ? null : (e as Error).message;
      }
    }
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      return "a Kea Control Agent URL (http:// or https://) or the absolute path of a Kea control socket";
    }
    return urlRefusal(url, this.policy, this.allowHttp);
  }

  /**
   * The socket's real path, if it is inside a configured folder: the path as written is checked
   * before the file system is touched (so nothing is learnt about other folders), then again
   * with symlinks resolved.
   */
  async socketPath(location: string): Promise<string> {
    const dirs = this.socketDirs;
    const refused = () =>
      new KeaApiError(
        dirs.length
          ? `${location} is outside the configured Kea socket folders (dhcp.keaSocketDirs)`
          : "no Kea socket folders are configured (dhcp.keaSocketDirs), so no control socket can be used",
      );
    if (location.includes("\0") || !path.isAbsolute(location) || location.split("/").includes(".."))
      throw refused();
    const lexical = path.resolve(location);
    if (!dirs.some((d) => insideDir(path.resolve(d), lexical))) throw refused();
    const realDirs: string[] = [];
    for (const d of dirs) {
      try {
        realDirs.push(await realpath(path.resolve(d)));
      } catch {}
    }
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      // Missing or unreadable: the same words as a socket nobody answers on.
      throw new KeaApiError(unreachableText(location), "no such socket");
    }
    if (!realDirs.some((d) => insideDir(d, real))) throw refused();
    return real;
  }
}

export interface KeaClientOptions {
  /** Control Agent URL (http/https), or the absolute path of a Kea server's control socket. */
  url: string;
  service: string;
  timeoutMs: number;
  /** Where Kea may be reached (the policy, and the transport for agent URLs). */
  outbound: KeaOutbound;
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
      // Never echoed: the peer's bytes may be anything (another service's page, a banner).
      throw new KeaApiError(
        `${command}: the answer is not Kea's JSON`,
        `${text.length} characters of non-JSON`,
      );
    }
    const first = (Array.isArray(body) ? body[0] : body) as KeaAnswer<A> | undefined;
    if (!first || typeof first.result !== "number")
      throw new KeaApiError(`${command}: answer has no result code`);
    if (first.result === 1 || first.result === 2)
      throw new KeaApiError(`${command}: ${first.text ?? `result ${first.result}`}`);
    return first;
  }

  private async overHttp(command: string, args?: Record<string, unknown>): Promise<string> {
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    let res: Response;
    try {
      res = await this.opts.outbound.fetch(this.opts.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ command, service: [this.opts.service], ...(args && { arguments: args }) }),
        signal,
        redirect: "error",
      });
    } catch (e) {
      if (e instanceof OutboundError) throw new KeaApiError(`${command}: ${e.message}`, e.detail);
      // A replacement transport's failure: the same one text, the cause for the log.
      throw new KeaApiError(`${command}: ${unreachableText(hostPort(this.opts.url))}`, causeOf(e as Error));
    }
    const text = await readCapped(res, MAX_BODY).catch((e: Error) => {
      throw new KeaApiError(
        signal.aborted
          ? `${command}: no complete answer within ${this.opts.timeoutMs} ms`
          : `${command}: ${e.message}`,
      );
    });
    // The status only: an error page's text is not Kea's and is not shown.
    if (!res.ok) throw new KeaApiError(`${command}: HTTP ${res.status}`, `${text.length} characters`);
    return text;
  }

  /** Straight to the server: no "service" (that is the agent's routing field). */
  private async overSocket(command: string, args?: Record<string, unknown>): Promise<string> {
    let real: string;
    try {
      real = await this.opts.outbound.socketPath(this.opts.url);
    } catch (e) {
      throw new KeaApiError(`${command}: ${(e as Error).message}`, (e as KeaApiError).detail);
    }
    try {
      return await keaSocketExchange(
        real,
        JSON.stringify({ command, ...(args && { arguments: args }) }),
        this.opts.timeoutMs,
        MAX_BODY,
      );
    } catch (e) {
      const err = e as Error & { answered?: boolean };
      // Before any answer, one text whatever happened (refused, not a socket, silent).
      if (!err.answered) throw new KeaApiError(`${command}: ${unreachableText(this.opts.url)}`, err.message);
      throw new KeaApiError(`${command}: ${err.message}`);
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

function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === "https:" ? 443 : 80)}`;
  } catch {
    return url;
  }
}

/** The body as text, refusing to buffer more than `max` bytes. */
async function readCapped(res: Response, max: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new Error(`answer larger than ${max} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
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
  const subnetId = l["subnet-id"] ?? null;
  const badSubnet = subnetId === null ? null : keaSubnetIdError(subnetId);
  if (badSubnet) return `lease ${index}: ${badSubnet}`;
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
    subnetId: subnetId as number | null,
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
