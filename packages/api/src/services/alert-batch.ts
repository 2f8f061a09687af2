/**
 * Alert changes applied in batches. A batch of raises, clears and resolves is decided in memory
 * from one read of the alerts it concerns, in the order given (so a raise after a clear of the same
 * condition fires a new alert, as it would call by call), then written with a constant number of
 * statements: one multi-row INSERT for new alerts, one multi-row UPDATE for repeats, one UPDATE
 * per resolver for resolves, one multi-row INSERT for their history, in that order. The bus
 * hears of each changed alert once per batch and the notifier (webhooks) gets the batch's changes
 * in one call; each result and notification carries the alert as it was at that step, as a call by
 * call sequence would have reported it.
 */
import { createHash } from "node:crypto";
import { type Db, Prisma } from "@netops/db";
import {
  ALERT_SOURCES,
  type AlertInput,
  type AlertSource,
  type AlertState,
  type AlertStatePatch,
  alertInputSchema,
  type Labels,
  labelsSchema,
  type Matcher,
  resolveTransition,
  SEVERITIES,
  type Severity,
  severityRank,
} from "@netops/protocols";
import type { AlertNotifier, AlertView } from "./alerts";
import type { ConsoleEvent, EventBus } from "./bus";

export type AlertRow = NonNullable<Awaited<ReturnType<Db["alert"]["findFirst"]>>>;
type Change = Extract<ConsoleEvent, { type: "alert" }>["change"];
export type Silences = { id: string; matchers: Matcher[] }[];

export const ACTIVE = ["firing", "acknowledged"];

/** Fingerprints computed lately, by their hashed text: a batch names few conditions many times (bounded). */
const fingerprints = new Map<string, string>();

/** Source plus the sorted labels identify a condition; repeats of it are one alert. */
export function fingerprintOf(source: string, labels: Labels): string {
  // The hashed text, in one piece (hashing the parts one after another gives the same digest).
  let hashed = source;
  for (const k of Object.keys(labels).sort()) hashed += `\0${k}\0${labels[k]}`;
  let fp = fingerprints.get(hashed);
  if (fp === undefined) {
    fp = createHash("sha256").update(hashed).digest("hex").slice(0, 16);
    if (fingerprints.size >= 10_000) fingerprints.clear();
    fingerprints.set(hashed, fp);
  }
  return fp;
}

/** One change in a batch, applied in order. */
export type AlertOp =
  /** The condition holds now: fire its alert, or repeat the active one. */
  | { kind: "raise"; input: AlertInput }
  /** The condition has cleared: resolve its active alert, if any. */
  | { kind: "clear"; source: AlertSource; labels: Labels; note?: string }
  /** Resolve this alert (read by the caller) by `by`. */
  | { kind: "resolve"; row: AlertRow; by: string; note: string | null };

/** Per op: the alert after it (null: a clear with nothing active), and whether it was created. */
export interface AlertOpResult {
  alert: AlertView | null;
  created: boolean;
}

/** What the batch needs from the alert service. */
export interface AlertBatchHost {
  db: Db;
  bus: EventBus;
  notifier: AlertNotifier | null;
  now(): Date;
  activeSilences(): Promise<Silences>;
  toView(row: AlertRow, silences: Silences): AlertView;
}

export interface Slot {
  /** The alert as the batch has left it so far (id 0 until a new one is inserted). */
  row: AlertRow;
  isNew: boolean;
  /** Existing rows: repeats to add to the stored count, and whether the content changed. */
  repeats: number;
  /** Existing rows resolved by the batch: the resolver's patch. */
  resolved: AlertStatePatch | null;
  resolvedBy: string | null;
  /** For the bus: the latest state change (a repeat only when nothing else happened). */
  change: Change | null;
}

/** The alert at one step of the batch (its id is known only after the insert). */
interface Snapshot {
  slot: Slot;
  row: AlertRow;
}

/** Rows per lookup and per raw UPDATE: under SQLite's bound-parameter limit. */
const CHUNK = 500;

export const chunks = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

type Parsed =
  | { kind: "raise"; input: ParsedInput; fp: string }
  | { kind: "clear"; fp: string; note: string }
  | { kind: "resolve"; row: AlertRow; by: string; note: string | null };

function parse(op: AlertOp): Parsed {
  if (op.kind === "raise") {
    const input = checkedInput(op.input) ?? alertInputSchema.parse(op.input);
    return { kind: "raise", input, fp: fingerprintOf(input.source, input.labels) };
  }
  if (op.kind === "clear")
    return {
      kind: "clear",
      fp: fingerprintOf(op.source, checkedLabels(op.labels) ?? labelsSchema.parse(op.labels)),
      note: op.note ?? "condition cleared",
    };
  return op;
}

