/**
 * Host objects (RFC 5732): the console's cache of them, refreshed by <host:info>, and the
 * create/update/delete commands, checked against the registry's rules before they are sent.
 */
import type { Db } from "@netops/db";
import { canonicalIp } from "@netops/protocols";
import {
  checkHostCreate,
  checkHostUpdate,
  type HostAddr,
  type HostInfo,
  type HostRuleIssue,
  type HostStatus,
  normalizeHostName,
  type Status,
  superordinateDomain,
} from "@netops/protocols/epp";
import { DomainError } from "../../errors";
import { jsonColumn } from "../../json-column";
import type { RegistrySessions } from "./sessions";
import { type ConnRow, connectionRow, dateOrNull, iso, outcome, type RegistryDeps } from "./shared";
import type { TranscriptLog } from "./transcript-log";

type HostRow = NonNullable<Awaited<ReturnType<Db["eppHost"]["findFirst"]>>>;

function hostView(h: HostRow, conn: { name: string; clientId: string; zones: string }, linked: string[]) {
  return {
    connectionId: h.connectionId,
    connectionName: conn.name,
    name: h.name,
    roid: h.roid,
    statuses: jsonColumn<Status[]>(h.statuses, []),
    addrs: jsonColumn<HostAddr[]>(h.addrs, []),
    sponsor: h.sponsor,
    sponsoredByUs: h.sponsor === conn.clientId,
    superordinate: superordinateDomain(h.name, jsonColumn<string[]>(conn.zones, [])),
    linkedDomains: linked,
    crDate: iso(h.crDate),
    upDate: iso(h.upDate),
    gone: h.gone,
    refreshedAt: h.refreshedAt.toISOString(),
  };
}

function rules(c: ConnRow) {
  return { zones: jsonColumn<string[]>(c.zones, []), externalAddresses: "refuse" as const };
}

function refuseIssues(issues: HostRuleIssue[]): void {
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0)
    throw new DomainError(
      "invalid",
      errors.map((i) => `${i.field === "addr" ? "addrs" : i.field}: ${i.reason}`).join("; "),
    );
}

export class RegistryHosts {
  constructor(
    private readonly d: RegistryDeps,
    private readonly sessions: RegistrySessions,
    private readonly transcript: TranscriptLog,
  ) {}

  /** Domains in the cache that use `host` as a name server. */
  private async linkedDomains(connectionId: string, host: string): Promise<string[]> {
    const rows = await this.d.db.eppDomain.findMany({
      where: { connectionId, gone: false, nameServers: { contains: JSON.stringify(host) } },
      select: { name: true, nameServers: true },
      orderBy: { name: "asc" },
    });
    return rows.filter((r) => jsonColumn<string[]>(r.nameServers, []).includes(host)).map((r) => r.name);
  }

  async listHosts(f: { connectionId?: string | undefined; q?: string | undefined; sponsoredOnly?: boolean }) {
    const rows = await this.d.db.eppHost.findMany({
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
      out.push(hostView(h, h.connection, await this.linkedDomains(h.connectionId, h.name)));
    }
    return out;
  }

  async getHost(connectionId: string, name: string, historyLimit = 50) {
    const conn = await connectionRow(this.d.db, connectionId);
    const h = await this.d.db.eppHost.findUnique({ where: { connectionId_name: { connectionId, name } } });
    if (!h)
      throw new DomainError(
        "not-found",
        `${name} is not in the host cache of ${conn.name}; refresh it first`,
      );
    return {
      host: hostView(h, conn, await this.linkedDomains(connectionId, name)),
      history: await this.transcript.history(connectionId, name, historyLimit),
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
      refreshedAt: this.d.now(),
    };
    const name = normalizeHostName(info.name);
    // One row per address beside the JSON, so search finds a host by its glue on an index.
    const addresses = info.addrs.map((a) => ({ address: canonicalIp(a.address) ?? a.address.toLowerCase() }));
    await this.d.db.eppHost.upsert({
      where: { connectionId_name: { connectionId, name } },
      create: { connectionId, name, ...data, addresses: { create: addresses } },
      update: { ...data, addresses: { deleteMany: {}, create: addresses } },
    });
  }

  /** Re-reads one host with <host:info>; a 2303 marks the cached host as gone. */
  async refreshHost(connectionId: string, name: string) {
    const c = await connectionRow(this.d.db, connectionId);
    const r = await this.sessions.send(c, { cmd: "host:info", name });
    const d = r.response.resData.find((x) => x.kind === "host:infData");
    if (r.ok && d?.kind === "host:infData") await this.saveHost(connectionId, d.host);
    else if (r.code === 2303)
      await this.d.db.eppHost.updateMany({
        where: { connectionId, name },
        data: { gone: true, refreshedAt: this.d.now() },
      });
    return outcome(r);
  }

  /** The job's share: re-reads the connection's hosts not refreshed for hostMaxAgeMs (20 per run). */
  async refreshStale(connectionId: string): Promise<void> {
    const maxAge = this.d.opts.hostMaxAgeMs ?? 15 * 60_000;
    const stale = await this.d.db.eppHost.findMany({
      where: { connectionId, gone: false, refreshedAt: { lt: new Date(this.d.now().getTime() - maxAge) } },
      orderBy: { refreshedAt: "asc" },
      take: 20,
    });
    for (const h of stale) await this.refreshHost(connectionId, h.name);
  }

  async createHost(input: { connectionId: string; name: string; addrs: HostAddr[] }) {
    const c = await connectionRow(this.d.db, input.connectionId);
    refuseIssues(checkHostCreate({ name: input.name, addrs: input.addrs }, rules(c)));
    const r = await this.sessions.send(c, { cmd: "host:create", name: input.name, addrs: input.addrs });
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
    const c = await connectionRow(this.d.db, input.connectionId);
    const before = await this.cachedHost(c.id, input.name);
    if (before && !before.gone)
      refuseIssues(
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
          rules(c),
        ),
      );
    const r = await this.sessions.send(c, {
      cmd: "host:update",
      name: input.name,
      add: input.add,
      rem: input.rem,
      ...(input.newName && { newName: input.newName }),
    });
    const current = input.newName && r.ok ? input.newName : input.name;
    if (r.ok && current !== input.name)
      await this.d.db.eppHost.deleteMany({ where: { connectionId: c.id, name: input.name } });
    await this.refreshHost(c.id, current).catch(() => {});
    return { outcome: outcome(r), before, after: await this.cachedHost(c.id, current) };
  }

  async deleteHost(input: { connectionId: string; name: string }) {
    const c = await connectionRow(this.d.db, input.connectionId);
    const before = await this.cachedHost(c.id, input.name);
    const r = await this.sessions.send(c, { cmd: "host:delete", name: input.name });
    if (r.ok) await this.d.db.eppHost.deleteMany({ where: { connectionId: c.id, name: input.name } });
    let linked: string[] = [];
    if (r.code === 2305) {
      // The registry refused because domains use the host: re-read it and name the domains we know.
      await this.refreshHost(c.id, input.name).catch(() => {});
      linked = await this.linkedDomains(c.id, input.name);
    }
    return { outcome: outcome(r, linked), before };
  }

  private async cachedHost(connectionId: string, name: string) {
    const h = await this.d.db.eppHost.findUnique({ where: { connectionId_name: { connectionId, name } } });
    if (!h) return null;
    const conn = await connectionRow(this.d.db, connectionId);
    return hostView(h, conn, await this.linkedDomains(connectionId, name));
  }
}
