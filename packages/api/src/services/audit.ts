import type { Db } from "@netops/db";
import { keysetPage, takeFor } from "@netops/protocols";
import { redact } from "./redact";

export interface AuditRecord {
  actorId: string | null;
  actorName: string;
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  ok?: boolean;
  /** What the remote system answered, for a change made elsewhere (EPP, Kea, a webhook receiver). */
  result?: AuditResult | null;
}

/**
 * The outcome another system gave to a change the console asked of it: `ok` is the peer's verdict
 * (an EPP 2305 is not ok), `code` its result code (EPP 1000/2305, Kea 0-4, an HTTP status), `text` its words.
 */
export interface AuditResult {
  ok: boolean;
  code: number | null;
  text: string;
}

const MAX_RESULT_TEXT = 1000;
const resultColumns = (r: AuditResult | null | undefined) =>
  r ? { resultCode: r.code, resultText: r.text.slice(0, MAX_RESULT_TEXT) } : {};

const MAX_JSON = 16_384;
function snapshot(v: unknown): string | null {
  if (v === undefined) return null;
  const s = JSON.stringify(redact(v));
  return s.length > MAX_JSON ? `${s.slice(0, MAX_JSON)}…` : s;
}

export class AuditService {
  constructor(private readonly db: Db) {}

  async record(r: AuditRecord): Promise<void> {
    await this.begin(r);
  }

  /** Writes an entry and returns its id, so that `finish` can fill in the outcome later. */
  async begin(r: AuditRecord): Promise<number> {
    const row = await this.db.auditEntry.create({
      data: {
        actorId: r.actorId,
        actorName: r.actorName,
        action: r.action,
        target: r.target ?? null,
        before: snapshot(r.before),
        after: snapshot(r.after),
        ip: r.ip ?? null,
        ok: r.result ? r.result.ok : (r.ok ?? true),
        ...resultColumns(r.result),
      },
      select: { id: true },
    });
    return row.id;
  }

  /** Completes an entry written by `begin` (only the fields given change). */
  async finish(
    id: number,
    r: {
      action?: string;
      target?: string | null;
      before?: unknown;
      after?: unknown;
      ok: boolean;
      result?: AuditResult | null;
    },
  ): Promise<void> {
    await this.db.auditEntry.update({
      where: { id },
      data: {
        ...(r.action !== undefined && { action: r.action }),
        ...(r.target !== undefined && { target: r.target }),
        ...("before" in r && { before: snapshot(r.before) }),
        ...("after" in r && { after: snapshot(r.after) }),
        ok: r.result ? r.result.ok : r.ok,
        ...resultColumns(r.result),
      },
    });
  }

  async list(f: {
    action?: string | undefined;
    actor?: string | undefined;
    target?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    cursor?: number | undefined;
    limit: number;
  }) {
    // The same rule as auditEntryMatches (@netops/protocols), in SQL.
    const rows = await this.db.auditEntry.findMany({
      where: {
        ...(f.action && { action: { startsWith: f.action } }),
        ...(f.actor && { actorName: f.actor }),
        ...(f.target && { target: f.target }),
        ...((f.from || f.to) && {
          at: { ...(f.from && { gte: new Date(f.from) }), ...(f.to && { lt: new Date(f.to) }) },
        }),
        ...(f.cursor && { id: { lt: f.cursor } }),
      },
      orderBy: { id: "desc" },
      take: takeFor(f.limit),
    });
    const page = keysetPage(rows, f.limit, (e) => e.id);
    return {
      items: page.items.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorName: e.actorName,
        action: e.action,
        target: e.target,
        before: e.before,
        after: e.after,
        ip: e.ip,
        ok: e.ok,
        /** The remote system's answer (null for changes made in the console itself). */
        result:
          e.resultCode !== null || e.resultText !== null
            ? { code: e.resultCode, text: e.resultText ?? "" }
            : null,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