// The schemas' checks written out for the common case: a batch of a thousand raises spent most of
// its JavaScript time in zod. Each returns what the schema's parse would (a copy, unknown keys
// dropped, defaults filled in) when the value plainly passes, and null on anything else, which then
// goes through the schema itself (so every refusal is zod's, with its message).
const SOURCES = new Set<unknown>(ALERT_SOURCES);
const SEVERITY_NAMES = new Set<unknown>(SEVERITIES);
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const plainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" &&
  v !== null &&
  Object.getPrototypeOf(v) === Object.prototype &&
  !Object.hasOwn(v, "constructor");

const text = (v: unknown, min: number, max: number): v is string =>
  typeof v === "string" && v.length >= min && v.length <= max;

/** labelsSchema's output for `v`, or null when only the schema can say. */
export function checkedLabels(v: unknown): Labels | null {
  if (!plainObject(v) || Object.getOwnPropertySymbols(v).length) return null;
  const out: Labels = {};
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (k.length > 64 || !LABEL_NAME.test(k) || k === "__proto__" || !text(x, 0, 512)) return null;
    out[k] = x;
  }
  return out;
}

type ParsedInput = ReturnType<typeof alertInputSchema.parse>;

/** alertInputSchema's output for `v`, or null when only the schema can say. */
export function checkedInput(v: unknown): ParsedInput | null {
  if (!plainObject(v)) return null;
  const { source, severity, summary, details, links } = v;
  if (!SOURCES.has(source) || !SEVERITY_NAMES.has(severity) || !text(summary, 1, 512)) return null;
  if (details !== undefined && !text(details, 0, 16_384)) return null;
  const labels = checkedLabels(v.labels);
  if (labels === null) return null;
  if (links !== undefined && !(Array.isArray(links) && links.length <= 16)) return null;
  const outLinks: ParsedInput["links"] = [];
  for (const l of links ?? []) {
    if (!plainObject(l)) return null;
    const { label, href } = l;
    if (!text(label, 1, 128) || !text(href, 0, 2048) || !href.startsWith("/") || href.startsWith("//"))
      return null;
    outLinks.push({ label, href });
  }
  return {
    source: source as ParsedInput["source"],
    severity: severity as ParsedInput["severity"],
    labels,
    summary,
    details: details ?? "",
    links: outLinks,
  };
}

/** What a batch decided, ready to write (planWrites says how). */
export interface AlertPlan {
  slots: Slot[];
  events: PlannedEvent[];
}

export type PlannedEvent = { slot: Slot; kind: string; actor: string | null; note: string | null };

/** A batch written (maybe in a transaction not committed yet), to publish once committed. */
export interface StagedAlertOps {
  /** Tells the bus and the notifier, and builds the per-op results (none with `results: false`). */
  publish(opts?: { results?: boolean }): Promise<AlertOpResult[]>;
}

export const NOTHING_STAGED: StagedAlertOps = { publish: async () => [] };

/** The ops checked (every input before anything is written) and the fingerprints they read. */
export function prepareAlertOps(ops: readonly AlertOp[]) {
  const parsed = ops.map(parse);
  const fps = [...new Set(parsed.flatMap((p) => (p.kind === "resolve" ? [] : [p.fp])))];
  return { parsed, fps };
}

/**
 * Applies `ops` in order through Prisma: one read of the alerts they concern, the plan, its writes
 * in order; `results: false` skips building the per-op views (callers that only store).
 */
export async function applyAlertOps(
  host: AlertBatchHost,
  ops: readonly AlertOp[],
  opts: { results?: boolean } = {},
): Promise<AlertOpResult[]> {
  if (ops.length === 0) return [];
  const { parsed, fps } = prepareAlertOps(ops);
  const now = host.now();
  const { db } = host;
  // The batch's two reads at once (two connections on PostgreSQL).
  const [stored, silences] = await Promise.all([
    Promise.all(
      chunks(fps).map((part) =>
        db.alert.findMany({ where: { fingerprint: { in: part }, state: { in: ACTIVE } } }),
      ),
    ).then((parts) => parts.flat()),
    host.activeSilences(),
  ]);
  const { plan, staged } = planAlertOps(host, parsed, stored, silences, now);
  await write(db, plan.slots, plan.events, now);
  return staged.publish(opts);
}

/**
 * Decides the checked ops in memory, in order, from the active alerts they concern (`stored`) and
 * the active silences: the plan to write, and what to publish once it is written. No I/O, so a
 * caller can run it inside a synchronous transaction (alert-store-sql.ts).
 */
