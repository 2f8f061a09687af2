import type { Db, Prisma } from "@netops/db";
import {
  ackTransition,
  type AlertCursor,
  type AlertSort,
  type AlertTally,
  alertSortKey,
  decodeAlertCursor,
  encodeAlertCursor,
  type SortOrder,
  tallyAlerts,
  type AlertFilter,
  alertFilterSchema,
  type AlertInput,
  type AlertLink,
  type AlertSource,
  type AlertState,
  alertInputSchema,
  alertLinkSchema,
  alertObjectHref,
  type Labels,
  labelsSchema,
  type Matcher,
  resolveTransition,
  type Severity,
  severityRank,
  silenceEditPlan,
  silencedFilterKeeps,
  silenceMatches,
  takeFor,
} from "@netops/protocols";
import { z } from "zod";
import {
  ACTIVE,
  type AlertBatchHost,
  type AlertOp,
  type AlertOpResult,
  type AlertRow,
  applyAlertOps,
  fingerprintOf,
  type StagedAlertOps,
} from "./alert-batch";
import { alertIdsReferring } from "./alert-refs";
import { cursorValue, plainActiveSilences, plainAlertRows, rankedParts, SORT_COLUMN } from "./alert-page-sql";
import { parseMatchers, stageAlertSteps } from "./alert-store-sql";
import type { EventBus } from "./bus";

export { type AlertOp, type AlertOpResult, fingerprintOf, type StagedAlertOps } from "./alert-batch";
import { DomainError } from "../errors";
import { jsonParsed } from "../json-column";
import type { Sql, SqlSteps } from "../sql";

export interface AlertView {
  id: number;
  fingerprint: string;
  source: AlertSource;
  severity: Severity;
  state: AlertState;
  summary: string;
  details: string;
  labels: Labels;
  links: AlertLink[];
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** Ids of the active silences that match this alert. */
  silencedBy: string[];
}

export interface SilenceView {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  createdAt: string;
  state: "pending" | "active" | "expired";
}

/** Notified of alert changes that receivers may want; the webhook service implements it. */
export interface AlertNotifier {
  alertChanged(alert: AlertView, event: "firing" | "resolved"): Promise<void>;
  /** A batch's changes in order, in one go (else alertChanged is called for each). */
  alertsChanged?(changes: readonly { alert: AlertView; event: "firing" | "resolved" }[]): Promise<void>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// The list filter is shared with the mock API (@netops/protocols alert-filter.ts).
export { type AlertFilter, alertFilterSchema };

export class AlertService {
  notifier: AlertNotifier | null = null;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Raises (or repeats) an alert for a condition that holds now. */
  async raise(raw: AlertInput): Promise<{ alert: AlertView; created: boolean }> {
    return (await this.raiseMany([raw]))[0] as { alert: AlertView; created: boolean };
  }

  /**
   * Raises each input in turn, as many `raise` calls would (same alerts, counts, history, silences,
   * notifications), in a few statements for the whole batch (alert-batch.ts).
   */
  async raiseMany(raw: readonly AlertInput[]): Promise<{ alert: AlertView; created: boolean }[]> {
    const results = await this.apply(raw.map((input) => ({ kind: "raise" as const, input })));
    return results.map((r) => ({ alert: r.alert as AlertView, created: r.created }));
  }

  /**
   * Raises, clears and resolves applied in order as one batch (alert-batch.ts); one result per op,
   * or none with `results: false` (callers that only store save building the views).
   */
  apply(ops: readonly AlertOp[], opts: { results?: boolean } = {}): Promise<AlertOpResult[]> {
    return applyAlertOps(this.batchHost(), ops, opts);
  }

  /**
   * `ops` read and written as steps of the caller's transaction on the hot-path connection, beside
   * its own rows (alert-store-sql.ts); nothing is announced until the caller, once committed,
   * publishes.
   */
  stage(engine: Sql["engine"], ops: readonly AlertOp[]): SqlSteps<StagedAlertOps> {
    return stageAlertSteps(this.batchHost(), engine, ops);
  }

  private batchHost(): AlertBatchHost {
    return {
      db: this.db,
      bus: this.bus,
      notifier: this.notifier,
      now: this.now,
      activeSilences: () => this.activeSilences(),
      toView: (row, silences) => this.toView(row, silences),
    };
  }

  /** The condition behind (source, labels) has cleared: resolve its active alert, if any. */
  async clear(source: AlertSource, labels: Labels, note = "condition cleared"): Promise<AlertView | null> {
    const [r] = await this.apply([{ kind: "clear", source, labels, note }]);
    return r?.alert ?? null;
  }

