import type { Db } from "@netops/db";
import type { AlertInput } from "@netops/protocols";
import type { AlertService } from "../../services/alerts";
import { DhcpCollector, type PollOutcome } from "./collector";
import { KeaOutbound, type KeaLimits } from "./kea-api";
import { conflictAlerts, sourceAlerts, sourceStatus, utilizationAlerts } from "./evaluate";
import { LeaseWriter } from "./ingest";
import { type LeaseFilter, type LeasePageInput, leaseById, leasePage } from "./query";
import type { Role } from "@netops/protocols";
import { checkSubnetInput, dhcpHealth, groupUtilization, sourceForRole } from "@netops/protocols/dhcp";
import { DEFAULT_LEASE_FILE_LIMITS, type LeaseFileLimits, leaseLocationProblem } from "./lease-files";
import type { RawDb } from "./raw-db";
import { openSql, type Sql, sqliteHandle } from "./sql";
import { CSV_HEADER, csvChunks, csvLine, exportFilter } from "./lease-export";
import { purgeLevelChanges, recordLevelChanges } from "./pool-history";
import { exhaustionForecastHours, type PoolUtilization, poolUtilization } from "./utilization";
import { jsonArray } from "../../json-column";
import { type LeaseEventRow, leaseEventView, leaseView, type SourceNames } from "./view";

export interface DhcpServiceOptions {
  keaTimeoutMs?: number;
  keaPageSize?: number;
  keaMaxPages?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Folders lease files may be read from (dhcp.leaseDirs) and the largest file read. */
  files?: LeaseFileLimits;
  /** Control Agents and control-socket folders Kea may be reached at (dhcp.keaAgents, dhcp.keaSocketDirs). */
  kea?: KeaLimits;
}

const SAMPLE_EVERY_MS = 60_000;
const SAMPLE_KEEP_DAYS = 7;
const CONFLICT_EVERY_MS = 60_000;
const TREND_HOURS = 24;
const FORECAST_HOURS = 6;

/** DHCP sources, leases, pools and their alerts. The server's job calls `runDue()`. */
export class DhcpService {
  private sqlConn: Promise<Sql> | null = null;
  private writerInst: LeaseWriter | null = null;
  private collectorInst: DhcpCollector | null = null;
  private lastSampleAt = 0;
  private lastConflictAt = 0;
  private conflicts: AlertInput[] = [];
  private readonly now: () => Date;
  /** Where kea-api sources may connect (outbound policy); tests add their agents here. */
  readonly kea: KeaOutbound;

  constructor(
    private readonly db: Db,
    private readonly alerts: AlertService,
    private readonly opts: DhcpServiceOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.kea = new KeaOutbound(opts.kea, opts.fetch);
  }

  /** Why a kea-api location may not be used (agent not in dhcp.keaAgents, socket outside dhcp.keaSocketDirs), or null. */
  keaLocationProblem(location: string): Promise<string | null> {
    return this.kea.locationProblem(location);
  }

  get fileLimits(): LeaseFileLimits {
    return this.opts.files ?? DEFAULT_LEASE_FILE_LIMITS;
  }

  /** Why a lease-file location may not be used (outside dhcp.leaseDirs, `..`, not a file), or null. */
  leaseLocationProblem(location: string): Promise<string | null> {
    return leaseLocationProblem(location, this.fileLimits);
  }

  /** The hot-path SQL connection (either engine), opened on first use. */
  sql(): Promise<Sql> {
    this.sqlConn ??= openSql(this.db);
    return this.sqlConn;
  }

  /** The better-sqlite3 handle under sql(), for code written for SQLite only (throws on PostgreSQL). */
  async raw(): Promise<RawDb> {
    return sqliteHandle(await this.sql());
  }

  private async collector(): Promise<DhcpCollector> {
    if (!this.collectorInst) {
      const raw = await this.sql();
      this.writerInst = new LeaseWriter(raw);
      this.collectorInst = new DhcpCollector(this.db, raw, this.writerInst, {
        keaTimeoutMs: this.opts.keaTimeoutMs ?? 10_000,
        keaPageSize: this.opts.keaPageSize ?? 1000,
        keaMaxPages: this.opts.keaMaxPages ?? 5000,
        now: this.now,
        files: this.fileLimits,
        kea: this.kea,
      });
    }
    return this.collectorInst;
  }

  /**
   * Ends the hot-path connection (PostgreSQL: its pool) and resolves once it is closed, so a caller
   * may drop the database next; a pool left ending would see its sessions terminated under it.
   */
  async close(): Promise<void> {
    const conn = this.sqlConn;
    this.sqlConn = null;
    this.collectorInst = null;
    if (!conn) return;
    // A connection that never opened has nothing to close.
    const c = await conn.catch(() => null);
    await c?.close();
  }

