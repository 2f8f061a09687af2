/**
 * The console's registry service: one EPP pool per configured connection, the transcript written
 * to the database, the host/domain cache refreshed by <info>, and the poll queue read on a job
 * (each new message raises an `epp` alert). Credentials are opened from the SecretBox only to
 * build a session config (sessions.ts); they never leave it.
 *
 * This class is the one callers see; each concern lives in a part of its own: connections,
 * sessions, hosts, domains, contacts, poll queue and transcript.
 */
import type { Db } from "@netops/db";
import type { Logger } from "pino";
import type { AlertService } from "../../services/alerts";
import type { SecretBox } from "../../services/crypto";
import { OutboundPolicy } from "../../services/outbound/policy";
import { RegistryConnections } from "./connections";
import { RegistryContacts } from "./contacts";
import { RegistryDomains } from "./domains";
import { RegistryHosts } from "./hosts";
import { RegistryPoll } from "./poll";
import { RegistrySessions } from "./sessions";
import type { RegistryDeps, RegistryServiceOptions } from "./shared";
import { TranscriptLog } from "./transcript-log";

export { DOMAIN_CLIENT_STATUSES, TRANSFER_ANSWERS, type TransferAnswer } from "./domains";
export { decodePollMessage } from "./poll";
export type { EppOutcome, RegistryServiceOptions } from "./shared";

export class RegistryService {
  /** Where connections may go; the server adds its LAB registry's port here in demo mode. */
  readonly policy: OutboundPolicy;
  private readonly transcript: TranscriptLog;
  private readonly sessions: RegistrySessions;
  private readonly connections: RegistryConnections;
  private readonly hosts: RegistryHosts;
  private readonly domains: RegistryDomains;
  private readonly contacts: RegistryContacts;
  private readonly poll: RegistryPoll;
  private readonly deps: RegistryDeps;
  /** The options every part reads (one object: a change applies to the running service). */
  readonly opts: RegistryServiceOptions;

  constructor(
    db: Db,
    box: SecretBox,
    alerts: AlertService,
    logger: Logger,
    now: () => Date = () => new Date(),
    opts: RegistryServiceOptions = {},
  ) {
    this.policy = new OutboundPolicy({
      service: "epp",
      configKey: "epp.allowedServers",
      defaultPort: 700,
      allow: opts.allowedServers ?? [],
      publicPorts: [700],
    });
    this.opts = opts;
    const d: RegistryDeps = { db, box, alerts, logger, now, opts, policy: this.policy };
    this.deps = d;
    this.transcript = new TranscriptLog(d);
    this.sessions = new RegistrySessions(d, this.transcript);
    this.connections = new RegistryConnections(d, this.sessions, this.transcript);
    this.hosts = new RegistryHosts(d, this.sessions, this.transcript);
    this.domains = new RegistryDomains(d, this.sessions, this.hosts);
    this.contacts = new RegistryContacts(d, this.sessions);
    this.poll = new RegistryPoll(d, this.sessions);
  }

  // ---------- connections ----------
  listConnections() {
    return this.connections.list();
  }
  getConnection(id: string) {
    return this.connections.get(id);
  }
  createConnection(...a: Parameters<RegistryConnections["create"]>) {
    return this.connections.create(...a);
  }
  updateConnection(...a: Parameters<RegistryConnections["update"]>) {
    return this.connections.update(...a);
  }
  removeConnection(id: string) {
    return this.connections.remove(id);
  }
  /** Drops the sessions and connects again now (clears the backoff). */
  reconnect(id: string) {
    return this.connections.reconnect(id);
  }

  // ---------- hosts ----------
  listHosts(...a: Parameters<RegistryHosts["listHosts"]>) {
    return this.hosts.listHosts(...a);
  }
  getHost(...a: Parameters<RegistryHosts["getHost"]>) {
    return this.hosts.getHost(...a);
  }
  /** Re-reads one host with <host:info>; a 2303 marks the cached host as gone. */
  refreshHost(connectionId: string, name: string) {
    return this.hosts.refreshHost(connectionId, name);
  }
  createHost(...a: Parameters<RegistryHosts["createHost"]>) {
    return this.hosts.createHost(...a);
  }
  updateHost(...a: Parameters<RegistryHosts["updateHost"]>) {
    return this.hosts.updateHost(...a);
  }
  deleteHost(...a: Parameters<RegistryHosts["deleteHost"]>) {
    return this.hosts.deleteHost(...a);
  }

