/** What the DNS service shares: its dependencies and the zone and check views. */
import type { Db } from "@netops/db";
import { type ZonemdCheck, zonemdCheckSummary } from "@netops/protocols/dns";
import type { Logger } from "pino";
import { DomainError } from "../../errors";
import { jsonColumn } from "../../json-column";
import type { AlertService } from "../../services/alerts";
import type { SecretBox } from "../../services/crypto";
import type { OutboundFetch } from "../../services/outbound/http";
import type { OutboundPolicy } from "../../services/outbound/policy";
import type {
  CheckStatus,
  CheckView,
  ParseErrorView,
  ServerConfig,
  ServerStateView,
  ZonemdCheckView,
  ZoneView,
} from "./schemas";
import type { DnsLimits } from "./sources";

/** A ZONEMD check as stored and shown: all but its line in the zone file (the upload verdict's rule). */
export const zonemdCheckView: (c: ZonemdCheck) => ZonemdCheckView = zonemdCheckSummary;

export type ZoneRow = NonNullable<Awaited<ReturnType<Db["dnsZone"]["findFirst"]>>>;
export type CheckRow = NonNullable<Awaited<ReturnType<Db["dnsZoneCheck"]["findFirst"]>>>;

/** The DNS service's dependencies, handed to each of its parts. */
export interface DnsDeps {
  db: Db;
  alerts: AlertService;
  box: SecretBox;
  logger: Logger;
  limits: DnsLimits;
  now: () => Date;
  /** AXFR/SOA destinations. */
  policy: OutboundPolicy;
  /** Zone downloads (https sources). */
  fetchFn: OutboundFetch | typeof fetch;
  /** Aborted at shutdown: transfers and downloads in flight stop. */
  closing: AbortSignal;
}

export async function zoneRow(db: Db, id: string): Promise<ZoneRow> {
  const z = await db.dnsZone.findUnique({ where: { id } });
  if (!z) throw new DomainError("not-found", `no zone with id ${id}`);
  return z;
}

export function describeSource(z: ZoneRow): string {
  return z.sourceKind === "axfr" ? `axfr ${z.source}` : z.source;
}

export function checkView(c: CheckRow): CheckView {
  return {
    id: c.id,
    startedAt: c.startedAt.toISOString(),
    durationMs: c.durationMs,
    trigger: c.trigger,
    source: c.source,
    status: c.status as CheckStatus,
    reason: c.reason,
    accepted: c.accepted,
    serial: c.serial === null ? null : Number(c.serial),
    records: c.records,
    bytes: c.bytes,
    zonemd: jsonColumn<ZonemdCheckView[]>(c.zonemd, []),
    computedDigest: c.computedDigest,
    publishedDigest: c.publishedDigest,
    hashAlgorithm: c.hashAlgorithm,
    errors: jsonColumn<ParseErrorView[]>(c.errors, []),
    timing: jsonColumn(c.timing, {}),
  };
}

export async function zoneView(db: Db, z: ZoneRow, checks?: Map<number, CheckRow>): Promise<ZoneView> {
  const ids = [z.lastCheckId, z.lastGoodCheckId].filter((x): x is number => x !== null);
  const rows =
    checks ?? new Map((await db.dnsZoneCheck.findMany({ where: { id: { in: ids } } })).map((c) => [c.id, c]));
  const last = z.lastCheckId !== null ? rows.get(z.lastCheckId) : undefined;
  const good = z.lastGoodCheckId !== null ? rows.get(z.lastGoodCheckId) : undefined;
  return {
    id: z.id,
    name: z.name,
    sourceKind: z.sourceKind as ZoneView["sourceKind"],
    source: z.source,
    tsig: z.tsigName && z.tsigAlgorithm ? { name: z.tsigName, algorithm: z.tsigAlgorithm } : null,
    servers: jsonColumn<ServerConfig[]>(z.servers, []),
    serversFromNs: z.serversFromNs,
    nsServers: jsonColumn<ServerConfig[]>(z.nsServers, []),
    intervalSeconds: z.intervalSeconds,
    mode: z.mode as ZoneView["mode"],
    expectZonemd: z.expectZonemd,
    enabled: z.enabled,
    createdAt: z.createdAt.toISOString(),
    updatedAt: z.updatedAt.toISOString(),
    status: last ? (last.status as CheckStatus) : "pending",
    lastCheck: last ? checkView(last) : null,
    lastGood: good ? checkView(good) : null,
    nextCheckAt: z.nextCheckAt?.toISOString() ?? null,
    serverStates: jsonColumn<ServerStateView[]>(z.serverState, []),
    serversCheckedAt: z.serversCheckedAt?.toISOString() ?? null,
  };
}
