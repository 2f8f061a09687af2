/**
 * Getting a copy of a zone: a file inside the configured folders, an https URL from the
 * configured list, or AXFR from a server. Each streams into the zone parser, stops at the size
 * and record limits, and fails with a sentence saying what went wrong.
 */
import { createReadStream, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import {
  bytesToLatin1,
  type IncludeResolver,
  type TsigKey,
  ZoneParseError,
  ZoneParser,
  type ZoneRecord,
} from "@netops/protocols/dns";
import { OutboundError } from "../../services/outbound/errors";
import type { OutboundFetch } from "../../services/outbound/http";
import type { OutboundPolicy } from "../../services/outbound/policy";
import { axfr, parseServer } from "./transport";

export interface DnsLimits {
  zoneDirs: string[];
  httpsUrls: string[];
  maxZoneBytes: number;
  maxRecords: number;
  fetchTimeoutSeconds: number;
  /** Resolver ("IP:PORT") for the NS set's names; null: only the zone's own glue is used. */
  resolver?: string | null;
  /**
   * AXFR/SOA servers the console may contact besides public addresses on port 53: `host`,
   * `host:port`, `[v6]:port` (53 when no port is given). Loopback and private servers must be listed.
   */
  allowedServers?: string[];
}

export class FetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FetchError";
  }
}

export interface ZoneCopy {
  records: ZoneRecord[];
  errors: ZoneParseError[];
  bytes: number;
  /** Where it came from, for the history. */
  label: string;
  fetchMs: number;
}

function inside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Resolves `p` (following symlinks) and refuses anything outside the configured folders. */
export function confinedPath(p: string, dirs: readonly string[]): string {
  if (dirs.length === 0)
    throw new FetchError("no zone folders are configured (dns.zoneDirs), so no file can be read");
  let real: string;
  try {
    real = realpathSync(path.resolve(p));
  } catch (e) {
    throw new FetchError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const realDirs = dirs.flatMap((d) => {
    try {
      return [realpathSync(path.resolve(d))];
    } catch {
      return [];
    }
  });
  if (!realDirs.some((d) => inside(d, real)))
    throw new FetchError(`${p} is outside the configured zone folders (dns.zoneDirs)`);
  return real;
}

/** $INCLUDE: only files inside the zone folders, read whole (they are small in practice), size-capped. */
function includeResolver(dirs: readonly string[], baseDir: string, maxBytes: number): IncludeResolver {
  return (req) => {
    const real = confinedPath(path.resolve(baseDir, req.path), dirs);
    const size = statSync(real).size;
    if (size > maxBytes) throw new Error(`included file ${req.path} is larger than ${maxBytes} bytes`);
    return { id: real, name: req.path, content: readFileSync(real, "latin1") };
  };
}

/** Feeds byte chunks into a parser, enforcing the size and record limits. */
class Feeder {
  readonly parser: ZoneParser;
  readonly records: ZoneRecord[] = [];
  bytes = 0;
  constructor(
    origin: string,
    file: string,
    private readonly limits: Pick<DnsLimits, "maxZoneBytes" | "maxRecords">,
    include?: IncludeResolver,
  ) {
    this.parser = new ZoneParser({ origin, file, latin1: true, ...(include && { include }) });
  }
  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxZoneBytes)
      throw new FetchError(
        `zone is larger than the limit of ${this.limits.maxZoneBytes} bytes (dns.maxZoneBytes)`,
      );
    this.add(this.parser.push(bytesToLatin1(chunk)));
  }
  end(): void {
    this.add(this.parser.end());
  }
  private add(batch: ZoneRecord[]): void {
    for (let i = 0; i < batch.length; i++) this.records.push(batch[i]!);
    if (this.records.length > this.limits.maxRecords)
      throw new FetchError(`zone has more than ${this.limits.maxRecords} records (dns.maxRecords)`);
  }
}

export async function readZoneFile(file: string, origin: string, limits: DnsLimits): Promise<ZoneCopy> {
  const t0 = performance.now();
  const real = confinedPath(file, limits.zoneDirs);
  const feeder = new Feeder(
    origin,
    file,
    limits,
    includeResolver(limits.zoneDirs, path.dirname(real), limits.maxZoneBytes),
  );
  const stream = createReadStream(real, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) feeder.push(chunk as Buffer);
  } catch (e) {
    stream.destroy();
    if (e instanceof FetchError) throw e;
    throw new FetchError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  feeder.end();
  return {
    records: feeder.records,
    errors: feeder.parser.errors,
    bytes: feeder.bytes,
    label: file,
    fetchMs: performance.now() - t0,
  };
}

/** Only URLs listed in dns.httpsUrls are fetched; redirects are refused (they would leave the list). */
export async function fetchZoneUrl(
  url: string,
  origin: string,
  limits: DnsLimits,
  fetchFn: OutboundFetch,
  signal?: AbortSignal,
): Promise<ZoneCopy> {
  const t0 = performance.now();
  if (!limits.httpsUrls.includes(url))
    throw new FetchError(`${url} is not in the configured list of zone URLs (dns.httpsUrls)`);
  const timeout = AbortSignal.timeout(limits.fetchTimeoutSeconds * 1000);
  let res: Response;
  try {
    res = await fetchFn(url, {
      redirect: "error",
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      headers: { accept: "text/dns, text/plain, */*" },
    });
  } catch (e) {
    // A deadline, a refused connection, a TLS failure: one text (the zone's history is viewer-visible).
    if (e instanceof OutboundError) throw new FetchError(`cannot fetch ${url}: ${e.message}`);
    if (signal?.aborted) throw new FetchError(`cannot fetch ${url}: cancelled`);
    throw new FetchError(`cannot fetch ${url}: connection failed`);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => {});
    throw new FetchError(`${url} answered HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get("content-length") ?? "NaN");
  if (declared > limits.maxZoneBytes)
    throw new FetchError(
      `${url} is ${declared} bytes, above the limit of ${limits.maxZoneBytes} (dns.maxZoneBytes)`,
    );
  const feeder = new Feeder(origin, url, limits);
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      feeder.push(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    if (e instanceof FetchError) throw e;
    throw new FetchError(`reading ${url} failed: ${(e as Error).message}`);
  }
  feeder.end();
  return {
    records: feeder.records,
    errors: feeder.parser.errors,
    bytes: feeder.bytes,
    label: url,
    fetchMs: performance.now() - t0,
  };
}

/** AXFR from a server the outbound policy allows (checked, then pinned to the checked address). */
export async function transferZone(
  server: string,
  zone: string,
  tsig: TsigKey | null,
  limits: DnsLimits,
  policy: OutboundPolicy,
  signal?: AbortSignal,
): Promise<ZoneCopy> {
  const t0 = performance.now();
  let addr: ReturnType<typeof parseServer>;
  let connectTo: string;
  try {
    addr = parseServer(server);
    connectTo = (await policy.pin(addr.host, addr.port)).addresses[0]!;
  } catch (e) {
    throw new FetchError((e as Error).message);
  }
  const r = await axfr({
    ...addr,
    connectTo,
    zone,
    tsig,
    timeoutMs: limits.fetchTimeoutSeconds * 1000,
    limits: { maxRecords: limits.maxRecords, maxBytes: limits.maxZoneBytes },
    ...(signal && { signal }),
  });
  return {
    records: r.records,
    errors: [],
    bytes: r.bytes,
    label: `axfr ${r.server}${tsig ? ` (TSIG ${tsig.name})` : ""}`,
    fetchMs: performance.now() - t0,
  };
}

export { ZoneParseError };
