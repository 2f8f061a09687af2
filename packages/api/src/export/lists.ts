/**
 * The lists the console exports (alerts, BGP events, DNS zones and a zone's check history,
 * registry hosts and domains, the audit log): each is read through its own tRPC procedure, as
 * the caller, so its role, its input validation and its filter are exactly the page's. Paged lists
 * are read page after page (the procedure's keyset cursor) until the whole filtered set is out.
 */
import { z } from "zod";
import type { Role } from "@netops/protocols";
import { appRouter } from "../router";
import { createCallerFactory } from "../trpc";

export const createExportCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createExportCaller>;

/** One page of rows; `next` is the input for the following page, or null at the end. */
export interface ExportPage {
  rows: readonly Record<string, unknown>[];
  next: Record<string, unknown> | null;
}

export interface ExportList {
  /** File and path name: `/api/export/<name>.csv` and `.json`. */
  name: string;
  /** The procedure's own role (it checks again when called). */
  role: Role;
  /** CSV columns: row keys, in order (objects and arrays are written as JSON). */
  columns: readonly string[];
  /** The page's input for this list as the procedure takes it (without cursor and limit). */
  page(caller: Caller, input: Record<string, unknown>): Promise<ExportPage>;
}

/** The biggest page the list procedures take. */
export const EXPORT_PAGE = 500;

const keyset =
  (
    call: (
      c: Caller,
      input: Record<string, unknown>,
    ) => Promise<{ items: readonly object[]; nextCursor?: string | number | null }>,
  ) =>
  async (c: Caller, input: Record<string, unknown>): Promise<ExportPage> => {
    const out = await call(c, { ...input, limit: EXPORT_PAGE });
    return {
      rows: out.items as Record<string, unknown>[],
      next: out.nextCursor ? { ...input, cursor: out.nextCursor } : null,
    };
  };

const whole =
  (call: (c: Caller, input: Record<string, unknown>) => Promise<readonly object[]>) =>
  async (c: Caller, input: Record<string, unknown>): Promise<ExportPage> => ({
    rows: (await call(c, input)) as Record<string, unknown>[],
    next: null,
  });

// Inputs are checked by each procedure's own schema; `as never` hands them over unchanged.
export const EXPORT_LISTS: readonly ExportList[] = [
  {
    name: "alerts",
    role: "viewer",
    columns: [
      "id",
      "severity",
      "state",
      "source",
      "summary",
      "details",
      "labels",
      "count",
      "firstSeenAt",
      "lastSeenAt",
      "acknowledgedAt",
      "acknowledgedBy",
      "resolvedAt",
      "resolvedBy",
      "silencedBy",
    ],
    page: keyset((c, i) => c.alerts.list(i as never)),
  },
  {
    name: "bgp-events",
    role: "viewer",
    columns: [
      "id",
      "at",
      "router",
      "peer",
      "peerAddress",
      "peerName",
      "peerAs",
      "kind",
      "direction",
      "code",
      "subcode",
      "codeName",
      "subcodeName",
      "text",
      "textBytes",
      "status",
      "findings",
      "reason",
      "source",
      "format",
      "rawHex",
      "rawLine",
    ],
    page: keyset((c, i) => c.bgp.events(i as never)),
  },
  {
    name: "audit",
    role: "admin",
    columns: ["id", "at", "actorName", "action", "target", "ok", "result", "ip", "before", "after"],
    page: keyset((c, i) => c.audit.list(i as never)),
  },
  {
    name: "dns-zones",
    role: "viewer",
    columns: [
      "id",
      "name",
      "sourceKind",
      "source",
      "mode",
      "expectZonemd",
      "enabled",
      "intervalSeconds",
      "status",
      "nextCheckAt",
      "servers",
      "createdAt",
      "updatedAt",
    ],
    page: whole((c) => c.dns.list()),
  },
  {
    name: "dns-checks",
    role: "viewer",
    columns: [
      "id",
      "startedAt",
      "durationMs",
      "trigger",
      "source",
      "status",
      "reason",
      "accepted",
      "serial",
      "records",
      "bytes",
      "hashAlgorithm",
      "computedDigest",
      "publishedDigest",
      "zonemd",
      "errors",
    ],
    // A zone's whole stored history (the API keeps at most 500 checks a zone).
    page: whole(async (c, i) => (await c.dns.get({ ...(i as { id: string }), historyLimit: 500 })).history),
  },
  {
    name: "registry-hosts",
    role: "viewer",
    columns: [
      "connectionName",
      "name",
      "roid",
      "addrs",
      "statuses",
      "sponsor",
      "sponsoredByUs",
      "superordinate",
      "linkedDomains",
      "crDate",
      "upDate",
      "gone",
      "refreshedAt",
    ],
    page: whole((c, i) => c.registry.hosts(i as never)),
  },
  {
    name: "registry-domains",
    role: "viewer",
    columns: [
      "connectionId",
      "name",
      "sponsor",
      "nameServers",
      "subordinates",
      "statuses",
      "exDate",
      "gone",
      "refreshedAt",
    ],
    page: whole((c, i) => c.registry.domains(i as never)),
  },
];

/** `?input=<JSON object>`: the list procedure's input, as the page sends it (no cursor, no limit). */
export const exportInputSchema = z
  .string()
  .max(4000, "input is longer than 4000 characters")
  .transform((s, ctx) => {
    try {
      const v: unknown = JSON.parse(s);
      if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "input is not a JSON object" });
    return z.NEVER;
  });
