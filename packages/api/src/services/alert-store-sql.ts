/**
 * The alert batch's reads and writes (alert-batch.ts) as direct SQL steps of a transaction on the
 * hot-path connection (sql.ts, Sql.steps: synchronous from BEGIN to COMMIT on SQLite), so a caller stores its own rows and the alerts they raise or clear in one
 * transaction: BGP events and their alerts commit together or not at all, and a replica that takes
 * over a batch after a crash evaluates its alerts exactly once. The same statements as the Prisma
 * path, written once for both engines (sql.ts translates): one lookup, one multi-row INSERT of new
 * alerts, one UPDATE of repeats, one UPDATE per resolver, one multi-row INSERT of their history.
 */
import { type Matcher, matcherSchema } from "@netops/protocols";
import { z } from "zod";
import { jsonParsed } from "../json-column";
import { dateOf, dbValue, type Sql, type SqlSteps, stepAll, stepRun } from "../sql";
import {
  ACTIVE,
  type AlertBatchHost,
  type AlertOp,
  type AlertRow,
  assignIds,
  chunks,
  NOTHING_STAGED,
  planAlertOps,
  planWrites,
  prepareAlertOps,
  type Silences,
  type Slot,
  type StagedAlertOps,
} from "./alert-batch";

// Built once: a zod schema costs more to build than to check one row with.
const matchersSchema = z.array(matcherSchema);
/** A silence's stored matchers; a row that does not parse matches nothing ([]). */
export const parseMatchers = (s: string): Matcher[] => jsonParsed(s, matchersSchema, []);

/** Alert columns but the id, in the INSERT's order (also what the list's raw reads select). */
export const COLUMNS = [
  "fingerprint",
  "source",
  "severity",
  "state",
  "summary",
  "details",
  "labels",
  "links",
  "count",
  "firstSeenAt",
  "lastSeenAt",
  "acknowledgedAt",
  "acknowledgedBy",
  "resolvedAt",
  "resolvedBy",
] as const satisfies readonly (keyof Omit<AlertRow, "id">)[];

const DATES = ["firstSeenAt", "lastSeenAt", "acknowledgedAt", "resolvedAt"] as const;

/**
 * pg_advisory_xact_lock key ("netops-a" as a bigint): replicas' alert batches on this path run one
 * after another from their read of the active alerts to their commit, so two batches raising one
 * condition at once make one alert, not two (SQLite's BEGIN IMMEDIATE already serializes them).
 */
const ALERT_BATCH_LOCK_KEY = 0x6e65746f70732d61n;

const q = (name: string) => `"${name}"`;
const marks = (n: number) => Array(n).fill("?").join(", ");
const STATES = ACTIVE.map((s) => `'${s}'`).join(", ");

/** A row as read by either driver: times to Dates, counts to numbers. */
function alertRow(r: Record<string, unknown>, engine: Sql["engine"]): AlertRow {
  const row = { ...r, id: Number(r.id), count: Number(r.count) } as Record<string, unknown>;
  for (const c of DATES) row[c] = r[c] === null || r[c] === undefined ? null : dateOf(r[c], engine);
  return row as AlertRow;
}

/**
 * `ops` staged as steps of the caller's transaction (Sql.steps): read the alerts they concern, plan
 * (alert-batch.ts), write. Nothing reaches the bus or the notifier until the caller, once
 * committed, publishes.
 */
export function* stageAlertSteps(
  host: Pick<AlertBatchHost, "bus" | "notifier" | "toView" | "now">,
  engine: Sql["engine"],
  ops: readonly AlertOp[],
): SqlSteps<StagedAlertOps> {
  if (ops.length === 0) return NOTHING_STAGED;
  const { parsed, fps } = prepareAlertOps(ops);
  const now = host.now();
  const v = (x: unknown) => dbValue(x, engine);
  if (engine === "postgres")
    yield* stepRun("SELECT pg_advisory_xact_lock(?)", [ALERT_BATCH_LOCK_KEY.toString()]);
  const stored: AlertRow[] = [];
  for (const part of chunks(fps)) {
    const rows = yield* stepAll<Record<string, unknown>>(
      `SELECT * FROM "Alert" WHERE "fingerprint" IN (${marks(part.length)}) AND "state" IN (${STATES})`,
      part,
    );
    stored.push(...rows.map((r) => alertRow(r, engine)));
  }
  // Started silences are kept here: few rows end in the future.
  const silenceRows = yield* stepAll<{ id: string; matchers: string; startsAt: unknown }>(
    `SELECT "id", "matchers", "startsAt" FROM "Silence" WHERE "expiredAt" IS NULL AND "endsAt" > ?`,
    [v(now)],
  );
  const silences: Silences = silenceRows
    .filter((r) => dateOf(r.startsAt, engine) <= now)
    .map((r) => ({ id: r.id, matchers: parseMatchers(r.matchers) }));

  const { plan, staged } = planAlertOps(host, parsed, stored, silences, now);
  const w = planWrites(plan);
  const time = v(now);
  for (const part of chunks(w.fresh)) {
    const rows = yield* stepAll<{ id: number; fingerprint: string }>(
      `INSERT INTO "Alert" (${COLUMNS.map(q).join(", ")}) VALUES ${part
        .map(() => `(${marks(COLUMNS.length)})`)
        .join(", ")} RETURNING "id", "fingerprint"`,
      part.flatMap((s) => COLUMNS.map((c) => v(s.row[c]))),
    );
    assignIds(
      part,
      rows.map((r) => ({ id: Number(r.id), fingerprint: r.fingerprint })),
    );
  }
  for (const part of w.repeats) yield* updateRepeats(part, time);
  for (const r of w.resolves) {
    const set = Object.entries(r.patch);
    yield* stepRun(
      `UPDATE "Alert" SET ${set.map(([k]) => `${q(k)} = ?`).join(", ")} WHERE "id" IN (${marks(r.ids.length)})`,
      [...set.map(([, x]) => v(x)), ...r.ids],
    );
  }
  // History: 5 parameters a row, 500 rows a statement.
  for (const part of chunks(plan.events))
    yield* stepRun(
      `INSERT INTO "AlertEvent" ("alertId", "kind", "actor", "note", "at") VALUES ${part
        .map(() => "(?, ?, ?, ?, ?)")
        .join(", ")}`,
      part.flatMap((e) => [e.slot.row.id, e.kind, e.actor, e.note, time]),
    );
  return staged;
}

/** Repeats of stored alerts in one statement (as the Prisma path's): counts add to what is stored. */
function updateRepeats(part: readonly Slot[], time: unknown) {
  return stepRun(
    `WITH v(id, n, severity, summary, details, links) AS (VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")})
    UPDATE "Alert" AS a SET "count" = a."count" + CAST(v.n AS INTEGER), "lastSeenAt" = ?,
      "severity" = v.severity, "summary" = v.summary, "details" = v.details, "links" = v.links
    FROM v WHERE a."id" = CAST(v.id AS INTEGER)`,
    [
      ...part.flatMap((s) => [
        s.row.id,
        s.repeats,
        s.row.severity,
        s.row.summary,
        s.row.details,
        s.row.links,
      ]),
      time,
    ],
  );
}