  /**
   * For modules that re-check a whole scope at a time: raise every condition in `current`,
   * and clear every active alert of `source` whose labels include `scope` but is not current.
   */
  async reconcile(source: AlertSource, scope: Labels, current: AlertInput[]): Promise<void> {
    const inputs = current.map((c) => alertInputSchema.parse({ ...c, source }));
    const keep = new Set(inputs.map((c) => fingerprintOf(source, c.labels)));
    const active = await this.db.alert.findMany({ where: { source, state: { in: ACTIVE } } });
    const stale = active.filter((row) => {
      const labels = parseLabels(row.labels);
      return Object.entries(scope).every(([k, v]) => labels[k] === v) && !keep.has(row.fingerprint);
    });
    await this.apply([
      ...inputs.map((input) => ({ kind: "raise" as const, input })),
      ...stale.map((row) => ({ kind: "resolve" as const, row, by: "auto", note: "condition cleared" })),
    ]);
  }

  async resolveById(id: number, by: string, note?: string): Promise<{ before: AlertView; after: AlertView }> {
    const row = await this.db.alert.findUniqueOrThrow({ where: { id } });
    const before = await this.view(row);
    if (resolveTransition(row.state as AlertState, by).kind === "unchanged") return { before, after: before };
    const [r] = await this.apply([{ kind: "resolve", row, by, note: note ?? null }]);
    return { before, after: r?.alert ?? before };
  }

  async acknowledge(id: number, by: string, note?: string): Promise<{ before: AlertView; after: AlertView }> {
    return this.setAck(id, by, true, note);
  }

  async unacknowledge(id: number, by: string): Promise<{ before: AlertView; after: AlertView }> {
    return this.setAck(id, by, false);
  }

  private async setAck(id: number, by: string, ack: boolean, note?: string) {
    const row = await this.db.alert.findUniqueOrThrow({ where: { id } });
    const before = await this.view(row);
    // The transition rules are shared with the mock API (@netops/protocols alert-transitions).
    const t = ackTransition(id, row.state as AlertState, ack, by);
    if (t.kind === "refused") throw new AlertStateError(t.message);
    if (t.kind === "unchanged") return { before, after: before };
    const updated = await this.db.alert.update({ where: { id }, data: t.patch(this.now()) });
    const change = t.change;
    await this.event(id, change, by, note ?? null);
    this.bus.emit({ type: "alert", alertId: id, state: updated.state, change });
    return { before, after: await this.view(updated) };
  }

  async list(rawFilter: AlertFilter = {}): Promise<{ items: AlertView[]; nextCursor: string | null }> {
    const f = alertFilterSchema.parse(rawFilter);
    const where: Prisma.AlertWhereInput = {};
    if (f.state?.length) where.state = { in: f.state };
    if (f.severity?.length) where.severity = { in: f.severity };
    if (f.source?.length) where.source = { in: f.source };
    if (f.q)
      where.OR = [
        { summary: { contains: f.q } },
        { labels: { contains: f.q } },
        { details: { contains: f.q } },
      ];
    const silences = await this.activeSilences();
    const items: AlertView[] = [];
    // The schema has checked the cursor against the sort.
    let after = f.cursor ? (decodeAlertCursor(f.cursor) as AlertCursor) : null;
    let more = true;
    // Silencing is evaluated on read (silences come and go), so a silenced filter may need
    // several batches; the number of batches is bounded so one request stays cheap. Each batch
    // reads one row past the limit (keyset takeFor): a next page is offered only when a row
    // after the page's last one exists, as every other list does.
    for (let batch = 0; batch < 20 && more && items.length < f.limit; batch++) {
      // Without a text filter, one raw statement (alert-page-sql.ts); `contains` stays Prisma's.
      const rows = f.q
        ? await this.rowsAfter(where, f.sort, f.order, after, takeFor(f.limit))
        : await plainAlertRows(this.db, f, f.sort, f.order, after, takeFor(f.limit));
      more = false;
      for (const [i, r] of rows.entries()) {
        if (i === f.limit || items.length === f.limit) {
          more = true;
          break;
        }
        const v = this.toView(r, silences);
        after = { sort: f.sort, order: f.order, key: alertSortKey(v, f.sort), id: r.id };
        if (!silencedFilterKeeps(f.silenced, v.silencedBy.length > 0)) continue;
        items.push(v);
      }
    }
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeAlertCursor(f.sort, f.order, last) : null };
  }

