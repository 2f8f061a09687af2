import type { Db } from "@netops/db";
import {
  cidrRange,
  type RejectedLine,
  parseAddress,
  rejectedLine,
  rejectedLines,
} from "@netops/protocols/dhcp";
import { FileReplacedError, planRead, readLines } from "./follower";
import type { LeaseWriter } from "./ingest";
import { unstorable } from "./lease-copy";
import { KeaClient, type KeaOutbound, keaApiLease } from "./kea-api";
import { type LeaseFileLimits, type OpenedLeaseFile, openLeaseFile } from "./lease-files";
import { createFileParser, type FileKind, type FileParser, isAppendOnly } from "./parsers";
import { type SubnetConfig, subnetsFromKeaConfig } from "./pools";
import type { Sql } from "./sql";
import { jsonColumn } from "../../json-column";

type SourceRow = NonNullable<Awaited<ReturnType<Db["dhcpSource"]["findFirst"]>>>;

const BATCH = 20_000;
const MAX_KEPT_ERRORS = 50;
/** Reads of one poll when the file keeps being replaced under the reader (then it is an error). */
const MAX_READS = 3;

/**
 * The leases the writer can store; each other one goes to `reject` as a rejected record (line,
 * field, reason), so one hostile record is listed like a parse error and the rest are stored.
 */
function storableOnly<L extends Parameters<typeof unstorable>[0]>(
  leases: readonly L[],
  reject: (e: { line: number; code: string; field: string; reason: string }) => void,
): readonly L[] {
  let out: L[] | null = null;
  for (let i = 0; i < leases.length; i++) {
    const l = leases[i] as L;
    const why = unstorable(l);
    if (why) {
      out ??= leases.slice(0, i);
      reject({ line: l.line, code: "bad-value", ...why });
    } else out?.push(l);
  }
  return out ?? leases;
}

export interface CollectorOptions {
  keaTimeoutMs: number;
  keaPageSize: number;
  keaMaxPages: number;
  /** Where Kea may be reached (outbound policy and transport). */
  kea: KeaOutbound;
  now: () => Date;
  /** Where lease files may be read from, and their size limit. */
  files: LeaseFileLimits;
}

export interface PollOutcome {
  ok: boolean;
  changed: boolean;
  upserted: number;
  removed: number;
  errors: number;
  error?: string;
  /** Times the file was replaced while being read and read again from the start in this poll. */
  rereads?: number;
}

/**
 * Reads one source into the database. A failure (file gone, agent down, file replaced mid-read)
 * is recorded on the source and nothing already stored is touched: the last good data stays and
 * the page shows its age.
 */
export class DhcpCollector {
  /** Parsers of append-only files keep their state (Kea header) between polls. */
  private readonly parsers = new Map<number, FileParser>();
  private readonly gens = new Map<number, number>();
  /** The read of each source in progress (or queued last), see poll(). */
  private readonly reading = new Map<number, Promise<PollOutcome>>();

  constructor(
    private readonly db: Db,
    private readonly sql: Sql,
    private readonly writer: LeaseWriter,
    private readonly opts: CollectorOptions,
  ) {}

  private async nextGen(sourceId: number): Promise<number> {
    let g = this.gens.get(sourceId);
    if (g === undefined) {
      const row = await this.sql.get<{ g: number | null }>(
        "SELECT max(gen) AS g FROM DhcpLease WHERE sourceId = ?",
        sourceId,
      );
      g = row?.g ?? 0;
    }
    this.gens.set(sourceId, g + 1);
    return g + 1;
  }

  forget(sourceId: number): void {
    this.parsers.delete(sourceId);
    this.gens.delete(sourceId);
  }

  /**
   * Reads of one source run one after the other: an operator's "poll now" during the scheduled
   * read would otherwise share its file parser, race its first-read COPY into the unique index
   * (PostgreSQL) and sweep away the rows of the other read's generation. A read asked for while
   * another runs starts when that one ends, so it sees what is there after the click.
   */
  poll(source: SourceRow): Promise<PollOutcome> {
    const before = this.reading.get(source.id);
    // A queued read takes the source as the read before it left it (a follower's offset).
    const read = before
      ? before.then(undefined, () => undefined).then(() => this.pollLatest(source.id))
      : this.pollNow(source);
    this.reading.set(source.id, read);
    const done = () => {
      if (this.reading.get(source.id) === read) this.reading.delete(source.id);
    };
    read.then(done, done);
    return read;
  }

  private async pollLatest(id: number): Promise<PollOutcome> {
    const source = await this.db.dhcpSource.findUnique({ where: { id } });
    if (!source)
      return { ok: false, changed: false, upserted: 0, removed: 0, errors: 0, error: "source removed" };
    return this.pollNow(source);
  }