  /** Reads every enabled source once, then re-evaluates utilization and alerts. */
  async runDue(): Promise<Record<string, PollOutcome>> {
    const out: Record<string, PollOutcome> = {};
    const collector = await this.collector();
    for (const s of await this.db.dhcpSource.findMany({ where: { enabled: true }, orderBy: { id: "asc" } })) {
      out[s.name] = await collector.poll(s);
    }
    await this.evaluate();
    return out;
  }

  async pollOne(id: number): Promise<PollOutcome> {
    const s = await this.db.dhcpSource.findUniqueOrThrow({ where: { id } });
    const r = await (await this.collector()).poll(s);
    await this.evaluate();
    return r;
  }

  /** Utilization samples (at most once a minute) and every DHCP alert condition. */
  async evaluate(): Promise<void> {
    const now = this.now();
    const nowSec = Math.floor(now.getTime() / 1000);
    const raw = await this.sql();
    const pools = await poolUtilization(this.db, raw, nowSec);
    await recordLevelChanges(this.db, pools, now);
    if (now.getTime() - this.lastSampleAt >= SAMPLE_EVERY_MS) {
      this.lastSampleAt = now.getTime();
      await this.db.dhcpUtilSample.createMany({
        data: pools.map((p) => ({
          poolId: p.poolId,
          at: now,
          assigned: p.assigned,
          declined: p.declined,
          total: p.size,
        })),
      });
      await this.db.dhcpUtilSample.deleteMany({
        where: { at: { lt: new Date(now.getTime() - SAMPLE_KEEP_DAYS * 86_400_000) } },
      });
    }
    if (now.getTime() - this.lastConflictAt >= CONFLICT_EVERY_MS) {
      this.lastConflictAt = now.getTime();
      this.conflicts = await conflictAlerts(raw, nowSec);
    }
    const sources = await this.db.dhcpSource.findMany();
    await this.alerts.reconcile("dhcp", { check: "utilization" }, utilizationAlerts(pools));
    const srcAlerts = sourceAlerts(sources, now);
    await this.alerts.reconcile(
      "dhcp",
      { check: "source" },
      srcAlerts.filter((a) => a.labels.check === "source"),
    );
    await this.alerts.reconcile(
      "dhcp",
      { check: "parse" },
      srcAlerts.filter((a) => a.labels.check === "parse"),
    );
    await this.alerts.reconcile(
      "dhcp",
      { check: "conflict" },
      this.conflicts.filter((a) => a.labels.check === "conflict"),
    );
    await this.alerts.reconcile(
      "dhcp",
      { check: "multi-server" },
      this.conflicts.filter((a) => a.labels.check === "multi-server"),
    );
  }

  /**
   * Sources with their status, pools worst first with trend and forecast, subnet and shared-network
   * sums. Rejected lease records are listed for admins only; other roles get their count.
   */
  async overview(role: Role) {
    const now = this.now();
    const nowSec = Math.floor(now.getTime() / 1000);
    const raw = await this.sql();
    const sources = await this.db.dhcpSource.findMany({ orderBy: { name: "asc" } });
    const counts = new Map(
      (
        await raw.all<{ sourceId: number; n: number }>(
          "SELECT sourceId, count(*) AS n FROM DhcpLease GROUP BY sourceId",
        )
      ).map((r) => [r.sourceId, r.n]),
    );
    const pools = (await poolUtilization(this.db, raw, nowSec)).sort((a, b) => b.pct - a.pct);
    const since = new Date(now.getTime() - TREND_HOURS * 3_600_000);
    const samples = await this.db.dhcpUtilSample.findMany({
      where: { at: { gte: since } },
      orderBy: { at: "asc" },
      select: { poolId: true, at: true, assigned: true },
    });
    const byPool = new Map<number, { at: Date; assigned: number }[]>();
    for (const s of samples) {
      const list = byPool.get(s.poolId) ?? [];
      list.push(s);
      byPool.set(s.poolId, list);
    }
    const forecastFrom = now.getTime() - FORECAST_HOURS * 3_600_000;
    return {
      generatedAt: now.toISOString(),
      sources: sources.map((s) => {
        const st = sourceStatus(s, now);
        return sourceForRole(role, {
          id: s.id,
          name: s.name,
          kind: s.kind,
          location: s.location,
          service: s.service,
          enabled: s.enabled,
          lab: s.lab,
          status: st.status,
          dataAgeSeconds: st.staleSeconds,
          staleAfterSeconds: s.staleAfterSeconds,
          leaseCount: counts.get(s.id) ?? 0,
          lastOkAt: s.lastOkAt?.toISOString() ?? null,
          lastChangeAt: s.lastChangeAt?.toISOString() ?? null,
          lastError: s.lastError,
          lastErrorAt: s.lastErrorAt?.toISOString() ?? null,
          parseErrorCount: s.parseErrorCount,
          parseErrors: jsonArray(s.parseErrors),
        });
      }),
      pools: pools.map((p) => {
        const list = byPool.get(p.poolId) ?? [];
        return {
          ...p,
          trend: downsample(list, 48).map((s) => ({ at: s.at.toISOString(), assigned: s.assigned })),
          exhaustionHours: exhaustionForecastHours(
            list.filter((s) => s.at.getTime() >= forecastFrom),
            p.size,
          ),
        };
      }),
      subnets: groupUtilization(pools, (p) => p.subnet),
      sharedNetworks: groupUtilization(pools, (p) => p.sharedNetwork),
    };
  }