  /**
   * Up to `take` rows of `where` after `after`, in the list's order (compareAlerts in
   * @netops/protocols): the sort column, then id descending. Severity and state sort by rank, which
   * SQL cannot order by, so each of their (three) values is read in turn.
   */
  private async rowsAfter(
    where: Prisma.AlertWhereInput,
    sort: AlertSort,
    order: SortOrder,
    after: AlertCursor | null,
    take: number,
  ): Promise<AlertRow[]> {
    if (sort === "severity" || sort === "state") {
      const rows: AlertRow[] = [];
      for (const { value, belowId } of rankedParts(sort, order, after)) {
        rows.push(
          ...(await this.db.alert.findMany({
            where: {
              AND: [where, { [sort]: value }, ...(belowId !== null ? [{ id: { lt: belowId } }] : [])],
            },
            orderBy: { id: "desc" },
            take: take - rows.length,
          })),
        );
        if (rows.length >= take) break;
      }
      return rows;
    }
    const col = SORT_COLUMN[sort];
    let cond: Prisma.AlertWhereInput = {};
    if (after) {
      const key = cursorValue(col, after);
      cond = {
        OR: [{ [col]: { [order === "desc" ? "lt" : "gt"]: key } }, { [col]: key, id: { lt: after.id } }],
      };
    }
    return this.db.alert.findMany({
      where: { AND: [where, cond] },
      orderBy: [{ [col]: order }, { id: "desc" }],
      take,
    });
  }

  /** Active alerts for on-call: worst first, then oldest first. */
  async active(): Promise<AlertView[]> {
    const rows = await this.db.alert.findMany({ where: { state: { in: ACTIVE } }, take: 1000 });
    const silences = await this.activeSilences();
    return rows
      .map((r) => this.toView(r, silences))
      .sort(
        (a, b) =>
          severityRank(a.severity) - severityRank(b.severity) ||
          a.firstSeenAt.localeCompare(b.firstSeenAt) ||
          a.id - b.id,
      );
  }

  /** Other alerts about the same object (alertObjectHref: the first link), newest first. */
  async related(id: number, limit = 20): Promise<{ object: string | null; items: AlertView[] }> {
    const row = await this.db.alert.findUnique({ where: { id } });
    if (!row) return { object: null, items: [] };
    const object = alertObjectHref({ links: parseLinks(row.links) });
    if (!object) return { object, items: [] };
    // The AlertRef index finds the alerts whose first link is the object's page.
    const ids = (await alertIdsReferring(this.db, "href", [object], limit + 1, { first: true })).filter(
      (x) => x !== id,
    );
    const silences = await this.activeSilences();
    const items = (await this.rowsById(ids.slice(0, limit))).map((r) => this.toView(r, silences));
    return { object, items };
  }

  /** Alerts that link to one of an object's pages, any state, newest first (an object page's own alerts). */
  async forObject(hrefs: readonly string[], limit = 20): Promise<{ items: AlertView[]; more: boolean }> {
    // The AlertRef index: the newest limit + 1 per page, merged.
    const ids = await alertIdsReferring(this.db, "href", hrefs, limit + 1);
    const silences = await this.activeSilences();
    const rows = await this.rowsById(ids.slice(0, limit));
    return { items: rows.map((r) => this.toView(r, silences)), more: ids.length > limit };
  }