export function planAlertOps(
  host: Pick<AlertBatchHost, "bus" | "notifier" | "toView">,
  parsed: ReturnType<typeof prepareAlertOps>["parsed"],
  stored: AlertRow[],
  silences: Silences,
  now: Date,
): { plan: AlertPlan; staged: StagedAlertOps } {
  const slots: Slot[] = [];
  const byId = new Map<number, Slot>();
  /** Active alerts per fingerprint, newest first (a raise repeats the newest, as findFirst did). */
  const active = new Map<string, Slot[]>();
  const track = (row: AlertRow, isNew: boolean): Slot => {
    const slot: Slot = { row, isNew, repeats: 0, resolved: null, resolvedBy: null, change: null };
    if (!isNew) byId.set(row.id, slot);
    return slot;
  };
  for (const row of stored.sort((a, b) => b.id - a.id)) {
    const list = active.get(row.fingerprint) ?? [];
    list.push(track({ ...row }, false));
    active.set(row.fingerprint, list);
  }
  const touch = (slot: Slot, change: Change) => {
    if (slot.change === null) slots.push(slot);
    if (change !== "repeated" || slot.change === null) slot.change = change;
  };
  // With no active silence (the usual case) nothing is silenced: no view needed to say so.
  const silenced = (row: AlertRow) => (silences.length ? host.toView(row, silences).silencedBy : []);

  const events: PlannedEvent[] = [];
  const notices: { snap: Snapshot; event: "firing" | "resolved" }[] = [];
  const results: { snap: Snapshot | null; created: boolean }[] = [];
  const snap = (slot: Slot): Snapshot => ({ slot, row: { ...slot.row } });

  const resolve = (slot: Slot, by: string, note: string | null): Snapshot => {
    const t = resolveTransition(slot.row.state as AlertState, by);
    if (t.kind !== "change") return snap(slot);
    const patch = t.patch(now);
    Object.assign(slot.row, patch);
    if (!slot.isNew) {
      slot.resolved = patch;
      slot.resolvedBy = by;
    }
    const list = active.get(slot.row.fingerprint);
    if (list)
      active.set(
        slot.row.fingerprint,
        list.filter((s) => s !== slot),
      );
    events.push({ slot, kind: "resolved", actor: by, note });
    touch(slot, "resolved");
    const s = snap(slot);
    if (silenced(s.row).length === 0) notices.push({ snap: s, event: "resolved" });
    return s;
  };

  for (const p of parsed) {
    if (p.kind === "resolve") {
      const slot = byId.get(p.row.id) ?? track({ ...p.row }, false);
      results.push({ snap: resolve(slot, p.by, p.note), created: false });
      continue;
    }
    const current = active.get(p.fp)?.[0];
    if (p.kind === "clear") {
      results.push({ snap: current ? resolve(current, "auto", p.note) : null, created: false });
      continue;
    }
    const input = p.input;
    if (current) {
      const before = current.row.severity as Severity;
      Object.assign(current.row, {
        count: current.row.count + 1,
        lastSeenAt: now,
        severity: input.severity,
        summary: input.summary,
        details: input.details,
        links: JSON.stringify(input.links),
      });
      if (!current.isNew) current.repeats++;
      if (before !== input.severity)
        events.push({
          slot: current,
          kind: "repeated",
          actor: null,
          note: `severity ${before} → ${input.severity}`,
        });
      touch(current, "repeated");
      const s = snap(current);
      // Getting worse is news for on-call even when the alert is already known.
      if (severityRank(input.severity) < severityRank(before) && silenced(s.row).length === 0)
        notices.push({ snap: s, event: "firing" });
      results.push({ snap: s, created: false });
      continue;
    }
    const slot = track(
      {
        id: 0,
        fingerprint: p.fp,
        source: input.source,
        severity: input.severity,
        state: "firing",
        summary: input.summary,
        details: input.details,
        labels: JSON.stringify(input.labels),
        links: JSON.stringify(input.links),
        count: 1,
        firstSeenAt: now,
        lastSeenAt: now,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
        resolvedBy: null,
      },
      true,
    );
    active.set(p.fp, [slot, ...(active.get(p.fp) ?? [])]);
    const by = silenced(slot.row);
    events.push({
      slot,
      kind: "fired",
      actor: null,
      note: by.length ? `silenced by ${by.join(", ")}` : null,
    });
    touch(slot, "fired");
    const s = snap(slot);
    if (by.length === 0) notices.push({ snap: s, event: "firing" });
    results.push({ snap: s, created: true });
  }

  const staged: StagedAlertOps = {
    async publish(opts = {}) {
      const view = (s: Snapshot) => host.toView({ ...s.row, id: s.slot.row.id }, silences);
      for (const slot of slots)
        host.bus.emit({
          type: "alert",
          alertId: slot.row.id,
          state: slot.row.state,
          change: slot.change as Change,
        });
      const changes = notices.map((n) => ({ alert: view(n.snap), event: n.event }));
      if (changes.length && host.notifier) {
        if (host.notifier.alertsChanged) await host.notifier.alertsChanged(changes);
        else for (const c of changes) await host.notifier.alertChanged(c.alert, c.event);
      }
      if (opts.results === false) return [];
      return results.map((r) => ({ alert: r.snap ? view(r.snap) : null, created: r.created }));
    },
  };
  return { plan: { slots, events }, staged };
}

