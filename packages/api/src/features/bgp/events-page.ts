/**
 * The BGP events page without a text filter (the page's usual read) as one plain statement on the
 * hot-path connection. Through Prisma the same read cost ~3 ms of CPU, mostly compiling the query
 * (bench:scale's API part). Text filters (`peer`, `q`) keep Prisma's `contains`; so does any filter
 * this reader does not know, so a field added to the filter can never be silently ignored here.
 */
import { parseCidr } from "@netops/protocols/dhcp";
import type { bgpEventFilterSchema } from "@netops/protocols/bgp";
import type { z } from "zod";
import { dateOf, dbValue, type Sql } from "../../sql";

type Filter = z.output<typeof bgpEventFilterSchema>;

/** The filter fields read here; any other one set sends the page to Prisma. */
const HANDLED = new Set([
  "router",
  "prefix",
  "peerAs",
  "dir",
  "kind",
  "source",
  "code",
  "subcode",
  "from",
  "to",
  "limit",
  "cursor",
]);

/** Whether `f` is a page this reader serves. */
export function plainPageServes(f: Filter): boolean {
  return Object.entries(f).every(([k, v]) => v === undefined || HANDLED.has(k));
}

/**
 * Up to `take` stored rows of the page `f` (newest first, then id descending), with DateTime
 * columns as Dates; null when `f` is not a page this reader serves.
 */
export async function plainEventsPage<R>(sql: Sql, f: Filter, take: number): Promise<R[] | null> {
  if (!plainPageServes(f)) return null;
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (cond: string, ...values: unknown[]) => {
    where.push(cond);
    params.push(...values);
  };
  if (f.router) add(`"router" = ?`, f.router);
  if (f.prefix) {
    // The schema has checked it is a prefix; its peers are one range of the address key index.
    const c = parseCidr(f.prefix);
    if (!c) return null;
    add(`"peerAddressKey" >= ? AND "peerAddressKey" <= ?`, c.lowKey, c.highKey);
  }
  if (f.peerAs !== undefined) add(`"peerAs" = ?`, f.peerAs);
  if (f.dir) add(`"direction" = ?`, f.dir);
  if (f.kind) add(`"kind" = ?`, f.kind);
  if (f.source) add(`"source" = ?`, f.source);
  if (f.code !== undefined) add(`"code" = ?`, f.code);
  if (f.subcode !== undefined) add(`"subcode" = ?`, f.subcode);
  if (f.from) add(`"at" >= ?`, dbValue(new Date(f.from), sql.engine));
  if (f.to) add(`"at" < ?`, dbValue(new Date(f.to), sql.engine));
  if (f.cursor) {
    const [ms, id] = f.cursor.split(":").map(Number) as [number, number];
    const at = dbValue(new Date(ms), sql.engine);
    add(`("at" < ? OR ("at" = ? AND "id" < ?))`, at, at, id);
  }
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT * FROM "BgpEvent"${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY "at" DESC, "id" DESC LIMIT ?`,
    ...params,
    take,
  );
  return rows.map(
    (r) =>
      ({
        ...r,
        id: Number(r.id),
        at: dateOf(r.at, sql.engine),
        receivedAt: dateOf(r.receivedAt, sql.engine),
      }) as R,
  );
}