  /** The alerts with these ids, newest first. */
  private rowsById(ids: readonly number[]): Promise<AlertRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.alert.findMany({
      where: { id: { in: [...ids] } },
      orderBy: { id: "desc" },
      take: ids.length,
    });
  }

  async get(id: number) {
    const row = await this.db.alert.findUnique({
      where: { id },
      include: { events: { orderBy: { at: "asc" }, take: 500 } },
    });
    if (!row) return null;
    return {
      alert: await this.view(row),
      events: row.events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        kind: e.kind,
        actor: e.actor,
        note: e.note,
      })),
    };
  }

  /** The console's one alert count (alert-counts.ts): firing and not silenced, and the rest by name. */
  async counts(): Promise<AlertTally> {
    return tallyAlerts(await this.active());
  }

  // ---- silences ----

  async createSilence(
    input: { matchers: Matcher[]; startsAt?: string | undefined; endsAt: string; comment: string },
    by: string,
  ) {
    const now = this.now();
    const row = await this.db.silence.create({
      data: {
        matchers: JSON.stringify(input.matchers),
        startsAt: input.startsAt ? new Date(input.startsAt) : now,
        endsAt: new Date(input.endsAt),
        createdBy: by,
        comment: input.comment,
      },
    });
    this.bus.emit({ type: "silence", silenceId: row.id });
    return this.silenceView(row);
  }

  /** Edits a silence as silenceEditPlan says: in place, or expire it and create its replacement. */
  async updateSilence(
    id: string,
    input: { matchers: Matcher[]; startsAt?: string | undefined; endsAt: string; comment: string },
    by: string,
  ): Promise<{ before: SilenceView; after: SilenceView }> {
    const row = await this.db.silence.findUnique({ where: { id } });
    if (!row) throw new DomainError("not-found", `no silence ${id}`);
    const before = this.silenceView(row);
    const plan = silenceEditPlan(before, input);
    if (plan.kind === "refused") throw new AlertStateError(plan.message);
    if (plan.kind === "replace") {
      await this.expireSilence(id, by);
      return { before, after: await this.createSilence(input, by) };
    }
    const updated = await this.db.silence.update({
      where: { id },
      data: {
        matchers: JSON.stringify(input.matchers),
        ...(input.startsAt ? { startsAt: new Date(input.startsAt) } : {}),
        endsAt: new Date(input.endsAt),
        comment: input.comment,
      },
    });
    this.bus.emit({ type: "silence", silenceId: id });
    return { before, after: this.silenceView(updated) };
  }

  async expireSilence(id: string, by: string) {
    const row = await this.db.silence.findUniqueOrThrow({ where: { id } });
    const before = this.silenceView(row);
    const updated = await this.db.silence.update({ where: { id }, data: { expiredAt: this.now() } });
    this.bus.emit({ type: "silence", silenceId: id });
    void by;
    return { before, after: this.silenceView(updated) };
  }

  async listSilences(state?: "pending" | "active" | "expired"): Promise<SilenceView[]> {
    const rows = await this.db.silence.findMany({ orderBy: { createdAt: "desc" }, take: 500 });
    const views = rows.map((r) => this.silenceView(r));
    return state ? views.filter((v) => v.state === state) : views;
  }

  async activeSilences(): Promise<{ id: string; matchers: Matcher[] }[]> {
    const rows = await plainActiveSilences(this.db, this.now());
    return rows.map((r) => ({ id: r.id, matchers: parseMatchers(r.matchers) }));
  }

  private silenceView(r: {
    id: string;
    matchers: string;
    startsAt: Date;
    endsAt: Date;
    createdBy: string;
    comment: string;
    createdAt: Date;
    expiredAt: Date | null;
  }): SilenceView {
    const now = this.now();
    const state = r.expiredAt || r.endsAt <= now ? "expired" : r.startsAt > now ? "pending" : "active";
    return {
      id: r.id,
      matchers: parseMatchers(r.matchers),
      startsAt: r.startsAt.toISOString(),
      endsAt: (r.expiredAt && r.expiredAt < r.endsAt ? r.expiredAt : r.endsAt).toISOString(),
      createdBy: r.createdBy,
      comment: r.comment,
      createdAt: r.createdAt.toISOString(),
      state,
    };
  }

  // ---- helpers ----

  async view(row: AlertRow): Promise<AlertView> {
    return this.toView(row, await this.activeSilences());
  }

  toView(row: AlertRow, silences: { id: string; matchers: Matcher[] }[]): AlertView {
    const labels = parseLabels(row.labels);
    const base = { source: row.source, severity: row.severity, labels };
    return {
      id: row.id,
      fingerprint: row.fingerprint,
      source: row.source as AlertSource,
      severity: row.severity as Severity,
      state: row.state as AlertState,
      summary: row.summary,
      details: row.details,
      labels,
      links: parseLinks(row.links),
      count: row.count,
      firstSeenAt: row.firstSeenAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      acknowledgedAt: iso(row.acknowledgedAt),
      acknowledgedBy: row.acknowledgedBy,
      resolvedAt: iso(row.resolvedAt),
      resolvedBy: row.resolvedBy,
      silencedBy:
        row.state === "resolved"
          ? []
          : silences.filter((s) => silenceMatches(s.matchers, base)).map((s) => s.id),
    };
  }

  private async event(alertId: number, kind: string, actor: string | null, note: string | null) {
    await this.db.alertEvent.create({ data: { alertId, kind, actor, note, at: this.now() } });
  }

  async recordEvent(alertId: number, kind: string, note: string) {
    await this.event(alertId, kind, null, note);
  }

  /** Drops resolved alerts older than the retention period. */
  async purgeResolved(olderThanDays: number): Promise<number> {
    const cutoff = new Date(this.now().getTime() - olderThanDays * 86_400_000);
    const r = await this.db.alert.deleteMany({ where: { state: "resolved", resolvedAt: { lt: cutoff } } });
    return r.count;
  }
}

/** A transition the alert's state does not allow (acknowledge a resolved alert, …). */
export class AlertStateError extends DomainError {
  constructor(message: string) {
    super("conflict", message);
  }
}

const parseLabels = (s: string): Labels => jsonParsed(s, labelsSchema, {});
// Built once: a zod schema costs more to build than to check one row with.
const linksSchema = z.array(alertLinkSchema);
const parseLinks = (s: string): AlertLink[] => jsonParsed(s, linksSchema, []);
