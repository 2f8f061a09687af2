/**
 * DNS over TCP/UDP to configured servers: AXFR (RFC 5936) and SOA queries, with TSIG, an
 * overall deadline, an idle timeout and size/record limits. Every failure is an AxfrError
 * (or TransportError) with a sentence an operator can act on.
 */
import { randomInt } from "node:crypto";
import { createSocket } from "node:dgram";
import { isIP, Socket } from "node:net";
import {
  AxfrCollector,
  AxfrError,
  type AxfrLimits,
  decodeMessage,
  decodeSoaRdata,
  DnsMessageError,
  encodeQuery,
  nameFromText,
  rcodeText,
  RRType,
  type SoaFields,
  signQuery,
  TcpFrameReader,
  TsigResponseVerifier,
  type TsigKey,
  tcpFrame,
  TYPE_AXFR,
  type ZoneRecord,
} from "@netops/protocols/dns";
import { unreachableText } from "../../services/outbound/errors";

export class TransportError extends Error {
  constructor(
    readonly kind: "timeout" | "connect" | "closed" | "limit",
    message: string,
    /** The precise cause, for the server log (the message may be the generic one). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/**
 * Until the peer has answered like a DNS server, every failure (refused, silent, filtered, another
 * protocol) has one text: which one it was would tell a viewer what listens behind the console.
 */
const noAnswer = (server: string, kind: TransportError["kind"], detail: string) =>
  new TransportError(kind, unreachableText(server), detail);

/** A DNS response to our query (ID and QR bit), before any further decoding. */
const answersOurQuery = (m: Uint8Array, id: number) =>
  m.length >= 12 && ((m[0]! << 8) | m[1]!) === id && (m[2]! & 0x80) !== 0;

export interface ServerAddress {
  host: string;
  port: number;
  /** The address to connect to, checked by the outbound policy (host stays the name, for messages). */
  connectTo?: string;
}

/** Parses SERVER[:PORT], [v6]:PORT or a bare IPv6 address; the port defaults to 53. */
export function parseServer(text: string, defaultPort = 53): ServerAddress {
  const t = text.trim();
  let host = t;
  let port = defaultPort;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(t);
  if (bracket) {
    host = bracket[1]!;
    if (bracket[2]) port = Number(bracket[2]);
  } else if (isIP(t) !== 6) {
    const i = t.lastIndexOf(":");
    if (i > 0) {
      host = t.slice(0, i);
      port = Number(t.slice(i + 1));
    }
  }
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`'${text}' is not SERVER[:PORT] with a port from 1 to 65535`);
  return { host, port };
}

export function serverText(s: ServerAddress): string {
  return isIP(s.host) === 6 ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
}

export interface AxfrOptions extends ServerAddress {
  zone: string;
  tsig?: TsigKey | null;
  /** Whole transfer deadline. */
  timeoutMs?: number;
  /** Longest silence from the server. */
  idleTimeoutMs?: number;
  limits?: Partial<AxfrLimits>;
  signal?: AbortSignal;
  now?: () => number;
}

export interface AxfrResult {
  records: ZoneRecord[];
  serial: number;
  messages: number;
  bytes: number;
  durationMs: number;
  server: string;
}

/** Runs one AXFR over TCP and returns the zone's records (closing SOA left out). */
export function axfr(opts: AxfrOptions): Promise<AxfrResult> {
  const started = performance.now();
  const zoneWire = nameFromText(opts.zone.endsWith(".") ? opts.zone : `${opts.zone}.`);
  const id = randomInt(0, 0x10000);
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  let query = encodeQuery({ id, name: zoneWire, type: TYPE_AXFR });
  let verifier: TsigResponseVerifier | null = null;
  if (opts.tsig) {
    const signed = signQuery(query, opts.tsig, now());
    query = signed.message;
    verifier = new TsigResponseVerifier(opts.tsig, signed.mac, now);
  }
  const server = serverText(opts);
  const collector = new AxfrCollector(zoneWire, id, opts.limits, verifier, `axfr ${server}`);
  const frames = new TcpFrameReader();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const idleMs = opts.idleTimeoutMs ?? 15_000;

  return new Promise<AxfrResult>((resolve, reject) => {
    const sock = new Socket();
    let settled = false;
    let connected = false;
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      opts.signal?.removeEventListener("abort", onAbort);
      sock.destroy();
      if (err) reject(err);
      else
        resolve({
          records: collector.records,
          serial: collector.serial ?? 0,
          messages: collector.messages,
          bytes: collector.bytes,
          durationMs: performance.now() - started,
          server,
        });
    };
    const deadline = setTimeout(
      () =>
        finish(
          collector.messages === 0
            ? noAnswer(server, "timeout", `no answer within ${timeoutMs} ms`)
            : new TransportError(
                "timeout",
                `AXFR from ${server} did not finish within ${timeoutMs} ms (${collector.records.length} records so far)`,
              ),
        ),
      timeoutMs,
    );
    const onAbort = () => finish(new TransportError("timeout", "transfer cancelled"));
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    if (opts.signal?.aborted) onAbort();
    sock.setTimeout(idleMs, () =>
      finish(
        collector.messages === 0
          ? noAnswer(
              server,
              "timeout",
              connected ? `silent for ${idleMs} ms` : `no TCP connection within ${idleMs} ms`,
            )
          : new TransportError(
              "timeout",
              `${server} sent nothing for ${idleMs} ms during the AXFR (${collector.records.length} records so far)`,
            ),
      ),
    );
    sock.on("error", (e: NodeJS.ErrnoException) =>
      finish(
        collector.messages === 0
          ? noAnswer(server, connected ? "closed" : "connect", e.code ?? e.message)
          : new TransportError(
              "closed",
              `connection to ${server} failed mid-transfer: ${e.code ?? e.message}`,
            ),
      ),
    );
    sock.on("close", () =>
      finish(
        collector.messages === 0
          ? noAnswer(server, "closed", `closed after ${frames.buffered} octets without a whole answer`)
          : new TransportError(
              "closed",
              frames.buffered > 0
                ? `${server} closed the connection mid-transfer, inside a message (${frames.buffered} octets of it received) after ${collector.messages} whole message(s)`
                : `${server} closed the connection mid-transfer after ${collector.messages} message(s), ${collector.records.length} records, before the closing SOA`,
            ),
      ),
    );
    sock.on("data", (chunk: Buffer) => {
      if (settled) return;
      try {
        const msgs = frames.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        for (const m of msgs) {
          if (collector.messages === 0 && !answersOurQuery(m, id)) {
            finish(noAnswer(server, "closed", `${m.length}-octet frame that is not an answer to the query`));
            return;
          }
          if (collector.push(m)) {
            finish(frames.buffered > 0 ? new AxfrError("protocol", "data after the closing SOA") : null);
            return;
          }
        }
        if (collector.bytes + frames.buffered > (opts.limits?.maxBytes ?? Number.POSITIVE_INFINITY))
          throw new AxfrError("limit", `transfer larger than ${opts.limits?.maxBytes} octets`);
      } catch (err) {
        if (err instanceof DnsMessageError) finish(new AxfrError("malformed", err.message));
        else finish(err as Error);
      }
    });
    sock.connect({ host: opts.connectTo ?? opts.host, port: opts.port }, () => {
      connected = true;
      sock.write(tcpFrame(query));
    });
  });
}

