/**
 * The alerts that refer to something, by the AlertRef index (prisma/schema/console.prisma): those
 * linking to a page (kind "href": an object page's own alerts) or labelled with a value (kind
 * "label", compared as names are: lower case, no trailing dot). The rows are written by database
 * triggers on Alert (migration 20261207050300_alert_refs), so these reads never parse JSON.
 */
import { type Db, Prisma } from "@netops/db";

export type AlertRefKind = "href" | "label";

/**
 * The newest `take` alert ids referring to `key`: one range of the (kind, key, alertId) index read
 * backwards. `first`: only alerts whose first link it is (the object they are about).
 */
export function alertRefStatement(
  kind: AlertRefKind,
  key: string,
  take: number,
  opts: { first?: boolean } = {},
): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT "alertId" FROM "AlertRef" WHERE "kind" = ${kind} AND "key" = ${key}${
    opts.first ? Prisma.sql` AND "pos" = 0` : Prisma.empty
  } ORDER BY "alertId" DESC LIMIT ${take}`;
}

/** The newest `take` alert ids referring to any of `keys`, newest first (a statement per key). */
export async function alertIdsReferring(
  db: Db,
  kind: AlertRefKind,
  keys: readonly string[],
  take: number,
  opts: { first?: boolean } = {},
): Promise<number[]> {
  const lists = await Promise.all(
    [...new Set(keys)].map((k) =>
      db.$queryRaw<{ alertId: unknown }[]>(alertRefStatement(kind, k, take, opts)),
    ),
  );
  const ids = new Set(lists.flat().map((r) => Number(r.alertId)));
  return [...ids].sort((a, b) => b - a).slice(0, take);
}
