/**
 * The console's registry service: one EPP pool per configured connection, the transcript written
 * to the database, the host/domain cache refreshed by <info>, and the poll queue read on a job
 * (each new message raises an `epp` alert). Credentials are opened from the SecretBox only to
 * build a session config; they never leave this module.
 */
import { randomBytes, X509Certificate } from "node:crypto";
import type { Db } from "@netops/db";
import { keysetPage, takeFor } from "@netops/protocols";
import {
  checkHostCreate,
  checkHostUpdate,
  type EppCommand,
  type DomainInfo,
  type DomainStatus,
  type Greeting,
  type HostAddr,
  type HostInfo,
  type HostRuleIssue,
  type HostStatus,
  normalizeHostName,
  type ResData,
  resultCodeInfo,
  type Status,
  superordinateDomain,
} from "@netops/protocols/epp";
import type { Logger } from "pino";
import type { AlertService } from "../../services/alerts";
import type { SecretBox } from "../../services/crypto";
import { OutboundPolicy } from "../../services/outbound/policy";
import { EppSessionError } from "./errors";
import { EppPool, type PoolOptions, type SessionView } from "./pool";
import type { CommandResult, RegistryConfig } from "./session";
import type { ConnectionCreate, ConnectionUpdate, TranscriptSearch } from "./schemas";
import type { EppTransaction } from "./transcript";

export class RegistryError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" | "BAD_GATEWAY" | "PRECONDITION_FAILED",
    message: string,
  ) {
    super(message);
  }
}

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

/** Client-settable domain statuses (RFC 5731 §2.3: server* statuses belong to the registry). */
export const DOMAIN_CLIENT_STATUSES = [
  "clientDeleteProhibited",
  "clientHold",
  "clientRenewProhibited",
  "clientTransferProhibited",
  "clientUpdateProhibited",
] as const satisfies readonly DomainStatus[];
type DomainClientStatus = (typeof DOMAIN_CLIENT_STATUSES)[number];

/** RFC 5731 authInfo for a new domain: random, never shown, logged or stored by the console. */
const newAuthInfo = () => randomBytes(12).toString("base64url");

type ConnRow = NonNullable<Awaited<ReturnType<Db["eppRegistryConnection"]["findUnique"]>>>;

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