/** A plan's writes as both stores issue them, in order: a constant number of statements. */
export function planWrites(plan: AlertPlan) {
  const fresh = plan.slots.filter((s) => s.isNew);
  const repeated = plan.slots.filter((s) => !s.isNew && s.repeats > 0);
  const resolvers = new Map<string, Slot[]>();
  for (const s of plan.slots)
    if (!s.isNew && s.resolvedBy !== null)
      resolvers.set(s.resolvedBy, [...(resolvers.get(s.resolvedBy) ?? []), s]);
  return {
    /** New alerts, to insert in this order. */
    fresh,
    /** Repeats of stored alerts, per UPDATE. */
    repeats: chunks(repeated),
    /** Stored alerts resolved, per UPDATE: the ids and the resolver's patch. */
    resolves: [...resolvers.values()].flatMap((list) =>
      chunks(list).map((part) => ({
        ids: part.map((s) => s.row.id),
        patch: part[0]?.resolved as NonNullable<Slot["resolved"]>,
      })),
    ),
  };
}

/** Gives the new slots the ids their insert returned (rows are numbered in insertion order; the fingerprints confirm the pairing). */
export function assignIds(fresh: readonly Slot[], rows: { id: number; fingerprint: string }[]): void {
  rows.sort((a, b) => a.id - b.id);
  for (const [i, s] of fresh.entries()) {
    const r = rows[i];
    if (r?.fingerprint !== s.row.fingerprint) throw new Error("alert batch: inserted rows out of order");
    s.row.id = r.id;
  }
}

/** The batch's writes through Prisma. */
async function write(db: Db, slots: Slot[], events: readonly PlannedEvent[], now: Date): Promise<void> {
  const w = planWrites({ slots, events: [...events] });
  const steps: ((tx: Prisma.TransactionClient) => Promise<unknown>)[] = [];
  // Prisma splits createMany under the engines' parameter limits itself; the raw UPDATE is chunked here.
  if (w.fresh.length)
    steps.push(async (tx) => {
      const rows = await tx.alert.createManyAndReturn({
        data: w.fresh.map((s) => {
          const { id: _id, ...data } = s.row;
          return data;
        }),
        select: { id: true, fingerprint: true },
      });
      assignIds(w.fresh, rows);
    });
  for (const part of w.repeats) steps.push((tx) => updateRepeats(tx, part, now));
  for (const r of w.resolves)
    steps.push((tx) => tx.alert.updateMany({ where: { id: { in: r.ids } }, data: r.patch }));
  if (events.length)
    steps.push((tx) =>
      tx.alertEvent.createMany({
        data: events.map((e) => ({
          alertId: e.slot.row.id,
          kind: e.kind,
          actor: e.actor,
          note: e.note,
          at: now,
        })),
      }),
    );
  // In order, without an interactive transaction (as the call-by-call path wrote): a bench:scale run
  // on PostgreSQL once stalled with a Prisma interactive transaction left idle after BEGIN.
  for (const step of steps) await step(db);
}

/**
 * Repeats of existing alerts in one statement: the count grows by the batch's repeats (added to
 * what is stored, so concurrent repeats are not lost) and the content becomes the latest raise's.
 * Written once for both engines: Prisma.sql renders the placeholders, CAST types PostgreSQL's
 * untyped VALUES, and the one time (the batch's) is typed by its column.
 */
function updateRepeats(tx: Prisma.TransactionClient, part: readonly Slot[], now: Date) {
  const rows = part.map(
    (s) =>
      Prisma.sql`(${s.row.id}, ${s.repeats}, ${s.row.severity}, ${s.row.summary}, ${s.row.details}, ${s.row.links})`,
  );
  return tx.$executeRaw`WITH v(id, n, severity, summary, details, links) AS (VALUES ${Prisma.join(rows)})
    UPDATE "Alert" AS a SET "count" = a."count" + CAST(v.n AS INTEGER), "lastSeenAt" = ${now},
      "severity" = v.severity, "summary" = v.summary, "details" = v.details, "links" = v.links
    FROM v WHERE a."id" = CAST(v.id AS INTEGER)`;
}