  // ---------- domains and contacts ----------
  lookupDomain(...a: Parameters<RegistryDomains["lookupDomain"]>) {
    return this.domains.lookupDomain(...a);
  }
  createDomain(...a: Parameters<RegistryDomains["createDomain"]>) {
    return this.domains.createDomain(...a);
  }
  updateDomain(...a: Parameters<RegistryDomains["updateDomain"]>) {
    return this.domains.updateDomain(...a);
  }
  renewDomain(...a: Parameters<RegistryDomains["renewDomain"]>) {
    return this.domains.renewDomain(...a);
  }
  deleteDomain(...a: Parameters<RegistryDomains["deleteDomain"]>) {
    return this.domains.deleteDomain(...a);
  }
  transferQuery(connectionId: string, name: string) {
    return this.domains.transferQuery(connectionId, name);
  }
  /** Approve, reject or cancel a pending transfer (RFC 5731 §3.2.4). */
  answerTransfer(...a: Parameters<RegistryDomains["answerTransfer"]>) {
    return this.domains.answerTransfer(...a);
  }
  listDomains(connectionId?: string) {
    return this.domains.listDomains(connectionId);
  }
  /**
   * What the console's caches know `name` as: a domain, a host object, or nothing (RDAP picks a
   * nameserver lookup for a known host instead of a domain lookup that would be answered 404).
   */
  async knownAs(name: string): Promise<"domain" | "host" | null> {
    const n = name.trim().toLowerCase().replace(/\.$/, "");
    const where = { name: n, gone: false };
    if (await this.deps.db.eppDomain.findFirst({ where, select: { name: true } })) return "domain";
    if (await this.deps.db.eppHost.findFirst({ where, select: { name: true } })) return "host";
    return null;
  }
  contactInfo(connectionId: string, id: string) {
    return this.contacts.contactInfo(connectionId, id);
  }
  contactCheck(connectionId: string, ids: string[]) {
    return this.contacts.contactCheck(connectionId, ids);
  }

  // ---------- poll queue and transcript ----------
  pollOnce(connectionId: string) {
    return this.poll.pollOnce(connectionId);
  }
  listPoll(...a: Parameters<RegistryPoll["listPoll"]>) {
    return this.poll.listPoll(...a);
  }
  getPoll(id: number) {
    return this.poll.getPoll(id);
  }
  ackPoll(id: number, by: string) {
    return this.poll.ackPoll(id, by);
  }
  searchTranscript(...a: Parameters<TranscriptLog["search"]>) {
    return this.transcript.search(...a);
  }
  /** Housekeeping: transcript rows past the retention (days, then the row cap) are deleted. */
  purgeTranscript(): Promise<number> {
    return this.transcript.purge();
  }
  /** Transcript rows are written in the background; flush() waits for them (tests, shutdown). */
  flush(): Promise<void> {
    return this.transcript.flush();
  }

  // ---------- job, health, shutdown ----------

  /** Keeps every enabled connection up, reads its poll queue and refreshes stale hosts. */
  async runDue(): Promise<{ connections: number; failed: number; newMessages: number }> {
    const { db, logger } = this.deps;
    const rows = await db.eppRegistryConnection.findMany({ where: { enabled: true } });
    let failed = 0;
    let newMessages = 0;
    for (const c of rows) {
      try {
        await this.sessions.connect(c);
        const p = await this.poll.pollOnce(c.id);
        newMessages += p.newMessages;
        await this.hosts.refreshStale(c.id);
      } catch (err) {
        failed += 1;
        logger.warn({ connection: c.name, error: (err as Error).message }, "registry job: connection failed");
      }
    }
    const disabled = await db.eppRegistryConnection.findMany({
      where: { enabled: false },
      select: { id: true },
    });
    for (const d of disabled) await this.sessions.drop(d.id);
    return { connections: rows.length, failed, newMessages };
  }

  /** For the health tile. */
  async health(): Promise<{ health: "not_configured" | "ok" | "degraded" | "failing"; summary: string }> {
    const views = await this.listConnections();
    const active = views.filter((v) => v.enabled);
    if (active.length === 0)
      return { health: "not_configured", summary: "no registry connection configured" };
    const down = active.filter((v) => v.state !== "connected");
    const unacked = active.reduce((n, v) => n + v.unackedMessages, 0);
    const msgs = unacked > 0 ? `; ${unacked} poll message(s) to acknowledge` : "";
    if (down.length === 0) return { health: "ok", summary: `${active.length} registry session(s) up${msgs}` };
    const names = down.map((v) => `${v.name} (${v.lastError ?? v.state})`).join(", ");
    return {
      health: down.length === active.length ? "failing" : "degraded",
      summary: `not connected: ${names}${msgs}`,
    };
  }

  async close(): Promise<void> {
    await this.sessions.close();
    await this.flush();
  }
}
