/**
 * Domain objects (RFC 5731): <domain:info> caches a domain's name servers (the "linked domains" of
 * hosts) and re-reads the hosts involved; create/update/renew/delete commands, and transfers
 * (query, and the answers to a pending one: approve, reject, cancel). No
 * authInfo is ever shown, logged or stored by the console.
 */
import { randomBytes } from "node:crypto";
import {
  type DomainInfo,
  type DomainStatus,
  normalizeHostName,
  type Status,
  superordinateDomain,
} from "@netops/protocols/epp";
import { DomainError } from "../../errors";
import { jsonColumn } from "../../json-column";
import { nameKey } from "../../search/recent";
import type { RegistryHosts } from "./hosts";
import type { CommandResult } from "./session";
import type { RegistrySessions } from "./sessions";
import { connectionRow, dateOrNull, iso, outcome, type RegistryDeps } from "./shared";

/** Client-settable domain statuses (RFC 5731 §2.3: server* statuses belong to the registry). */
export const DOMAIN_CLIENT_STATUSES = [
  "clientDeleteProhibited",
  "clientHold",
  "clientRenewProhibited",
  "clientTransferProhibited",
  "clientUpdateProhibited",
] as const satisfies readonly DomainStatus[];
type DomainClientStatus = (typeof DOMAIN_CLIENT_STATUSES)[number];

/** The answers to a pending transfer (RFC 5731 §3.2.4); "request" needs the authInfo and is not offered. */
export const TRANSFER_ANSWERS = ["approve", "reject", "cancel"] as const;
export type TransferAnswer = (typeof TRANSFER_ANSWERS)[number];

/** The <domain:trnData> of a response, as the console shows it (null when the registry sent none). */
function transferView(r: CommandResult, clientId: string) {
  const t = r.response.resData.find((x) => x.kind === "domain:trnData");
  if (t?.kind !== "domain:trnData") return null;
  return {
    name: t.transfer.name,
    status: t.transfer.trStatus,
    requestedBy: t.transfer.reID,
    requestedAt: t.transfer.reDate,
    actingClient: t.transfer.acID,
    actBy: t.transfer.acDate,
    exDate: t.transfer.exDate ?? null,
    awayFromUs: t.transfer.acID === clientId && t.transfer.reID !== clientId,
    /** We asked for it (so we may cancel it while pending). */
    toUs: t.transfer.reID === clientId,
  };
}

/** RFC 5731 authInfo for a new domain: random, never shown, logged or stored by the console. */
const newAuthInfo = () => randomBytes(12).toString("base64url");