  async leases(input: LeasePageInput) {
    const raw = await this.sql();
    const page = await leasePage(raw, input);
    const names = await this.sourceNames();
    const nowSec = Math.floor(this.now().getTime() / 1000);
    return { items: page.items.map((l) => leaseView(l, names, nowSec)), nextCursor: page.nextCursor };
  }

  /** Through the hot-path connection: through Prisma these few rows cost ~1 ms of CPU (compiling). */
  private async sourceNames(): Promise<SourceNames> {
    const raw = await this.sql();
    const rows = await raw.all<{ id: number; name: string; lab: unknown }>(
      "SELECT id, name, lab FROM DhcpSource",
    );
    // A Boolean column reads as 0/1 on SQLite.
    return new Map(rows.map((r) => [Number(r.id), { name: r.name, lab: r.lab === true || r.lab === 1 }]));
  }

  /** One lease with the history of its address and of its client, and the client's other leases. */
  async lease(id: number) {
    const raw = await this.sql();
    const l = await leaseById(raw, id);
    if (!l) return null;
    const names = await this.sourceNames();
    const nowSec = Math.floor(this.now().getTime() / 1000);
    type Ev = LeaseEventRow;
    const evCols = "id, sourceId, address, hwAddress, clientId, hostname, state, ends, kind, at";
    const history = (column: string, value: string) =>
      raw.all<Ev>(
        `SELECT ${evCols} FROM DhcpLeaseEvent WHERE ${column} = ? ORDER BY at DESC, id DESC LIMIT 200`,
        value,
      );
    const addressHistory = await history("addressKey", l.addressKey);
    const clientHistory = l.hwAddress
      ? await history("hwAddress", l.hwAddress)
      : l.clientId
        ? await history("clientId", l.clientId)
        : [];
    const others = l.hwAddress
      ? await raw.all<{ id: number }>(
          "SELECT id FROM DhcpLease WHERE hwAddress = ? AND id != ? LIMIT 50",
          l.hwAddress,
          l.id,
        )
      : [];
    const otherRows = await Promise.all(others.map((o) => leaseById(raw, o.id)));
    const reservation = await this.db.dhcpReservation.findFirst({
      where: { sourceId: l.sourceId, addressKey: l.addressKey },
    });
    const evView = (e: Ev) => leaseEventView(e, names);
    return {
      lease: leaseView(l, names, nowSec),
      reservation: reservation && {
        hwAddress: reservation.hwAddress,
        clientId: reservation.clientId,
        hostname: reservation.hostname,
      },
      addressHistory: addressHistory.map(evView),
      clientHistory: clientHistory.map(evView),
      clientLeases: otherRows.flatMap((r) => (r ? [leaseView(r, names, nowSec)] : [])),
    };
  }

  /** CSV of the current filter, one keyset page per call (for API clients; the web page streams). */
  async exportCsv(input: LeasePageInput): Promise<{ csv: string; nextCursor: string | null }> {
    const raw = await this.sql();
    const page = await leasePage(raw, { ...input, limit: 500 });
    const names = await this.sourceNames();
    const body = page.items.map((l) => csvLine(l, names)).join("");
    return { csv: (input.cursor ? "" : CSV_HEADER) + body, nextCursor: page.nextCursor };
  }

  /** See lease-export.ts exportFilter. */
  exportFilter(params: URLSearchParams): { filter: LeaseFilter } | { issues: string[] } {
    return exportFilter(params);
  }

