// Stores BGP session events idempotently and answers the searches the BGP page makes.
import { createHash } from "node:crypto";
import { type Db, dbEngine, type Prisma } from "@netops/db";
import { type Health, keysetPage, takeFor } from "@netops/protocols";
import { DEFAULT_TICKET_PATTERN, extractTickets, ticketUrl } from "@netops/protocols/bgp";
import { parseCidr } from "@netops/protocols/dhcp";
import type { BgpAlerting } from "./alerting";
import type { SyslogUdpStats } from "./collectors/syslog-receiver";
import type { BgpEventDraft } from "./draft";
import {
  type BgpEventFilter,
  type BgpEventView,
  type BgpTicketView,
  bgpEventFilterSchema,
  type BgpDirection,
  type BgpEventKind,
  type BgpEventSource,
  type BgpUnparsedFilter,
  type BgpUnparsedView,
  bgpUnparsedFilterSchema,
} from "./schema";
import { jsonArray } from "../../json-column";
import { plainEventsPage } from "./events-page";
import { openSql, type Sql } from "../../sql";
import { type DbRow, eventKey, insertNewEvents, peerAddressKey, type Row } from "./event-rows";

/** Longest unparsed line kept, in UTF-16 units (log lines are bounded earlier; this bounds storage). */
export const UNPARSED_MAX_LINE = 2000;
/** Unparsed lines kept in the database; older ones are deleted. */
export const UNPARSED_MAX_ROWS = 10_000;

/** A new event's row, with the lists its JSON columns hold (JSON.parse of them gives the same). */
interface Fresh {
  row: Omit<Row, "id">;
  tickets: { ref: string; match: string }[];
  findings: readonly unknown[];
}

export interface BgpServiceOptions {
  /** Ticket reference pattern (default: [REF056255], #56554, CHG0012345). */
  ticketPattern?: RegExp | string;
  /** URL template with {ref}, e.g. https://tickets.example.net/browse/{ref}; null = no links. */
  ticketUrl?: string | null;
}

export interface IngestResult {
  inserted: number;
  duplicates: number;
  ids: number[];
}

export function sessionKey(router: string, peer: string): string {
  return `${router}|${peer}`;
}

export class BgpService {
  alerting: BgpAlerting | null = null;
  /**
   * Fault injection for tests: `afterEventsStored` runs inside ingest's transaction after the
   * events are written and before their alerts are; throwing there stands for a replica dying.
   */
  readonly faults: { afterEventsStored?: () => void } = {};
  private sqlConn: Promise<Sql> | null = null;

  private readonly pattern: RegExp | string;
  private readonly urlTemplate: string | null;
  /** Counters the health tile and /metrics can show. */
  readonly counters = {
    inserted: 0,
    duplicates: 0,
    unparsedLines: 0,
    unparsedStoreFailures: 0,
    bmpErrors: 0,
  };
  /** Collectors report what they listen on, for the health summary. */
  readonly collectors = new Map<string, string>();
  /** The latest lines that look like BGP events but no parser understood (the database keeps them all). */
  readonly unparsed: { at: string; router: string; source: string; line: string; reason: string }[] = [];
  /** Database writes of unparsed lines, one after another (callers do not wait; tests and close do). */
  private unparsedWrites: Promise<void> = Promise.resolve();

  /**
   * Counts the line and keeps it in the database (BgpUnparsedLine): the same router, source and line
   * again bumps its count. Never throws; a failed write is counted (counters.unparsedStoreFailures).
   */
  recordUnparsed(router: string, source: string, line: string, reason: string): void {
    this.counters.unparsedLines++;
    const at = this.now();
    const kept = line.slice(0, UNPARSED_MAX_LINE);
    this.unparsed.push({ at: at.toISOString(), router, source, line: kept, reason });
    if (this.unparsed.length > 200) this.unparsed.shift();
    this.unparsedWrites = this.unparsedWrites
      .then(() => this.storeUnparsed(at, router, source, kept, reason))
      .catch(() => {
        // Still counted and in `unparsed` (memory); the status shows the failures.
        this.counters.unparsedStoreFailures++;
      });
  }

  /** Resolves when every unparsed line recorded so far is in the database (or failed). */
  async unparsedSettled(): Promise<void> {
    await this.unparsedWrites;
  }

  private async storeUnparsed(at: Date, router: string, source: string, line: string, reason: string) {
    const key = createHash("sha256").update(`${router}\0${source}\0${line}`).digest("hex");
    const row = await this.db.bgpUnparsedLine.upsert({
      where: { key },
      create: { key, firstSeen: at, lastSeen: at, router, source, line, reason },
      update: { lastSeen: at, count: { increment: 1 }, reason },
      select: { id: true },
    });
    // Bounded: the oldest lines beyond the cap go (by id, i.e. first seen), checked every 100 rows.
    if (row.id % 100 === 0) {
      await this.db.bgpUnparsedLine.deleteMany({ where: { id: { lte: row.id - UNPARSED_MAX_ROWS } } });
    }
  }