export class RegistryDomains {
  constructor(
    private readonly d: RegistryDeps,
    private readonly sessions: RegistrySessions,
    private readonly hosts: RegistryHosts,
  ) {}

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
      refreshedAt: this.d.now(),
    };
    // One row per name server beside the JSON: the domains delegated to a host are an index lookup.
    const rows = [...new Set(nameServers.map(nameKey))].map((host) => ({ host }));
    await this.d.db.eppDomain.upsert({
      where: { connectionId_name: { connectionId, name } },
      create: { connectionId, name, ...data, nameServerRows: { create: rows } },
      update: { ...data, nameServerRows: { deleteMany: {}, create: rows } },
    });
    return nameServers;
  }

  /**
   * <domain:info> (never sending or keeping authInfo): caches the domain's name servers for the
   * "linked domains" of hosts, and refreshes its name servers and subordinate hosts.
   * `alsoRefresh`: hosts to re-read as well (name servers just removed, whose `linked` changed).
   */
  async lookupDomain(connectionId: string, rawName: string, alsoRefresh: string[] = []) {
    const c = await connectionRow(this.d.db, connectionId);
    const name = normalizeHostName(rawName);
    const r = await this.sessions.send(c, { cmd: "domain:info", name, hosts: "all" });
    const d = r.response.resData.find((x) => x.kind === "domain:infData");
    if (!r.ok || d?.kind !== "domain:infData") {
      if (r.code === 2303)
        await this.d.db.eppDomain.updateMany({ where: { connectionId, name }, data: { gone: true } });
      for (const h of alsoRefresh) await this.hosts.refreshHost(connectionId, h).catch(() => {});
      return { outcome: outcome(r), domain: null };
    }
    const info = d.domain;
    const nameServers = await this.saveDomain(connectionId, info);
    // Host objects only: hostAttr name servers are not objects of their own.
    const hostObjs = info.ns && "hostObj" in info.ns ? nameServers : [];
    for (const h of new Set([...hostObjs, ...info.hosts.map(normalizeHostName), ...alsoRefresh]))
      await this.hosts.refreshHost(connectionId, h).catch(() => {});
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
    const d = await this.d.db.eppDomain.findUnique({ where: { connectionId_name: { connectionId, name } } });
    return d
      ? {
          name: d.name,
          sponsor: d.sponsor,
          nameServers: jsonColumn<string[]>(d.nameServers, []),
          statuses: jsonColumn<Status[]>(d.statuses, []),
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
    const c = await connectionRow(this.d.db, input.connectionId);
    const zones = jsonColumn<string[]>(c.zones, []);
    if (superordinateDomain(input.name, zones) !== input.name)
      throw new DomainError(
        "invalid",
        `name: ${input.name} is not a name directly under ${zones.join(", ")} (the zones of ${c.name})`,
      );
    const r = await this.sessions.send(c, {
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
    const c = await connectionRow(this.d.db, input.connectionId);
    const before = await this.cachedDomain(c.id, input.name);
    const change = (x: { nameServers: string[]; statuses: DomainClientStatus[] }) => ({
      ...(x.nameServers.length > 0 && { ns: { hostObj: x.nameServers } }),
      contacts: [],
      statuses: x.statuses.map((s) => ({ s })),
    });
    const r = await this.sessions.send(c, {
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
    const c = await connectionRow(this.d.db, input.connectionId);
    let cur = input.curExpDate;
    if (!cur) {
      const read = await this.lookupDomain(c.id, input.name);
      if (!read.domain) return { outcome: read.outcome, exDate: null };
      cur = read.domain.exDate?.slice(0, 10);
      if (!cur)
        throw new DomainError("refused-by-peer", `the registry gave no expiry date for ${input.name}`);
    }
    const r = await this.sessions.send(c, {
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
    const c = await connectionRow(this.d.db, input.connectionId);
    const before = await this.cachedDomain(c.id, input.name);
    const r = await this.sessions.send(c, { cmd: "domain:delete", name: input.name });
    if (r.ok) {
      await this.d.db.eppDomain.deleteMany({ where: { connectionId: c.id, name: input.name } });
      // Its name servers are no longer linked by it.
      for (const h of before?.nameServers ?? []) await this.hosts.refreshHost(c.id, h).catch(() => {});
    } else if (r.code === 2305) await this.lookupDomain(c.id, input.name).catch(() => {});
    return { outcome: outcome(r), before };
  }

  /** <domain:transfer op="query">: the state of the latest transfer (no authInfo is sent). */
  async transferQuery(connectionId: string, name: string) {
    const c = await connectionRow(this.d.db, connectionId);
    const r = await this.sessions.send(c, { cmd: "domain:transfer", op: "query", name });
    return { outcome: outcome(r), transfer: transferView(r, c.clientId) };
  }

  /**
   * <domain:transfer op="approve|reject|cancel"> (RFC 5731 §3.2.4): the sponsor (losing client)
   * approves or rejects a pending transfer, the requesting client cancels its own. The registry
   * decides who may; the domain is re-read afterwards (an approved transfer changes its sponsor).
   */
  async answerTransfer(input: { connectionId: string; name: string; op: TransferAnswer }) {
    const c = await connectionRow(this.d.db, input.connectionId);
    const name = normalizeHostName(input.name);
    const before = await this.cachedDomain(c.id, name);
    const r = await this.sessions.send(c, { cmd: "domain:transfer", op: input.op, name });
    await this.lookupDomain(c.id, name).catch(() => {});
    return {
      outcome: outcome(r),
      transfer: transferView(r, c.clientId),
      before,
      after: await this.cachedDomain(c.id, name),
    };
  }

  async listDomains(connectionId?: string) {
    const rows = await this.d.db.eppDomain.findMany({
      where: connectionId ? { connectionId } : {},
      orderBy: { name: "asc" },
      take: 1000,
    });
    return rows.map((d) => ({
      connectionId: d.connectionId,
      name: d.name,
      sponsor: d.sponsor,
      nameServers: jsonColumn<string[]>(d.nameServers, []),
      subordinates: jsonColumn<string[]>(d.subordinates, []),
      statuses: jsonColumn<Status[]>(d.statuses, []),
      exDate: iso(d.exDate),
      gone: d.gone,
      refreshedAt: d.refreshedAt.toISOString(),
    }));
  }
}
