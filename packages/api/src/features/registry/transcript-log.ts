/**
 * The EPP transcript in the database: every exchange written in the background, searched by the
 * console, purged by housekeeping.
 */
import type { Db, Prisma } from "@netops/db";
import { keysetPage, takeFor } from "@netops/protocols";
import { ROUTINE_EXCHANGE, resultCodeInfo } from "@netops/protocols/epp";
import type { TranscriptSearch } from "./schemas";
import type { RegistryDeps } from "./shared";
import type { EppTransaction } from "./transcript";

type TransactionRow = NonNullable<Awaited<ReturnType<Db["eppTransactionLog"]["findFirst"]>>>;

export function transactionView(t: TransactionRow) {
  const info = t.code !== null ? resultCodeInfo(t.code) : undefined;
  return {
    id: t.id,
    connectionId: t.connectionId,
    command: t.command,
    object: t.object,
    clTRID: t.clTRID,
    svTRID: t.svTRID,
    startedAt: t.startedAt.toISOString(),
    durationMs: t.durationMs,
    code: t.code,
    meaning: info?.meaning ?? null,
    message: t.message,
    requestXml: t.requestXml,
    responseXml: t.responseXml,
    error: t.error,
  };
}

export class TranscriptLog {
  private readonly writes = new Set<Promise<unknown>>();

  constructor(private readonly d: RegistryDeps) {}

  /** Transcript rows are written in the background; flush() waits for them (tests, shutdown). */
  record(connectionId: string, t: EppTransaction): void {
    const w = this.d.db.eppTransactionLog
      .create({
        data: {
          connectionId,
          command: t.command,
          object: t.object ? t.object.toLowerCase() : null,
          clTRID: t.clTRID ?? null,
          svTRID: t.svTRID ?? null,
          startedAt: t.startedAt,
          durationMs: Math.round(t.durationMs),
          code: t.code ?? null,
          message: t.message ?? null,
          requestXml: t.requestXml,
          responseXml: t.responseXml ?? null,
          error: t.error ?? null,
        },
      })
      .catch((err) =>
        this.d.logger.error({ err, connectionId, command: t.command }, "EPP transcript write failed"),
      );
    this.writes.add(w);
    void w.finally(() => this.writes.delete(w));
  }

  async flush(): Promise<void> {
    while (this.writes.size > 0) await Promise.all([...this.writes]);
  }

  /** The latest exchanges about one object (a host's history). */
  async history(connectionId: string, object: string, limit: number) {
    const rows = await this.d.db.eppTransactionLog.findMany({
      where: { connectionId, object },
      orderBy: { id: "desc" },
      take: limit,
    });
    return rows.map(transactionView);
  }

  /** Durations of the latest successful exchanges of a connection, oldest first. */
  async recentRtts(connectionId: string): Promise<number[]> {
    const recent = await this.d.db.eppTransactionLog.findMany({
      where: { connectionId, error: null },
      orderBy: { id: "desc" },
      take: 20,
      select: { durationMs: true },
    });
    return recent.map((r) => r.durationMs).reverse();
  }

  async search(f: TranscriptSearch) {
    const limit = f.limit ?? 50;
    // Each condition is one AND term: two ORs (trid, failedOnly) must not overwrite each other.
    const and: Prisma.EppTransactionLogWhereInput[] = [];
    if (f.trid) and.push({ OR: [{ clTRID: f.trid }, { svTRID: f.trid }] });
    if (f.q)
      and.push({
        OR: [
          { requestXml: { contains: f.q } },
          { responseXml: { contains: f.q } },
          { message: { contains: f.q } },
          { error: { contains: f.q } },
        ],
      });
    if (f.failedOnly) and.push({ OR: [{ code: { gte: 2000 } }, { error: { not: null } }] });
    // Spelled as "any part differs" (with code NULL explicit): SQL's NOT(a AND code = 1300) would
    // also hide a failed poll whose code is NULL.
    if (!f.includeRoutine)
      and.push({
        OR: [
          { command: { not: ROUTINE_EXCHANGE.command } },
          { code: null },
          { code: { not: ROUTINE_EXCHANGE.code } },
          { error: { not: null } },
        ],
      });
    const rows = await this.d.db.eppTransactionLog.findMany({
      where: {
        ...(f.connectionId && { connectionId: f.connectionId }),
        ...(f.object && { object: f.object }),
        ...(f.command && { command: f.command }),
        ...(f.code !== undefined && { code: f.code }),
        ...(f.cursor && { id: { lt: f.cursor } }),
        AND: and,
      },
      orderBy: { id: "desc" },
      take: takeFor(limit),
    });
    const page = keysetPage(rows, limit, (t) => t.id);
    return { items: page.items.map(transactionView), nextCursor: page.nextCursor };
  }

  /** Housekeeping: transcript rows past the retention (days, then the row cap) are deleted. */
  async purge(): Promise<number> {
    await this.flush();
    const { db, opts } = this.d;
    const days = opts.transcriptDays ?? 90;
    const cutoff = new Date(this.d.now().getTime() - days * 86_400_000);
    let n = (await db.eppTransactionLog.deleteMany({ where: { startedAt: { lt: cutoff } } })).count;
    const maxRows = opts.transcriptMaxRows ?? 200_000;
    const last = await db.eppTransactionLog.findFirst({
      orderBy: { id: "desc" },
      skip: maxRows,
      select: { id: true },
    });
    if (last) n += (await db.eppTransactionLog.deleteMany({ where: { id: { lte: last.id } } })).count;
    return n;
  }
}