export interface SoaQueryOptions extends ServerAddress {
  zone: string;
  timeoutMs?: number;
  tsig?: TsigKey | null;
  now?: () => number;
}

export interface SoaAnswer {
  soa: SoaFields;
  authoritative: boolean;
  rttMs: number;
  transport: "udp" | "tcp";
}

function checkSoaResponse(raw: Uint8Array, id: number, zone: Uint8Array, zoneText: string, server: string) {
  const m = decodeMessage(raw);
  if (m.header.id !== id || !m.header.qr) throw new TransportError("closed", `${server}: unrelated answer`);
  if (m.header.rcode !== 0)
    throw new TransportError("closed", `${server} answered ${rcodeText(m.header.rcode)}`);
  const soa = m.answers.find(
    (r) => r.type === RRType.SOA && r.owner.length === zone.length && r.owner.every((b, i) => b === zone[i]),
  );
  if (!soa) {
    if (m.header.tc) return { truncated: true as const };
    throw new TransportError("closed", `${server} has no SOA for ${zoneText} (not authoritative?)`);
  }
  return { truncated: false as const, soa: decodeSoaRdata(soa.rdata), aa: m.header.aa };
}

/** Asks one server for the zone's SOA over UDP, retrying over TCP when truncated. */
export async function querySoa(opts: SoaQueryOptions): Promise<SoaAnswer> {
  const zoneText = opts.zone.endsWith(".") ? opts.zone : `${opts.zone}.`;
  const zone = nameFromText(zoneText);
  const server = serverText(opts);
  const timeoutMs = opts.timeoutMs ?? 3000;
  const id = randomInt(0, 0x10000);
  const query = encodeQuery({ id, name: zone, type: RRType.SOA });
  const t0 = performance.now();
  const raw = await udpExchange(opts, query, id, timeoutMs, "SOA query");
  try {
    const r = checkSoaResponse(raw, id, zone, zoneText, server);
    if (!r.truncated)
      return { soa: r.soa, authoritative: r.aa, rttMs: performance.now() - t0, transport: "udp" };
  } catch (err) {
    if (err instanceof DnsMessageError) throw noAnswer(server, "closed", err.message);
    throw err;
  }
  const tcp = await tcpExchange({ ...opts, timeoutMs }, query, id);
  const r = checkSoaResponse(tcp, id, zone, zoneText, server);
  if (r.truncated) throw new TransportError("closed", `${server}: truncated SOA answer over TCP`);
  return { soa: r.soa, authoritative: r.aa, rttMs: performance.now() - t0, transport: "tcp" };
}

