/** What the registry service's parts share: their dependencies, the connection row, outcomes. */
import type { Db } from "@netops/db";
import { DomainError } from "../../errors";
import { resultCodeInfo } from "@netops/protocols/epp";
import type { Logger } from "pino";
import type { AlertService } from "../../services/alerts";
import type { SecretBox } from "../../services/crypto";
import type { OutboundPolicy } from "../../services/outbound/policy";
import type { PoolOptions } from "./pool";
import type { CommandResult } from "./session";

export interface RegistryServiceOptions {
  pool?: PoolOptions;
  commandTimeoutMs?: number;
  keepaliveMs?: number;
  /** Hosts older than this are re-read by the job. */
  hostMaxAgeMs?: number;
  /** Transcript rows older than this many days are purged by housekeeping. */
  transcriptDays?: number;
  /** At most this many transcript rows are kept (the oldest go first). */
  transcriptMaxRows?: number;
  /** Poll messages read (and acknowledged at the registry) per connection per job run. */
  pollBatch?: number;
  /**
   * Registry servers (`host`, `host:port`, `[v6]:port`; 700 when none) besides public addresses on
   * port 700 (epp.allowedServers). Loopback and private servers must be listed.
   */
  allowedServers?: string[];
}

/** The registry service's dependencies, handed to each of its parts. */
export interface RegistryDeps {
  db: Db;
  box: SecretBox;
  alerts: AlertService;
  logger: Logger;
  now: () => Date;
  opts: RegistryServiceOptions;
  policy: OutboundPolicy;
}

export type ConnRow = NonNullable<Awaited<ReturnType<Db["eppRegistryConnection"]["findUnique"]>>>;

export async function connectionRow(db: Db, id: string): Promise<ConnRow> {
  const c = await db.eppRegistryConnection.findUnique({ where: { id } });
  if (!c) throw new DomainError("not-found", `no registry connection with id ${id}`);
  return c;
}

/** The outcome of a command as the operator sees it: the registry's words and what they mean. */
export interface EppOutcome {
  ok: boolean;
  code: number;
  meaning: string;
  explanation: string;
  /** The registry's own message (may carry the reason, e.g. which domains link a host). */
  message: string;
  clTRID: string | null;
  svTRID: string | null;
  /** For 2305 on a host: the domains known to link it. */
  linkedDomains: string[];
}

export function outcome(r: CommandResult, linkedDomains: string[] = []): EppOutcome {
  const info = resultCodeInfo(r.code);
  return {
    ok: r.ok,
    code: r.code,
    meaning: info?.meaning ?? "",
    explanation: info?.explanation ?? "",
    message: r.message,
    clTRID: r.transaction.clTRID ?? null,
    svTRID: r.transaction.svTRID ?? null,
    linkedDomains,
  };
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const dateOrNull = (s: string | undefined) => {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
};
