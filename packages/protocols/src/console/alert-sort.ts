/**
 * The alert list's order, shared by the alert service (SQL keyset) and the mock API (in memory):
 * a primary key chosen by the viewer, then newest first (id descending) among equals. Cursors name
 * the sort they belong to, so a cursor from another order is refused instead of skipping rows.
 */
import { ALERT_STATES, type AlertState, SEVERITIES, type Severity } from "./alerts";

export const ALERT_SORTS = [
  "severity",
  "lastSeen",
  "firstSeen",
  "count",
  "state",
  "source",
  "summary",
] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];
/** `desc`: worst severity, most urgent state, newest time, highest count, Z→A first. */
export const SORT_ORDERS = ["desc", "asc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The default: worst first, then newest. */
export const DEFAULT_ALERT_SORT: { sort: AlertSort; order: SortOrder } = { sort: "severity", order: "desc" };

export interface SortableAlert {
  id: number;
  severity: Severity;
  state: AlertState;
  source: string;
  summary: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

/**
 * A sort's key as text or number. Severity and state are ranked (critical and firing highest), so
 * `desc` puts the worst first; times are ISO strings, which sort as the instants do.
 */
export function alertSortKey(a: SortableAlert, sort: AlertSort): string | number {
  switch (sort) {
    case "severity":
      return SEVERITIES.length - 1 - SEVERITIES.indexOf(a.severity);
    case "state":
      return ALERT_STATES.length - 1 - ALERT_STATES.indexOf(a.state);
    case "count":
      return a.count;
    case "firstSeen":
      return a.firstSeenAt;
    case "lastSeen":
      return a.lastSeenAt;
    case "source":
      return a.source;
    case "summary":
      return a.summary;
  }
}

/** SQLite's BINARY collation for the ASCII text the keys hold; numbers as numbers. */
function cmp(x: string | number, y: string | number): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface AlertCursor {
  sort: AlertSort;
  order: SortOrder;
  key: string | number;
  id: number;
}

/** Negative when `a` comes before `b` in the list. */
export function compareAlerts(sort: AlertSort, order: SortOrder) {
  const sign = order === "desc" ? -1 : 1;
  return (a: SortableAlert, b: SortableAlert): number =>
    sign * cmp(alertSortKey(a, sort), alertSortKey(b, sort)) || b.id - a.id;
}

/** True when `a` comes after the cursor's position in the list. */
export function afterAlertCursor(c: AlertCursor, a: SortableAlert): boolean {
  const k = cmp(alertSortKey(a, c.sort), c.key);
  return (c.order === "desc" ? k < 0 : k > 0) || (k === 0 && a.id < c.id);
}

const NUMERIC: readonly AlertSort[] = ["severity", "state", "count"];
const TIMES: readonly AlertSort[] = ["firstSeen", "lastSeen"];
const ISO_MS = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;

/** `<sort>.<order>:<key>.<id>`, e.g. `severity.desc:2.41`. */
export function encodeAlertCursor(sort: AlertSort, order: SortOrder, a: SortableAlert): string {
  return `${sort}.${order}:${alertSortKey(a, sort)}.${a.id}`;
}

/** The cursor, or a reason it is none (for the field's error message). */
export function decodeAlertCursor(text: string): AlertCursor | { error: string } {
  const m = /^([a-zA-Z]+)\.(asc|desc):([\s\S]*)\.([0-9]{1,15})$/.exec(text);
  if (!m) return { error: "not an alert list cursor" };
  const [, sort = "", order = "", rawKey = "", rawId = ""] = m;
  if (!(ALERT_SORTS as readonly string[]).includes(sort)) return { error: `unknown sort ${sort}` };
  const id = Number(rawId);
  if (id < 1) return { error: "not an alert list cursor" };
  let key: string | number = rawKey;
  if (NUMERIC.includes(sort as AlertSort)) {
    if (!/^[0-9]{1,15}$/.test(rawKey)) return { error: `the ${sort} key is not a number` };
    key = Number(rawKey);
  }
  if (TIMES.includes(sort as AlertSort) && !(ISO_MS.test(rawKey) && Number.isFinite(Date.parse(rawKey))))
    return { error: `the ${sort} key is not an ISO time` };
  return { sort: sort as AlertSort, order: order as SortOrder, key, id };
}