  /** Unparsed lines, newest first seen first; keyset-paginated on id. */
  async listUnparsed(
    raw: BgpUnparsedFilter = {},
  ): Promise<{ items: BgpUnparsedView[]; nextCursor: number | null; total: number }> {
    const f = bgpUnparsedFilterSchema.parse(raw);
    const where: Prisma.BgpUnparsedLineWhereInput = {
      ...(f.router ? { router: f.router } : {}),
      ...(f.cursor !== undefined ? { id: { lt: f.cursor } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.db.bgpUnparsedLine.findMany({ where, orderBy: { id: "desc" }, take: takeFor(f.limit) }),
      this.db.bgpUnparsedLine.count({ where: f.router ? { router: f.router } : {} }),
    ]);
    const page = keysetPage(rows, f.limit, (r) => r.id);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        firstSeen: r.firstSeen.toISOString(),
        lastSeen: r.lastSeen.toISOString(),
        count: r.count,
        router: r.router,
        source: r.source,
        line: r.line,
        reason: r.reason,
      })),
      nextCursor: page.nextCursor,
      total,
    };
  }

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    opts: BgpServiceOptions = {},
  ) {
    this.pattern = opts.ticketPattern ?? DEFAULT_TICKET_PATTERN;
    this.urlTemplate = opts.ticketUrl ?? null;
  }

  /** The hot-path connection (either engine) the events are inserted through, opened on first use. */
  private sql(): Promise<Sql> {
    this.sqlConn ??= openSql(this.db);
    return this.sqlConn;
  }

  /** Closes the hot-path connection (the module's close; tests). */
  async close(): Promise<void> {
    const conn = this.sqlConn;
    this.sqlConn = null;
    await conn?.then((c) => c.close()).catch(() => {});
  }

  /**
   * Inserts drafts whose natural key is new; repeats are counted, not stored. One
   * `INSERT … ON CONFLICT (key) DO NOTHING` on the hot-path connection (Prisma's createMany costs
   * far more per row): per 500 events on SQLite (multi-row VALUES), one for the whole batch on
   * PostgreSQL (an array per column, unnested), so replays, an event twice in the batch and two collectors
   * storing the same event at once all store it once. The new events' alert changes are written in
   * the same transaction (a few statements for the batch): a replica that dies in between leaves
   * neither, and whoever stores the batch again raises its alerts once. The bus and the webhooks
   * hear of them after the commit.
   */
  async ingest(drafts: BgpEventDraft[]): Promise<IngestResult> {
    const res: IngestResult = { inserted: 0, duplicates: 0, ids: [] };
    // The new events' rows, in batch order (a key twice in one batch: the first wins).
    const fresh = new Map<string, Fresh>();
    for (const d of drafts) {
      const key = eventKey(d);
      if (fresh.has(key)) res.duplicates++;
      else fresh.set(key, this.freshOf(key, d));
    }
    const all = [...fresh.values()].map((f) => f.row);
    if (all.length) {
      const sql = await this.sql();
      const engine = sql.engine;
      const alerting = this.alerting;
      const faults = this.faults;
      const viewOf = (r: Row) => this.viewWith(r, fresh.get(r.key) as Fresh);
      const { rows, staged } = await sql.steps(function* () {
        const rows: Row[] = [];
        for (const { id, key } of yield* insertNewEvents(engine, all)) {
          const f = fresh.get(key) as Fresh;
          rows.push({ id: Number(id), ...f.row });
        }
        rows.sort((x, y) => x.id - y.id);
        faults.afterEventsStored?.();
        // The batch's alert raises and clears in event order, as one batch (the views made from
        // the lists the rows were made from, not read back from their JSON).
        const staged = alerting && rows.length ? yield* alerting.stage(engine, rows.map(viewOf)) : null;
        return { rows, staged };
      });
      await staged?.publish({ results: false });
      res.duplicates += all.length - rows.length;
      res.inserted = rows.length;
      res.ids = rows.map((r) => r.id);
    }
    this.counters.inserted += res.inserted;
    this.counters.duplicates += res.duplicates;
    return res;
  }

  /** The row ingest stores for `draft` (public for the benchmark's baseline: the same rows). */
  rowOf(key: string, draft: BgpEventDraft): Omit<Row, "id"> {
    return this.freshOf(key, draft).row;
  }

  /** The row for `draft` with the lists its JSON columns hold. */
  private freshOf(key: string, draft: BgpEventDraft): Fresh {
    const d = this.pg ? withoutNul(draft) : draft;
    const peer = d.peerAddress ?? d.peerName ?? "";
    const tickets = d.text
      ? extractTickets(d.text, this.pattern).map((t) => ({ ref: t.ref, match: t.match }))
      : [];
    const row = {
      key,
      at: d.at,
      receivedAt: this.now(),
      router: d.router,
      session: sessionKey(d.router, peer),
      peerAddress: d.peerAddress,
      peerAddressKey: peerAddressKey(d.peerAddress),
      peerAs: d.peerAs,
      peerName: d.peerName,
      kind: d.kind,
      direction: d.direction,
      code: d.code,
      subcode: d.subcode,
      codeName: d.codeName,
      subcodeName: d.subcodeName,
      text: d.text,
      textBytes: d.textBytes,
      status: d.status,
      findings: JSON.stringify(d.findings),
      rawHex: d.rawHex,
      rawLine: d.rawLine,
      reason: d.reason,
      source: d.source,
      format: d.format,
      tickets: JSON.stringify(tickets),
    };
    return { row, tickets, findings: d.findings };
  }

  /** PostgreSQL text cannot hold U+0000 (SQLite can): there it is stored as U+FFFD. */
  private get pg(): boolean {
    return dbEngine(this.db) === "postgres";
  }

  view(r: Row | DbRow): BgpEventView {
    return this.viewWith(r, {
      tickets: jsonArray(r.tickets) as Fresh["tickets"],
      findings: jsonArray(r.findings),
    });
  }

  /** The view of `r` whose JSON columns hold `lists`. */
  private viewWith(r: Row | DbRow, lists: Pick<Fresh, "tickets" | "findings">): BgpEventView {
    const tickets = lists.tickets;
    return {
      id: r.id,
      at: r.at.toISOString(),
      receivedAt: r.receivedAt.toISOString(),
      router: r.router,
      peer: r.peerAddress ?? r.peerName ?? "",
      peerAddress: r.peerAddress,
      peerAs: r.peerAs === null ? null : Number(r.peerAs),
      peerName: r.peerName,
      kind: r.kind as BgpEventKind,
      direction: r.direction as BgpDirection,
      code: r.code,
      subcode: r.subcode,
      codeName: r.codeName,
      subcodeName: r.subcodeName,
      text: r.text,
      textBytes: r.textBytes,
      status: r.status,
      findings: lists.findings.map(String),
      rawHex: r.rawHex,
      rawLine: r.rawLine,
      reason: r.reason,
      source: r.source as BgpEventSource,
      format: r.format,
      tickets: tickets.map(
        (t): BgpTicketView => ({
          ref: t.ref,
          match: t.match,
          url: this.urlTemplate ? ticketUrl(this.urlTemplate, t.ref) : null,
        }),
      ),
    };
  }

  /** Newest first, keyset-paginated on (time, id) so pages stay stable while events arrive. */
  async search(raw: BgpEventFilter = {}): Promise<{ items: BgpEventView[]; nextCursor: string | null }> {
    const f = bgpEventFilterSchema.parse(raw);
    const and: Prisma.BgpEventWhereInput[] = [];
    if (f.router) and.push({ router: f.router });
    if (f.peer) and.push({ OR: [{ peerAddress: { contains: f.peer } }, { peerName: { contains: f.peer } }] });
    if (f.prefix) {
      // The schema has checked it is a prefix; its peers are one range of the address key index.
      const c = parseCidr(f.prefix);
      if (c) and.push({ peerAddressKey: { gte: c.lowKey, lte: c.highKey } });
    }
    if (f.peerAs !== undefined) and.push({ peerAs: f.peerAs });
    if (f.dir) and.push({ direction: f.dir });
    if (f.kind) and.push({ kind: f.kind });
    if (f.source) and.push({ source: f.source });
    if (f.code !== undefined) and.push({ code: f.code });
    if (f.subcode !== undefined) and.push({ subcode: f.subcode });
    if (f.q)
      and.push({
        OR: [{ text: { contains: f.q } }, { reason: { contains: f.q } }, { rawLine: { contains: f.q } }],
      });
    if (f.from) and.push({ at: { gte: new Date(f.from) } });
    if (f.to) and.push({ at: { lt: new Date(f.to) } });
    if (f.cursor) {
      const [ms, id] = f.cursor.split(":").map(Number) as [number, number];
      const at = new Date(ms);
      and.push({ OR: [{ at: { lt: at } }, { at, id: { lt: id } }] });
    }
    const rows =
      (await plainEventsPage<DbRow>(await this.sql(), f, takeFor(f.limit))) ??
      (await this.db.bgpEvent.findMany({
        where: { AND: and },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: takeFor(f.limit),
      }));
    const page = keysetPage(rows, f.limit, (r) => `${r.at.getTime()}:${r.id}`);
    return { items: page.items.map((r) => this.view(r)), nextCursor: page.nextCursor };
  }

  async get(id: number): Promise<BgpEventView | null> {
    const r = await this.db.bgpEvent.findUnique({ where: { id } });
    return r ? this.view(r) : null;
  }

  /** One session's history, oldest first (a timeline reads left to right). */
  async session(router: string, peer: string, limit = 200): Promise<BgpEventView[]> {
    const rows = await this.db.bgpEvent.findMany({
      where: { session: sessionKey(router, peer) },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: limit,
    });
    return rows.reverse().map((r) => this.view(r));
  }

  /**
   * Events stored before peerAddressKey existed are marked "?" by its migration; this computes
   * their keys, `batch` rows at a time (one UPDATE per distinct peer of the batch), at most
   * `maxBatches` per call. Returns the rows done; once none are left a call is one index seek.
   */
  async backfillPeerKeys(batch = 2000, maxBatches = 25): Promise<number> {
    const sql = await this.sql();
    let done = 0;
    for (let i = 0; i < maxBatches; i++) {
      const rows = await sql.all<{ id: number; peerAddress: string | null }>(
        "SELECT id, peerAddress FROM BgpEvent WHERE peerAddressKey = '?' LIMIT ?",
        batch,
      );
      if (!rows.length) break;
      const byKey = new Map<string, number[]>();
      for (const r of rows) {
        const k = peerAddressKey(r.peerAddress) ?? "";
        byKey.set(k, [...(byKey.get(k) ?? []), Number(r.id)]);
      }
      await sql.transaction(async (tx) => {
        for (const [k, ids] of byKey)
          for (let j = 0; j < ids.length; j += 500) {
            const part = ids.slice(j, j + 500);
            await tx.run(
              `UPDATE BgpEvent SET peerAddressKey = ? WHERE id IN (${part.map(() => "?").join(", ")})`,
              k,
              ...part,
            );
          }
      });
      done += rows.length;
    }
    return done;
  }

  /** Routers seen (for the filter's choices). */
  async routers(): Promise<string[]> {
    const rows = await this.db.bgpEvent.groupBy({ by: ["router"], orderBy: { router: "asc" }, take: 500 });
    return rows.map((r) => r.router);
  }

  /** Sessions with downs at or after `since`, with their count: input to flap detection. */
  async downCounts(since: Date): Promise<{ session: string; router: string; count: number }[]> {
    const rows = await this.db.bgpEvent.groupBy({
      by: ["session", "router"],
      where: { kind: "down", at: { gte: since } },
      _count: { _all: true },
    });
    return rows.map((r) => ({ session: r.session, router: r.router, count: r._count._all }));
  }

  async stats(since: Date): Promise<{ events: number; downs: number; total: number }> {
    const [events, downs, total] = await Promise.all([
      this.db.bgpEvent.count({ where: { at: { gte: since } } }),
      this.db.bgpEvent.count({ where: { at: { gte: since }, kind: "down" } }),
      this.db.bgpEvent.count(),
    ]);
    return { events, downs, total };
  }

  // ---------- job and health ----------

  /** The scheduler's tick: flapping sessions raise or clear their alert. */
  async runDue(): Promise<void> {
    await this.alerting?.checkFlapping();
  }

  /**
   * For the health tile. `syslogUdp`: the running UDP receiver's figures (its collector holds
   * them); a capped buffer is a warning before any line is lost (lost lines raise their own alert).
   */
  async health(syslogUdp?: SyslogUdpStats | null): Promise<{ health: Health; summary: string }> {
    const c = this.collectors;
    if (c.size === 0)
      return { health: "not_configured", summary: "No BMP, syslog or log file source configured" };
    const s = await this.stats(new Date(this.now().getTime() - 86_400_000));
    const capped = syslogUdp?.bufferCapped
      ? `; syslog UDP receive buffer capped at ${syslogUdp.bufferBytes} bytes by net.core.rmem_max (asked ${syslogUdp.requestedBufferBytes})`
      : "";
    return {
      health: "ok",
      summary: `${s.events} events (${s.downs} downs) in 24 h; ${c.size} source${c.size === 1 ? "" : "s"}${capped}`,
    };
  }
}

const hasNul = (v: string | null) => v?.includes("\u0000") === true;

function fix<T extends string | null>(v: T): T {
  return v === null ? v : (v.replaceAll("\u0000", "\ufffd") as T);
}

/** The draft with U+0000 in its texts replaced by U+FFFD (PostgreSQL's text type refuses NUL). */
function withoutNul(d: BgpEventDraft): BgpEventDraft {
  if (!(hasNul(d.router) || hasNul(d.peerName) || hasNul(d.text) || hasNul(d.rawLine) || hasNul(d.reason)))
    return d;
  return {
    ...d,
    router: fix(d.router),
    peerName: fix(d.peerName),
    text: fix(d.text),
    rawLine: fix(d.rawLine),
    reason: fix(d.reason),
  };
}