/** One query, one answer over UDP; the answer must carry the query's ID. */
function udpExchange(
  opts: ServerAddress,
  query: Uint8Array,
  id: number,
  timeoutMs: number,
  what: string,
): Promise<Uint8Array> {
  const server = serverText(opts);
  const target = opts.connectTo ?? opts.host;
  const family = isIP(target) === 6 ? "udp6" : "udp4";
  return new Promise<Uint8Array>((resolve, reject) => {
    const s = createSocket(family);
    const timer = setTimeout(() => {
      s.close();
      reject(noAnswer(server, "timeout", `no answer to the ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    s.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      s.close();
      reject(noAnswer(server, "connect", `${what}: ${e.code ?? e.message}`));
    });
    s.on("message", (msg) => {
      // Anything but an answer to this query (late, spoofed, another protocol) is ignored; the timer bounds the wait.
      if (!answersOurQuery(msg, id)) return;
      clearTimeout(timer);
      s.close();
      resolve(new Uint8Array(msg));
    });
    s.send(query, opts.port, target);
  });
}

export interface ResolveOptions {
  /** The configured recursive resolver (an IP address and port; never the system's). */
  resolver: ServerAddress;
  /** Host name to look up (e.g. an NS target). */
  name: string;
  timeoutMs?: number;
}

/**
 * A and AAAA addresses of `name` from the configured resolver (RD set; TCP when truncated).
 * CNAMEs in the answer are followed within the answer only. NXDOMAIN or no data gives an
 * error naming the host, so the caller can show why a name server is not watched.
 */
export async function resolveAddresses(opts: ResolveOptions): Promise<string[]> {
  const { resolver } = opts;
  if (isIP(resolver.host) === 0)
    throw new TransportError("connect", `resolver ${resolver.host} must be an IP address`);
  const timeoutMs = opts.timeoutMs ?? 3000;
  const nameText = opts.name.endsWith(".") ? opts.name : `${opts.name}.`;
  const want = nameFromText(nameText);
  const server = serverText(resolver);
  const out: string[] = [];
  let nx = false;
  for (const type of [RRType.A, RRType.AAAA]) {
    const id = randomInt(0, 0x10000);
    const query = encodeQuery({ id, name: want, type, rd: true });
    let raw = await udpExchange(resolver, query, id, timeoutMs, `${typeText(type)} query for ${nameText}`);
    let m = decodeAnswer(raw, id, server);
    if (m.header.tc) {
      raw = await tcpExchange({ ...resolver, timeoutMs }, query, id);
      m = decodeAnswer(raw, id, server);
    }
    if (m.header.rcode === 3) {
      nx = true;
      break;
    }
    if (m.header.rcode !== 0)
      throw new TransportError("closed", `${server} answered ${rcodeText(m.header.rcode)} for ${nameText}`);
    // Follow the CNAME chain inside this answer (bounded by the answer's size).
    let owner = want;
    for (let hop = 0; hop < 8; hop++) {
      const c = m.answers.find((r) => r.type === RRType.CNAME && sameName(r.owner, owner));
      if (!c) break;
      owner = c.rdata;
    }
    for (const r of m.answers) {
      if (r.type !== type || !sameName(r.owner, owner)) continue;
      if (type === RRType.A && r.rdata.length === 4) out.push([...r.rdata].join("."));
      if (type === RRType.AAAA && r.rdata.length === 16)
        out.push(
          Array.from({ length: 8 }, (_, i) =>
            ((r.rdata[2 * i]! << 8) | r.rdata[2 * i + 1]!).toString(16),
          ).join(":"),
        );
    }
  }
  if (nx) throw new TransportError("closed", `${nameText} does not exist (NXDOMAIN from ${server})`);
  if (out.length === 0) throw new TransportError("closed", `${server} has no A or AAAA for ${nameText}`);
  return out;
}

function typeText(type: number): string {
  return type === RRType.A ? "A" : "AAAA";
}

function sameName(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a[i]!;
    let y = b[i]!;
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}

function decodeAnswer(raw: Uint8Array, id: number, server: string) {
  let m: ReturnType<typeof decodeMessage>;
  try {
    m = decodeMessage(raw);
  } catch (err) {
    if (err instanceof DnsMessageError) throw noAnswer(server, "closed", err.message);
    throw err;
  }
  if (m.header.id !== id || !m.header.qr) throw noAnswer(server, "closed", "unrelated answer");
  return m;
}

/** One query, one answer over TCP. */
function tcpExchange(
  opts: ServerAddress & { timeoutMs: number },
  query: Uint8Array,
  id: number,
): Promise<Uint8Array> {
  const server = serverText(opts);
  return new Promise((resolve, reject) => {
    const sock = new Socket();
    const frames = new TcpFrameReader();
    let done = false;
    const finish = (err: Error | null, m?: Uint8Array) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(m as Uint8Array);
    };
    const timer = setTimeout(
      () => finish(noAnswer(server, "timeout", `no answer over TCP within ${opts.timeoutMs} ms`)),
      opts.timeoutMs,
    );
    sock.on("error", (e: NodeJS.ErrnoException) =>
      finish(noAnswer(server, "connect", `TCP: ${e.code ?? e.message}`)),
    );
    sock.on("close", () => finish(noAnswer(server, "closed", "TCP: closed without an answer")));
    sock.on("data", (chunk: Buffer) => {
      try {
        const [m] = frames.push(new Uint8Array(chunk));
        if (m) finish(answersOurQuery(m, id) ? null : noAnswer(server, "closed", "TCP: not an answer"), m);
      } catch (err) {
        finish(noAnswer(server, "closed", `TCP: ${(err as Error).message}`));
      }
    });
    sock.connect({ host: opts.connectTo ?? opts.host, port: opts.port }, () => sock.write(tcpFrame(query)));
  });
}

export { AxfrError };