  private async pollNow(source: SourceRow): Promise<PollOutcome> {
    const now = this.opts.now();
    try {
      const out =
        source.kind === "kea-api"
          ? await this.pollKea(source)
          : await this.pollFile(source, source.kind as FileKind);
      return out;
    } catch (e) {
      const error = (e as Error).message || String(e);
      await this.db.dhcpSource.update({
        where: { id: source.id },
        data: { lastPollAt: now, lastError: error.slice(0, 2000), lastErrorAt: now },
      });
      // The next read starts over: a half-read file must not leave a parser mid-record.
      this.parsers.delete(source.id);
      return { ok: false, changed: false, upserted: 0, removed: 0, errors: 0, error };
    }
  }

  /**
   * A file replaced mid-read (Kea's LFC renames the compacted file over the old one) is read
   * again whole under a new generation, whose sweep drops whatever the half-read old file left:
   * the stored leases end up exactly the new file's, with no duplicates and none lost.
   */
  private async pollFile(source: SourceRow, kind: FileKind): Promise<PollOutcome> {
    const firstRead = (await this.writer.count(source.id)) === 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await this.pollFileOnce(source, kind, firstRead);
        return attempt > 1 ? { ...out, rereads: attempt - 1 } : out;
      } catch (e) {
        if (!(e instanceof FileReplacedError)) throw e;
        if (attempt >= MAX_READS)
          throw new FileReplacedError(`${e.message} ${MAX_READS} times in a row; trying again next poll`);
        this.parsers.delete(source.id);
      }
    }
  }

  /** One read through a descriptor opened (and checked) for this read alone. */
  private async pollFileOnce(source: SourceRow, kind: FileKind, firstRead: boolean): Promise<PollOutcome> {
    const file = await openLeaseFile(source.location, this.opts.files);
    try {
      return await this.readOpened(source, kind, firstRead, file);
    } finally {
      await file.fh.close();
    }
  }

  private async readOpened(
    source: SourceRow,
    kind: FileKind,
    firstRead: boolean,
    file: OpenedLeaseFile,
  ): Promise<PollOutcome> {
    const now = this.opts.now();
    const nowSec = Math.floor(now.getTime() / 1000);
    const appendOnly = isAppendOnly(kind);
    let parser = this.parsers.get(source.id);
    const pos = parser ? { fileId: source.fileId, offset: source.fileOffset } : { fileId: null, offset: 0 };
    const plan = planRead(file.st, pos, appendOnly);
    if (plan.kind === "unchanged") {
      await this.db.dhcpSource.update({
        where: { id: source.id },
        data: { lastPollAt: now, lastOkAt: now, lastError: null },
      });
      return { ok: true, changed: false, upserted: 0, removed: 0, errors: 0 };
    }
    if (plan.full || !parser) {
      parser = createFileParser(kind, source.name);
    }
    const gen = plan.full
      ? await this.nextGen(source.id)
      : (this.gens.get(source.id) ?? (await this.nextGen(source.id)));
    // Stored as line, field and reason only: never the rejected record's text (see rejected.ts).
    const errors: RejectedLine[] = plan.full
      ? []
      : rejectedLines(jsonColumn<unknown>(source.parseErrors, []));
    let errorCount = plan.full ? 0 : source.parseErrorCount;
    let upserted = 0;
    let removed = 0;
    const hosts: SubnetConfig["reservations"] = [];
    const p = parser;
    const reject = (e: unknown) => {
      errorCount++;
      const kept = errors.length < MAX_KEPT_ERRORS ? rejectedLine(e) : null;
      if (kept) errors.push(kept);
    };
    const handle = async (chunk: ReturnType<FileParser["push"]>) => {
      for (const e of chunk.errors) reject(e);
      const leases = storableOnly(chunk.leases, reject);
      for (const h of chunk.hosts)
        hosts.push({ address: h.address, hwAddress: h.hwAddress, clientId: h.clientId, hostname: h.name });
      for (let i = 0; i < leases.length; i += BATCH) {
        const r = await this.writer.apply(source.id, leases.slice(i, i + BATCH), gen, nowSec, firstRead);
        upserted += r.upserted;
        removed += r.removed;
      }
    };
    const offset = await readLines(file, source.location, plan.start, (text) => handle(p.push(text)));
    if (!appendOnly) await handle(p.end());
    else this.parsers.set(source.id, p);
    if (plan.full) removed += await this.writer.sweep(source.id, gen, nowSec);
    if (hosts.length > 0 || plan.full) await this.replaceFileReservations(source.id, hosts, plan.full);
    await this.db.dhcpSource.update({
      where: { id: source.id },
      data: {
        lastPollAt: now,
        lastOkAt: now,
        lastChangeAt: now,
        lastError: null,
        fileId: plan.fileId,
        fileOffset: offset,
        parseErrors: JSON.stringify(errors),
        parseErrorCount: errorCount,
      },
    });
    return { ok: true, changed: true, upserted, removed, errors: errorCount };
  }

  private async replaceFileReservations(
    sourceId: number,
    hosts: SubnetConfig["reservations"],
    full: boolean,
  ) {
    const rows = hosts.flatMap((h) => {
      const a = parseAddress(h.address);
      return a
        ? [
            {
              sourceId,
              address: a.text,
              addressKey: a.key,
              hwAddress: h.hwAddress,
              clientId: h.clientId,
              hostname: h.hostname,
            },
          ]
        : [];
    });
    await this.db.$transaction([
      ...(full ? [this.db.dhcpReservation.deleteMany({ where: { sourceId } })] : []),
      this.db.dhcpReservation.createMany({ data: rows }),
    ]);
  }

  private async pollKea(source: SourceRow): Promise<PollOutcome> {
    const now = this.opts.now();
    const nowSec = Math.floor(now.getTime() / 1000);
    const service = source.service ?? "dhcp4";
    const family = service === "dhcp6" ? 6 : 4;
    const client = new KeaClient({
      url: source.location,
      service,
      timeoutMs: this.opts.keaTimeoutMs,
      outbound: this.opts.kea,
    });
    const config = await client.command<Record<string, unknown>>("config-get");
    const subnets = subnetsFromKeaConfig(config.arguments, family);
    // Read every page before writing: an agent that fails mid-way leaves the stored leases as they were.
    const pages: ReturnType<typeof keaApiLease>[][] = [];
    let index = 0;
    for await (const page of client.leases(family, this.opts.keaPageSize, this.opts.keaMaxPages)) {
      pages.push(page.map((l) => keaApiLease(l, source.name, index++)));
    }
    let stats: string | null = null;
    try {
      const s = await client.command(`stat-lease${family}-get`);
      stats = JSON.stringify(s.arguments ?? null);
    } catch {
      // stat_cmds hook not loaded: counters are optional, the leases are not.
    }
    await this.syncKeaSubnets(source.id, subnets);
    const gen = await this.nextGen(source.id);
    const firstRead = (await this.writer.count(source.id)) === 0;
    const errors: RejectedLine[] = [];
    let upserted = 0;
    for (const page of pages) {
      const parsed = [];
      for (const l of page) {
        if (typeof l === "string") {
          const r = rejectedLine({ line: errors.length + 1, reason: l });
          if (r) errors.push(r);
        } else parsed.push(l);
      }
      // Unstorable records under their record number (a lease's line is its place in the listing).
      const leases = storableOnly(parsed, (e) => {
        const r = rejectedLine(e);
        if (r) errors.push(r);
      });
      upserted += (await this.writer.apply(source.id, leases, gen, nowSec, firstRead)).upserted;
    }
    const removed = await this.writer.sweep(source.id, gen, nowSec);
    const changed = upserted > 0 || removed > 0;
    await this.db.dhcpSource.update({
      where: { id: source.id },
      data: {
        lastPollAt: now,
        lastOkAt: now,
        ...(changed && { lastChangeAt: now }),
        lastError: null,
        stats,
        parseErrors: JSON.stringify(errors.slice(0, MAX_KEPT_ERRORS)),
        parseErrorCount: errors.length,
      },
    });
    return { ok: true, changed, upserted, removed, errors: errors.length };
  }

  /** Mirrors Kea's subnets and pools, keeping the per-pool thresholds of pools that stay. */
  async syncKeaSubnets(sourceId: number, subnets: SubnetConfig[]): Promise<void> {
    const keepSubnets: number[] = [];
    for (const s of subnets) {
      const [lowKey, highKey] = cidrRange(s.cidr);
      const row = await this.db.dhcpSubnet.upsert({
        where: { sourceId_cidr: { sourceId, cidr: s.cidr } },
        create: {
          sourceId,
          cidr: s.cidr,
          lowKey,
          highKey,
          keaId: s.keaId,
          sharedNetwork: s.sharedNetwork,
          origin: "kea",
        },
        update: { keaId: s.keaId, sharedNetwork: s.sharedNetwork, origin: "kea" },
      });
      keepSubnets.push(row.id);
      const keepPools: number[] = [];
      for (const p of s.pools) {
        const pool = await this.db.dhcpPool.upsert({
          where: { subnetId_lowKey_highKey: { subnetId: row.id, lowKey: p.lowKey, highKey: p.highKey } },
          create: { subnetId: row.id, ...p },
          update: { size: p.size },
        });
        keepPools.push(pool.id);
      }
      await this.db.dhcpPool.deleteMany({ where: { subnetId: row.id, id: { notIn: keepPools } } });
    }
    await this.db.dhcpSubnet.deleteMany({ where: { sourceId, origin: "kea", id: { notIn: keepSubnets } } });
    const reservations = subnets.flatMap((s) =>
      s.reservations.flatMap((r) => {
        const a = parseAddress(r.address);
        return a
          ? [
              {
                sourceId,
                keaSubnetId: s.keaId,
                address: a.text,
                addressKey: a.key,
                hwAddress: r.hwAddress,
                clientId: r.clientId,
                hostname: r.hostname,
              },
            ]
          : [];
      }),
    );
    await this.db.$transaction([
      this.db.dhcpReservation.deleteMany({ where: { sourceId } }),
      this.db.dhcpReservation.createMany({ data: reservations }),
    ]);
  }
}