const json = <T>(s: string | null | undefined, fallback: T): T => {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const dateOrNull = (s: string | undefined) => {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
};

function subjectOf(pem: string): string | null {
  try {
    return new X509Certificate(pem).subject.replace(/\n/g, ", ");
  } catch {
    return null;
  }
}

function outcome(r: CommandResult, linkedDomains: string[] = []): EppOutcome {
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

/** What a poll message is about, decoded from its resData. */
export function decodePollMessage(
  resData: ResData[],
  clientId: string,
): {
  kind: "transfer" | "pending-action" | "server";
  object: string | null;
  transferAway: boolean;
  data: unknown;
} {
  for (const r of resData) {
    if (r.kind === "domain:trnData") {
      const t = r.transfer;
      // Away: another client asked for a domain we sponsor (we are the acting client).
      const away = t.acID === clientId && t.reID !== clientId;
      return { kind: "transfer", object: t.name, transferAway: away, data: t };
    }
    if (r.kind === "domain:panData" || r.kind === "host:panData" || r.kind === "contact:panData")
      return { kind: "pending-action", object: r.data.name, transferAway: false, data: r.data };
  }
  return { kind: "server", object: null, transferAway: false, data: null };
}

export class RegistryService {
  private readonly pools = new Map<string, EppPool>();
  private readonly writes = new Set<Promise<unknown>>();
  /** Where connections may go; the server adds its LAB registry's port here in demo mode. */
  readonly policy: OutboundPolicy;

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly alerts: AlertService,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly opts: RegistryServiceOptions = {},
  ) {
    this.policy = new OutboundPolicy({
      service: "epp",
      configKey: "epp.allowedServers",
      defaultPort: 700,
      allow: opts.allowedServers ?? [],
      publicPorts: [700],
    });
  }

  /** A registry's host:port must be a destination the policy allows (checked again at every connect). */
  private checkDestination(host: string, port: number): void {
    const refused = this.policy.check(host, port);
    if (refused) throw new RegistryError("BAD_REQUEST", `host: ${refused}`);
  }

  // ---------- connections ----------

  private async row(id: string): Promise<ConnRow> {
    const c = await this.db.eppRegistryConnection.findUnique({ where: { id } });
    if (!c) throw new RegistryError("NOT_FOUND", `no registry connection with id ${id}`);
    return c;
  }

  private async view(c: ConnRow) {
    const pool = this.pools.get(c.id);
    const live = pool?.view();
    const recent = await this.db.eppTransactionLog.findMany({
      where: { connectionId: c.id, error: null },
      orderBy: { id: "desc" },
      take: 20,
      select: { durationMs: true },
    });
    const rtts = recent.map((r) => r.durationMs).reverse();
    const greeting = live?.greeting ?? json<Greeting | null>(c.lastGreeting, null);
    const sessions: SessionView[] = live?.sessions ?? [];
    const state = !c.enabled
      ? "disabled"
      : sessions.length > 0
        ? "connected"
        : live?.retryAt
          ? "backoff"
          : (c.sessionState as "connected" | "failed" | "disconnected");
    const unacked = await this.db.eppPollMessage.count({ where: { connectionId: c.id, ackedAt: null } });
    return {
      id: c.id,
      name: c.name,
      host: c.host,
      port: c.port,
      servername: c.servername,
      clientId: c.clientId,
      // Secrets are write-only: only whether they are set.
      hasPassword: c.passwordSealed.length > 0,
      hasClientKey: c.clientKeySealed.length > 0,
      clientCertSubject: subjectOf(c.clientCert),
      caSubject: subjectOf(c.caCert),
      objURIs: json<string[]>(c.objURIs, []),
      extURIs: json<string[]>(c.extURIs, []),
      zones: json<string[]>(c.zones, []),
      poolSize: c.poolSize,
      enabled: c.enabled,
      greeting: greeting
        ? {
            svID: greeting.svID,
            svDate: greeting.svDate,
            versions: greeting.versions,
            langs: greeting.langs,
            objURIs: greeting.objURIs,
            extURIs: greeting.extURIs,
            dcpAccess: greeting.dcp.access,
            receivedAt: iso(c.lastGreetingAt),
          }
        : null,
      state,
      lastError: live?.lastError ?? c.lastError,
      retryAt: live?.retryAt ?? null,
      failures: live?.failures ?? 0,
      sessions,
      rtt: {
        recentMs: rtts,
        lastMs: rtts[rtts.length - 1] ?? null,
        avgMs: rtts.length ? Math.round(rtts.reduce((a, b) => a + b, 0) / rtts.length) : null,
      },
      lastPollAt: iso(c.lastPollAt),
      unackedMessages: unacked,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }

  async listConnections() {
    const rows = await this.db.eppRegistryConnection.findMany({ orderBy: { name: "asc" } });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async getConnection(id: string) {
    return this.view(await this.row(id));
  }

  async createConnection(input: ConnectionCreate) {
    this.checkDestination(input.host, input.port ?? 700);
    if (await this.db.eppRegistryConnection.findUnique({ where: { name: input.name } }))
      throw new RegistryError("CONFLICT", `name: a connection named ${input.name} exists already`);
    const row = await this.db.eppRegistryConnection.create({
      data: {
        name: input.name,
        host: input.host,
        port: input.port ?? 700,
        servername: input.servername ?? null,
        clientId: input.clientId,
        passwordSealed: this.box.seal(input.password),
        clientCert: input.clientCert,
        clientKeySealed: this.box.seal(input.clientKey),
        caCert: input.caCert,
        objURIs: JSON.stringify(input.objURIs ?? []),
        extURIs: JSON.stringify(input.extURIs ?? []),
        zones: JSON.stringify(input.zones),
        poolSize: input.poolSize ?? 2,
        enabled: input.enabled ?? true,
        sessionState: input.enabled === false ? "disabled" : "disconnected",
      },
    });
    return this.view(row);
  }

  async updateConnection(input: ConnectionUpdate) {
    const before = await this.view(await this.row(input.id));
    if (input.host !== undefined || input.port !== undefined)
      this.checkDestination(input.host ?? before.host, input.port ?? before.port);
    await this.db.eppRegistryConnection.update({
      where: { id: input.id },
      data: {
        ...(input.host !== undefined && { host: input.host }),
        ...(input.port !== undefined && { port: input.port }),
        ...(input.servername !== undefined && { servername: input.servername }),
        ...(input.clientId !== undefined && { clientId: input.clientId }),
        ...(input.password !== undefined && { passwordSealed: this.box.seal(input.password) }),
        ...(input.clientCert !== undefined && { clientCert: input.clientCert }),
        ...(input.clientKey !== undefined && { clientKeySealed: this.box.seal(input.clientKey) }),
        ...(input.caCert !== undefined && { caCert: input.caCert }),
        ...(input.objURIs !== undefined && { objURIs: JSON.stringify(input.objURIs) }),
        ...(input.extURIs !== undefined && { extURIs: JSON.stringify(input.extURIs) }),
        ...(input.zones !== undefined && { zones: JSON.stringify(input.zones) }),
        ...(input.poolSize !== undefined && { poolSize: input.poolSize }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
      },
    });
    // New settings take effect with new sessions.
    await this.dropPool(input.id);
    return { before, after: await this.getConnection(input.id) };
  }

  async removeConnection(id: string) {
    const before = await this.view(await this.row(id));
    await this.dropPool(id);
    await this.flush();
    await this.db.eppRegistryConnection.delete({ where: { id } });
    return before;
  }

  /** Drops the sessions and connects again now (clears the backoff). */
  async reconnect(id: string) {
    await this.dropPool(id);
    await this.connect(await this.row(id));
    return this.getConnection(id);
  }

  private async dropPool(id: string) {
    const p = this.pools.get(id);
    this.pools.delete(id);
    await p?.close();
  }

  private config(c: ConnRow): RegistryConfig {
    return {
      host: c.host,
      port: c.port,
      ...(c.servername && { servername: c.servername }),
      ca: c.caCert,
      cert: c.clientCert,
      key: this.box.open(c.clientKeySealed),
      clID: c.clientId,
      password: this.box.open(c.passwordSealed),
      objURIs: json<string[]>(c.objURIs, []),
      extURIs: json<string[]>(c.extURIs, []),
      commandTimeoutMs: this.opts.commandTimeoutMs ?? 30_000,
      keepaliveMs: this.opts.keepaliveMs ?? 240_000,
      pin: (host, port) => this.policy.pin(host, port),
    };
  }

  private pool(c: ConnRow): EppPool {
    let p = this.pools.get(c.id);
    if (!p) {
      p = new EppPool(this.config(c), (t) => this.record(c.id, t), { size: c.poolSize, ...this.opts.pool });
      this.pools.set(c.id, p);
    }
    return p;
  }

  /** Transcript rows are written in the background; flush() waits for them (tests, shutdown). */
  private record(connectionId: string, t: EppTransaction): void {
    const w = this.db.eppTransactionLog
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
        this.logger.error({ err, connectionId, command: t.command }, "EPP transcript write failed"),
      );
    this.writes.add(w);
    void w.finally(() => this.writes.delete(w));
  }

  async flush(): Promise<void> {
    while (this.writes.size > 0) await Promise.all([...this.writes]);
  }

  /** Opens a session when none is up and records the state and greeting. */
  private async connect(c: ConnRow): Promise<EppPool> {
    const p = this.pool(c);
    try {
      await p.ensure();
      const v = p.view();
      await this.db.eppRegistryConnection.update({
        where: { id: c.id },
        data: {
          sessionState: "connected",
          lastError: null,
          ...(v.greeting && { lastGreeting: JSON.stringify(v.greeting), lastGreetingAt: this.now() }),
        },
      });
      return p;
    } catch (e) {
      if (e instanceof EppSessionError && e.detail)
        this.logger.warn(
          { registry: c.name, host: c.host, port: c.port, detail: e.detail },
          "EPP connection failed",
        );
      await this.db.eppRegistryConnection.update({
        where: { id: c.id },
        data: { sessionState: "failed", lastError: (e as Error).message },
      });
      throw new RegistryError("BAD_GATEWAY", `registry ${c.name}: ${(e as Error).message}`);
    }
  }

  /** Sends one command; a session failure becomes a BAD_GATEWAY error with the reason. */
  private async send(c: ConnRow, cmd: EppCommand): Promise<CommandResult> {
    if (!c.enabled)
      throw new RegistryError("PRECONDITION_FAILED", `registry connection ${c.name} is disabled`);
    const p = this.pool(c);
    try {
      return await p.command(cmd);
    } catch (e) {
      if (e instanceof EppSessionError) {
        await this.db.eppRegistryConnection
          .update({ where: { id: c.id }, data: { lastError: e.message } })
          .catch(() => {});
        throw new RegistryError("BAD_GATEWAY", `registry ${c.name}: ${e.message}`);
      }
      throw e;
    }
  }

  // ---------- hosts ----------

  private hostView(
    h: NonNullable<Awaited<ReturnType<Db["eppHost"]["findFirst"]>>>,
    conn: { name: string; clientId: string; zones: string },
    linked: string[],
  ) {
    return {
      connectionId: h.connectionId,
      connectionName: conn.name,
      name: h.name,
      roid: h.roid,
      statuses: json<Status[]>(h.statuses, []),
      addrs: json<HostAddr[]>(h.addrs, []),
      sponsor: h.sponsor,
      sponsoredByUs: h.sponsor === conn.clientId,
      superordinate: superordinateDomain(h.name, json<string[]>(conn.zones, [])),
      linkedDomains: linked,
      crDate: iso(h.crDate),
      upDate: iso(h.upDate),
      gone: h.gone,
      refreshedAt: h.refreshedAt.toISOString(),
    };
  }

  /** Domains in the cache that use `host` as a name server. */
  private async linkedDomains(connectionId: string, host: string): Promise<string[]> {
    const rows = await this.db.eppDomain.findMany({
      where: { connectionId, gone: false, nameServers: { contains: JSON.stringify(host) } },
      select: { name: true, nameServers: true },
      orderBy: { name: "asc" },
    });
    return rows.filter((r) => json<string[]>(r.nameServers, []).includes(host)).map((r) => r.name);
  }

  async listHosts(f: { connectionId?: string | undefined; q?: string | undefined; sponsoredOnly?: boolean }) {
    const rows = await this.db.eppHost.findMany({
      where: {
        ...(f.connectionId && { connectionId: f.connectionId }),
        ...(f.q && { name: { contains: f.q.toLowerCase() } }),
      },
      include: { connection: { select: { name: true, clientId: true, zones: true } } },
      orderBy: [{ name: "asc" }],
      take: 1000,
    });
    const out = [];
    for (const h of rows) {
      if (f.sponsoredOnly && h.sponsor !== h.connection.clientId) continue;
      out.push(this.hostView(h, h.connection, await this.linkedDomains(h.connectionId, h.name)));
    }
    return out;
  }

  async getHost(connectionId: string, name: string, historyLimit = 50) {
    const conn = await this.row(connectionId);
    const h = await this.db.eppHost.findUnique({ where: { connectionId_name: { connectionId, name } } });
    if (!h)
      throw new RegistryError(
        "NOT_FOUND",
        `${name} is not in the host cache of ${conn.name}; refresh it first`,
      );
    const history = await this.db.eppTransactionLog.findMany({
      where: { connectionId, object: name },
      orderBy: { id: "desc" },
      take: historyLimit,
    });
    return {
      host: this.hostView(h, conn, await this.linkedDomains(connectionId, name)),
      history: history.map((t) => this.transactionView(t)),
    };
  }

  private async saveHost(connectionId: string, info: HostInfo) {
    const data = {
      roid: info.roid,
      statuses: JSON.stringify(info.statuses),
      addrs: JSON.stringify(info.addrs),
      sponsor: info.clID,
      crDate: dateOrNull(info.crDate),
      upDate: dateOrNull(info.upDate),
      gone: false,
      refreshedAt: this.now(),
    };
    const name = normalizeHostName(info.name);
    await this.db.eppHost.upsert({
      where: { connectionId_name: { connectionId, name } },
      create: { connectionId, name, ...data },
      update: data,
    });
  }

  /** Re-reads one host with <host:info>; a 2303 marks the cached host as gone. */
  async refreshHost(connectionId: string, name: string) {
    const c = await this.row(connectionId);
    const r = await this.send(c, { cmd: "host:info", name });
    const d = r.response.resData.find((x) => x.kind === "host:infData");
    if (r.ok && d?.kind === "host:infData") await this.saveHost(connectionId, d.host);
    else if (r.code === 2303)
      await this.db.eppHost.updateMany({
        where: { connectionId, name },
        data: { gone: true, refreshedAt: this.now() },
      });
    return outcome(r);
  }

  private rules(c: ConnRow) {
    return { zones: json<string[]>(c.zones, []), externalAddresses: "refuse" as const };
  }

  private refuseIssues(issues: HostRuleIssue[]): void {
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length > 0)
      throw new RegistryError(
        "BAD_REQUEST",
        errors.map((i) => `${i.field === "addr" ? "addrs" : i.field}: ${i.reason}`).join("; "),
      );
  }

  async createHost(input: { connectionId: string; name: string; addrs: HostAddr[] }) {
    const c = await this.row(input.connectionId);
    this.refuseIssues(checkHostCreate({ name: input.name, addrs: input.addrs }, this.rules(c)));
    const r = await this.send(c, { cmd: "host:create", name: input.name, addrs: input.addrs });
    if (r.ok) await this.refreshHost(c.id, input.name).catch(() => {});
    return { outcome: outcome(r), host: await this.cachedHost(c.id, input.name) };
  }

  async updateHost(input: {
    connectionId: string;
    name: string;
    add: { addrs: HostAddr[]; statuses: Status<HostStatus>[] };
    rem: { addrs: HostAddr[]; statuses: Status<HostStatus>[] };
    newName?: string | undefined;
  }) {
    const c = await this.row(input.connectionId);
    const before = await this.cachedHost(c.id, input.name);
    if (before && !before.gone)
      this.refuseIssues(
        checkHostUpdate(
          { name: before.name, addrs: before.addrs, statuses: before.statuses, clID: before.sponsor },
          {
            cmd: "host:update",
            name: input.name,
            add: input.add,
            rem: input.rem,
            ...(input.newName && { newName: input.newName }),
          },
          c.clientId,
          this.rules(c),
        ),
      );
    const r = await this.send(c, {
      cmd: "host:update",
      name: input.name,
      add: input.add,
      rem: input.rem,
      ...(input.newName && { newName: input.newName }),
    });
    const current = input.newName && r.ok ? input.newName : input.name;
    if (r.ok && current !== input.name)
      await this.db.eppHost.deleteMany({ where: { connectionId: c.id, name: input.name } });
    await this.refreshHost(c.id, current).catch(() => {});
    return { outcome: outcome(r), before, after: await this.cachedHost(c.id, current) };
  }

  async deleteHost(input: { connectionId: string; name: string }) {
    const c = await this.row(input.connectionId);
    const before = await this.cachedHost(c.id, input.name);
    const r = await this.send(c, { cmd: "host:delete", name: input.name });
    if (r.ok) await this.db.eppHost.deleteMany({ where: { connectionId: c.id, name: input.name } });
    let linked: string[] = [];
    if (r.code === 2305) {
      // The registry refused because domains use the host: re-read it and name the domains we know.
      await this.refreshHost(c.id, input.name).catch(() => {});
      linked = await this.linkedDomains(c.id, input.name);
    }
    return { outcome: outcome(r, linked), before };
  }

  private async cachedHost(connectionId: string, name: string) {
    const h = await this.db.eppHost.findUnique({ where: { connectionId_name: { connectionId, name } } });
    if (!h) return null;
    const conn = await this.row(connectionId);
    return this.hostView(h, conn, await this.linkedDomains(connectionId, name));
  }

  // ---------- domains ----------

  /** Caches a domain's name servers (for hosts' "linked domains") and re-reads the hosts involved. */
  private async saveDomain(connectionId: string, info: DomainInfo): Promise<string[]> {
    const name = normalizeHostName(info.name);
    const nameServers =
      info.ns && "hostObj" in info.ns
        ? info.ns.hostObj.map(normalizeHostName)
        : (info.ns?.hostAttr.map((h) => normalizeHostName(h.name)) ?? []);
    const data = {
      roid: info.roid,
      sponsor: info.clID,
      nameServers: JSON.stringify(nameServers),
      subordinates: JSON.stringify(info.hosts.map(normalizeHostName)),
      statuses: JSON.stringify(info.statuses),
      exDate: dateOrNull(info.exDate),
      gone: false,
      refreshedAt: this.now(),
    };
    await this.db.eppDomain.upsert({
      where: { connectionId_name: { connectionId, name } },
      create: { connectionId, name, ...data },
      update: data,
    });
    return nameServers;
  }

  /**
   * <domain:info> (never sending or keeping authInfo): caches the domain's name servers for the
   * "linked domains" of hosts, and refreshes its name servers and subordinate hosts.
   * `alsoRefresh`: hosts to re-read as well (name servers just removed, whose `linked` changed).
   */
  async lookupDomain(connectionId: string, rawName: string, alsoRefresh: string[] = []) {
    const c = await this.row(connectionId);
    const name = normalizeHostName(rawName);
    const r = await this.send(c, { cmd: "domain:info", name, hosts: "all" });
    const d = r.response.resData.find((x) => x.kind === "domain:infData");
    if (!r.ok || d?.kind !== "domain:infData") {
      if (r.code === 2303)
        await this.db.eppDomain.updateMany({ where: { connectionId, name }, data: { gone: true } });
      for (const h of alsoRefresh) await this.refreshHost(connectionId, h).catch(() => {});
      return { outcome: outcome(r), domain: null };
    }
    const info = d.domain;
    const nameServers = await this.saveDomain(connectionId, info);
    // Host objects only: hostAttr name servers are not objects of their own.
    const hostObjs = info.ns && "hostObj" in info.ns ? nameServers : [];
    for (const h of new Set([...hostObjs, ...info.hosts.map(normalizeHostName), ...alsoRefresh]))
      await this.refreshHost(connectionId, h).catch(() => {});
    const secDns = r.response.extensions.find((x) => x.kind === "secDNS:infData");
    return {
      outcome: outcome(r),
      domain: {
        name: info.name,
        roid: info.roid,
        sponsor: info.clID,
        sponsoredByUs: info.clID === c.clientId,
        statuses: info.statuses,
        registrant: info.registrant ?? null,
        contacts: info.contacts,
        nameServers,
        subordinates: info.hosts.map(normalizeHostName),
        crDate: info.crDate ?? null,
        upDate: info.upDate ?? null,
        exDate: info.exDate ?? null,
        trDate: info.trDate ?? null,
        secDns: secDns?.kind === "secDNS:infData" ? secDns.data : null,
      },
    };
  }

  private async cachedDomain(connectionId: string, name: string) {
    const d = await this.db.eppDomain.findUnique({ where: { connectionId_name: { connectionId, name } } });
    return d
      ? {
          name: d.name,
          sponsor: d.sponsor,
          nameServers: json<string[]>(d.nameServers, []),
          statuses: json<Status[]>(d.statuses, []),
          exDate: iso(d.exDate),
          gone: d.gone,
        }
      : null;
  }

  /** <domain:create> with host-object name servers; the authInfo is generated and never kept. */
  async createDomain(input: {
    connectionId: string;
    name: string;
    years: number;
    nameServers: string[];
    registrant?: string | undefined;
    contacts: { type: "admin" | "billing" | "tech"; id: string }[];
  }) {
    const c = await this.row(input.connectionId);
    const zones = json<string[]>(c.zones, []);
    if (superordinateDomain(input.name, zones) !== input.name)
      throw new RegistryError(
        "BAD_REQUEST",
        `name: ${input.name} is not a name directly under ${zones.join(", ")} (the zones of ${c.name})`,
      );
    const r = await this.send(c, {
      cmd: "domain:create",
      name: input.name,
      period: { value: input.years, unit: "y" },
      ...(input.nameServers.length > 0 && { ns: { hostObj: input.nameServers } }),
      ...(input.registrant && { registrant: input.registrant }),
      contacts: input.contacts,
      authInfo: { pw: newAuthInfo() },
    });
    const read = r.ok ? await this.lookupDomain(c.id, input.name).catch(() => null) : null;
    return { outcome: outcome(r), domain: read?.domain ?? null };
  }

  /**
   * <domain:update>: add/remove host-object name servers and client statuses. The hosts whose
   * link changed are re-read, so their `linked` status and linked domains are current.
   */
  async updateDomain(input: {
    connectionId: string;
    name: string;
    add: { nameServers: string[]; statuses: DomainClientStatus[] };
    rem: { nameServers: string[]; statuses: DomainClientStatus[] };
  }) {
    const c = await this.row(input.connectionId);
    const before = await this.cachedDomain(c.id, input.name);
    const change = (x: { nameServers: string[]; statuses: DomainClientStatus[] }) => ({
      ...(x.nameServers.length > 0 && { ns: { hostObj: x.nameServers } }),
      contacts: [],
      statuses: x.statuses.map((s) => ({ s })),
    });
    const r = await this.send(c, {
      cmd: "domain:update",
      name: input.name,
      add: change(input.add),
      rem: change(input.rem),
    });
    await this.lookupDomain(c.id, input.name, input.rem.nameServers).catch(() => {});
    return { outcome: outcome(r), before, after: await this.cachedDomain(c.id, input.name) };
  }

  /** <domain:renew>; curExpDate defaults to the expiry date the registry reports now. */
  async renewDomain(input: {
    connectionId: string;
    name: string;
    years: number;
    curExpDate?: string | undefined;
  }) {
    const c = await this.row(input.connectionId);
    let cur = input.curExpDate;
    if (!cur) {
      const read = await this.lookupDomain(c.id, input.name);
      if (!read.domain) return { outcome: read.outcome, exDate: null };
      cur = read.domain.exDate?.slice(0, 10);
      if (!cur) throw new RegistryError("BAD_GATEWAY", `the registry gave no expiry date for ${input.name}`);
    }
    const r = await this.send(c, {
      cmd: "domain:renew",
      name: input.name,
      curExpDate: cur,
      period: { value: input.years, unit: "y" },
    });
    const ren = r.response.resData.find((x) => x.kind === "domain:renData");
    if (r.ok) await this.lookupDomain(c.id, input.name).catch(() => {});
    return { outcome: outcome(r), exDate: ren?.kind === "domain:renData" ? (ren.exDate ?? null) : null };
  }

  /** <domain:delete>; the registry refuses (2305) while subordinate hosts exist. */
  async deleteDomain(input: { connectionId: string; name: string }) {
    const c = await this.row(input.connectionId);
    const before = await this.cachedDomain(c.id, input.name);
    const r = await this.send(c, { cmd: "domain:delete", name: input.name });
    if (r.ok) {
      await this.db.eppDomain.deleteMany({ where: { connectionId: c.id, name: input.name } });
      // Its name servers are no longer linked by it.
      for (const h of before?.nameServers ?? []) await this.refreshHost(c.id, h).catch(() => {});
    } else if (r.code === 2305) await this.lookupDomain(c.id, input.name).catch(() => {});
    return { outcome: outcome(r), before };
  }

  /** <domain:transfer op="query">: the state of the latest transfer (no authInfo is sent). */
  async transferQuery(connectionId: string, name: string) {
    const c = await this.row(connectionId);
    const r = await this.send(c, { cmd: "domain:transfer", op: "query", name });
    const t = r.response.resData.find((x) => x.kind === "domain:trnData");
    return {
      outcome: outcome(r),
      transfer:
        t?.kind === "domain:trnData"
          ? {
              name: t.transfer.name,
              status: t.transfer.trStatus,
              requestedBy: t.transfer.reID,
              requestedAt: t.transfer.reDate,
              actingClient: t.transfer.acID,
              actBy: t.transfer.acDate,
              exDate: t.transfer.exDate ?? null,
              awayFromUs: t.transfer.acID === c.clientId && t.transfer.reID !== c.clientId,
            }
          : null,
    };
  }

  // ---------- contacts (RFC 5733 check/info) ----------

  /** <contact:info>: the contact as the registry shows it to us; its authInfo is dropped. */
  async contactInfo(connectionId: string, id: string) {
    const c = await this.row(connectionId);
    const r = await this.send(c, { cmd: "contact:info", id });
    const d = r.response.resData.find((x) => x.kind === "contact:infData");
    if (!r.ok || d?.kind !== "contact:infData") return { outcome: outcome(r), contact: null };
    const k = d.contact;
    return {
      outcome: outcome(r),
      contact: {
        id: k.id,
        roid: k.roid,
        statuses: k.statuses,
        postalInfo: k.postalInfo,
        email: k.email,
        voice: k.voice ?? null,
        fax: k.fax ?? null,
        sponsor: k.clID,
        sponsoredByUs: k.clID === c.clientId,
        crDate: k.crDate,
        upDate: k.upDate ?? null,
      },
    };
  }

  /** <contact:check>: which ids are free at the registry. */
  async contactCheck(connectionId: string, ids: string[]) {
    const c = await this.row(connectionId);
    const r = await this.send(c, { cmd: "contact:check", ids });
    const d = r.response.resData.find((x) => x.kind === "contact:chkData");
    return {
      outcome: outcome(r),
      items:
        d?.kind === "contact:chkData"
          ? d.items.map((i) => ({ id: i.name, avail: i.avail, reason: i.reason ?? null }))
          : [],
    };
  }

  async listDomains(connectionId?: string) {
    const rows = await this.db.eppDomain.findMany({
      where: connectionId ? { connectionId } : {},
      orderBy: { name: "asc" },
      take: 1000,
    });
    return rows.map((d) => ({
      connectionId: d.connectionId,
      name: d.name,
      sponsor: d.sponsor,
      nameServers: json<string[]>(d.nameServers, []),
      subordinates: json<string[]>(d.subordinates, []),
      statuses: json<Status[]>(d.statuses, []),
      exDate: iso(d.exDate),
      gone: d.gone,
      refreshedAt: d.refreshedAt.toISOString(),
    }));
  }

  // ---------- poll queue ----------

  /** Stores a message read at the head of the queue and raises its alert (once per message). */
  private async storePoll(c: ConnRow, r: CommandResult): Promise<boolean> {
    const q = r.response.msgQ;
    if (!q) return false;
    const existing = await this.db.eppPollMessage.findUnique({
      where: { connectionId_msgId: { connectionId: c.id, msgId: q.id } },
    });
    if (existing) return false;
    const decoded = decodePollMessage(r.response.resData, c.clientId);
    const text = q.msg ?? "(no text)";
    const row = await this.db.eppPollMessage.create({
      data: {
        connectionId: c.id,
        msgId: q.id,
        qDate: dateOrNull(q.qDate),
        text,
        kind: decoded.kind,
        object: decoded.object,
        data: JSON.stringify(decoded.data),
        transferAway: decoded.transferAway,
        receivedAt: this.now(),
      },
    });
    await this.alerts.raise({
      source: "epp",
      severity: decoded.transferAway ? "warning" : "info",
      labels: { connection: c.name, message: q.id },
      summary: decoded.transferAway
        ? `Transfer away requested: ${decoded.object} (${c.name})`
        : `Registry message from ${c.name}: ${text.slice(0, 200)}`,
      details: `Poll message ${q.id}${q.qDate ? ` queued ${q.qDate}` : ""}: ${text}`,
      links: [{ label: "Poll queue", href: `/registry/poll?message=${row.id}` }],
    });
    return true;
  }

  /**
   * Drains the registry's queue, at most `pollBatch` messages per call: each message is stored
   * (raising its alert) BEFORE it is acknowledged at the registry, so none is lost; a message
   * whose registry ack failed is seen again next run and only acknowledged then. Operators then
   * acknowledge the console's copy (ackPoll), which resolves the alert.
   */
  async pollOnce(connectionId: string): Promise<{ read: number; newMessages: number; remaining: number }> {
    const c = await this.row(connectionId);
    const max = this.opts.pollBatch ?? 50;
    let read = 0;
    let newMessages = 0;
    let remaining = 0;
    try {
      for (let i = 0; i < max; i++) {
        const r = await this.send(c, { cmd: "poll", op: "req" });
        const q = r.response.msgQ;
        if (r.code !== 1301 || !q) {
          remaining = 0;
          break;
        }
        read += 1;
        if (await this.storePoll(c, r)) newMessages += 1;
        const ack = await this.send(c, { cmd: "poll", op: "ack", msgID: q.id });
        // 2303: already gone from the queue (acknowledged by another session): nothing to redo.
        if (!ack.ok && ack.code !== 2303) {
          remaining = q.count;
          break;
        }
        remaining = ack.response.msgQ?.count ?? 0;
        if (remaining === 0) break;
      }
    } finally {
      await this.db.eppRegistryConnection.update({ where: { id: c.id }, data: { lastPollAt: this.now() } });
    }
    return { read, newMessages, remaining };
  }

  async listPoll(f: { connectionId?: string | undefined; includeAcked?: boolean }) {
    const rows = await this.db.eppPollMessage.findMany({
      where: {
        ...(f.connectionId && { connectionId: f.connectionId }),
        ...(!f.includeAcked && { ackedAt: null }),
      },
      include: { connection: { select: { name: true } } },
      orderBy: { id: "desc" },
      take: 500,
    });
    return rows.map((m) => ({
      id: m.id,
      connectionId: m.connectionId,
      connectionName: m.connection.name,
      msgId: m.msgId,
      qDate: iso(m.qDate),
      text: m.text,
      kind: m.kind as "transfer" | "pending-action" | "server",
      object: m.object,
      data: json<Record<string, unknown> | null>(m.data, null),
      transferAway: m.transferAway,
      receivedAt: m.receivedAt.toISOString(),
      ackedAt: iso(m.ackedAt),
      ackedBy: m.ackedBy,
    }));
  }

  /**
   * The operator's acknowledgement of the console's copy (the registry's queue was already
   * acknowledged when the message was stored): resolves the message's alert.
   */
  async ackPoll(id: number, by: string) {
    const m = await this.db.eppPollMessage.findUnique({ where: { id }, include: { connection: true } });
    if (!m) throw new RegistryError("NOT_FOUND", `no poll message ${id}`);
    if (m.ackedAt)
      throw new RegistryError("CONFLICT", `message ${m.msgId} was acknowledged by ${m.ackedBy ?? "?"}`);
    const ackedAt = this.now();
    await this.db.eppPollMessage.update({ where: { id }, data: { ackedAt, ackedBy: by } });
    await this.alerts.clear(
      "epp",
      { connection: m.connection.name, message: m.msgId },
      `acknowledged by ${by}`,
    );
    return {
      message: { id: m.id, msgId: m.msgId, text: m.text, ackedAt: ackedAt.toISOString(), ackedBy: by },
    };
  }

  /** Housekeeping: transcript rows past the retention (days, then the row cap) are deleted. */
  async purgeTranscript(): Promise<number> {
    await this.flush();
    const days = this.opts.transcriptDays ?? 90;
    const cutoff = new Date(this.now().getTime() - days * 86_400_000);
    let n = (await this.db.eppTransactionLog.deleteMany({ where: { startedAt: { lt: cutoff } } })).count;
    const maxRows = this.opts.transcriptMaxRows ?? 200_000;
    const last = await this.db.eppTransactionLog.findFirst({
      orderBy: { id: "desc" },
      skip: maxRows,
      select: { id: true },
    });
    if (last) n += (await this.db.eppTransactionLog.deleteMany({ where: { id: { lte: last.id } } })).count;
    return n;
  }

  // ---------- transcript ----------

  private transactionView(t: NonNullable<Awaited<ReturnType<Db["eppTransactionLog"]["findFirst"]>>>) {
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

  async searchTranscript(f: TranscriptSearch) {
    const limit = f.limit ?? 50;
    const rows = await this.db.eppTransactionLog.findMany({
      where: {
        ...(f.connectionId && { connectionId: f.connectionId }),
        ...(f.object && { object: f.object }),
        ...(f.command && { command: f.command }),
        ...(f.code !== undefined && { code: f.code }),
        ...(f.trid && { OR: [{ clTRID: f.trid }, { svTRID: f.trid }] }),
        ...(f.q && {
          AND: [
            {
              OR: [
                { requestXml: { contains: f.q } },
                { responseXml: { contains: f.q } },
                { message: { contains: f.q } },
                { error: { contains: f.q } },
              ],
            },
          ],
        }),
        ...(f.failedOnly && { OR: [{ code: { gte: 2000 } }, { error: { not: null } }] }),
        ...(f.cursor && { id: { lt: f.cursor } }),
      },
      orderBy: { id: "desc" },
      take: takeFor(limit),
    });
    const page = keysetPage(rows, limit, (t) => t.id);
    return { items: page.items.map((t) => this.transactionView(t)), nextCursor: page.nextCursor };
  }

  // ---------- job, health, shutdown ----------

  /** Keeps every enabled connection up, reads its poll queue and refreshes stale hosts. */
  async runJob(): Promise<{ connections: number; failed: number; newMessages: number }> {
    const rows = await this.db.eppRegistryConnection.findMany({ where: { enabled: true } });
    let failed = 0;
    let newMessages = 0;
    for (const c of rows) {
      try {
        await this.connect(c);
        const p = await this.pollOnce(c.id);
        newMessages += p.newMessages;
        const stale = await this.db.eppHost.findMany({
          where: {
            connectionId: c.id,
            gone: false,
            refreshedAt: { lt: new Date(this.now().getTime() - (this.opts.hostMaxAgeMs ?? 15 * 60_000)) },
          },
          orderBy: { refreshedAt: "asc" },
          take: 20,
        });
        for (const h of stale) await this.refreshHost(c.id, h.name);
      } catch (err) {
        failed += 1;
        this.logger.warn(
          { connection: c.name, error: (err as Error).message },
          "registry job: connection failed",
        );
      }
    }
    const disabled = await this.db.eppRegistryConnection.findMany({
      where: { enabled: false },
      select: { id: true },
    });
    for (const d of disabled) await this.dropPool(d.id);
    return { connections: rows.length, failed, newMessages };
  }

  async probe(): Promise<{ health: "not_configured" | "ok" | "degraded" | "failing"; summary: string }> {
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
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((p) => p.close()));
    await this.flush();
  }
}