  /**
   * The whole filter as CSV, one keyset page of `pageSize` rows (at most 500) per chunk (header
   * first), for the streamed export route (lease-export.ts csvChunks).
   */
  async *csvChunks(filter: LeaseFilter, pageSize = 500): AsyncGenerator<string> {
    yield* csvChunks(await this.sql(), await this.sourceNames(), filter, pageSize);
  }

  /**
   * A console-configured subnet and pools for a file source (Kea API sources bring their own).
   * Refuses a malformed prefix or pool, a pool outside the subnet or overlapping another, and a
   * prefix overlapping a subnet the source already has (its leases would count in both).
   */
  async addSubnet(sourceId: number, cidr: string, pools: string[], sharedNetwork: string | null) {
    const checked = checkSubnetInput(cidr, pools);
    if (!checked.ok)
      throw new RangeError(checked.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const c = checked.cidr;
    const cidrText = `${c.network}/${c.prefixLength}`;
    const existing = await this.db.dhcpSubnet.findMany({
      where: { sourceId },
      select: { cidr: true, lowKey: true, highKey: true },
    });
    // Keys of the two families never interleave ("v4:…" < "v6:…"), so one range test covers both.
    const clash = existing.find((s) => s.lowKey <= c.highKey && c.lowKey <= s.highKey);
    if (clash)
      throw new RangeError(
        clash.cidr === cidrText
          ? `cidr: ${cidrText} is already configured for this source`
          : `cidr: ${cidrText} overlaps ${clash.cidr}, already configured for this source`,
      );
    try {
      return await this.db.dhcpSubnet.create({
        data: {
          sourceId,
          cidr: cidrText,
          lowKey: c.lowKey,
          highKey: c.highKey,
          sharedNetwork,
          origin: "console",
          pools: { create: checked.ranges },
        },
        include: { pools: true },
      });
    } catch (e) {
      // A concurrent add of the same prefix passes the check above; the unique index still refuses it.
      if ((e as { code?: unknown }).code === "P2002")
        throw new RangeError(`cidr: ${cidrText} is already configured for this source`);
      throw e;
    }
  }

  /**
   * Removes a subnet with its pools and their utilization samples. Deleted explicitly rather than
   * by the schema's ON DELETE CASCADE, which SQLite applies only while its foreign-key pragma is on.
   */
  async removeSubnet(id: number): Promise<void> {
    const pools = await this.db.dhcpPool.findMany({ where: { subnetId: id }, select: { id: true } });
    await this.db.$transaction([
      this.db.dhcpUtilSample.deleteMany({ where: { poolId: { in: pools.map((p) => p.id) } } }),
      this.db.dhcpPool.deleteMany({ where: { subnetId: id } }),
      this.db.dhcpSubnet.delete({ where: { id } }),
    ]);
  }

  async deleteSource(id: number): Promise<void> {
    await (await this.sql()).transaction(async (tx) => {
      await tx.run("DELETE FROM DhcpLease WHERE sourceId = ?", id);
      await tx.run("DELETE FROM DhcpLeaseEvent WHERE sourceId = ?", id);
    });
    await this.db.dhcpReservation.deleteMany({ where: { sourceId: id } });
    await this.db.dhcpSource.delete({ where: { id } });
    this.collectorInst?.forget(id);
  }

  /** Housekeeping: pool threshold crossings older than `days` (the timeline's DHCP history). */
  purgeHistory(days: number): Promise<number> {
    return purgeLevelChanges(this.db, days, this.now());
  }

  /** Health tile: failing sources or critical pools first. */
  async health(): Promise<{ health: "ok" | "degraded" | "failing" | "not_configured"; summary: string }> {
    const sources = await this.db.dhcpSource.findMany({ where: { enabled: true } });
    if (sources.length === 0) return { health: "not_configured", summary: "No DHCP sources configured" };
    const now = this.now();
    const pools = await poolUtilization(this.db, await this.sql(), Math.floor(now.getTime() / 1000));
    // The tile's wording is shared with the mock API (@netops/protocols/dhcp health.ts).
    return dhcpHealth(
      sources.map((s) => sourceStatus(s, now).status),
      pools.map((p) => p.level),
    );
  }
}

function downsample<T>(list: T[], max: number): T[] {
  if (list.length <= max) return list;
  const step = list.length / max;
  const out: T[] = [];
  for (let i = 0; i < max; i++) {
    const v = list[Math.floor(i * step)];
    if (v !== undefined) out.push(v);
  }
  const last = list[list.length - 1];
  if (last !== undefined) out[out.length - 1] = last;
  return out;
}

export type { PoolUtilization };
