/**
 * The watched-zone registry (admin CRUD): sources checked against the configured folders, URLs and
 * the outbound policy; TSIG secrets sealed; the zone views the console lists.
 */
import { alertSourceOf } from "@netops/protocols";
import { DomainError } from "../../errors";
import type { ZoneView, CheckView, ZoneCreateInput, ZoneUpdateInput, ServerConfig } from "./schemas";
import { zoneCreateSchema, zoneUpdateSchema } from "./schemas";
import { parseServer } from "./transport";
import { checkView, type DnsDeps, zoneRow, zoneView } from "./views";

export class DnsZones {
  constructor(private readonly d: DnsDeps) {}

  async list(): Promise<ZoneView[]> {
    const zones = await this.d.db.dnsZone.findMany({ orderBy: { name: "asc" } });
    const ids = zones
      .flatMap((z) => [z.lastCheckId, z.lastGoodCheckId])
      .filter((x): x is number => x !== null);
    const checks = new Map(
      (await this.d.db.dnsZoneCheck.findMany({ where: { id: { in: ids } } })).map((c) => [c.id, c]),
    );
    return Promise.all(zones.map((z) => zoneView(this.d.db, z, checks)));
  }

  async get(id: string, historyLimit = 200): Promise<{ zone: ZoneView; history: CheckView[] }> {
    const z = await zoneRow(this.d.db, id);
    const history = await this.d.db.dnsZoneCheck.findMany({
      where: { zoneId: id },
      orderBy: { id: "desc" },
      take: historyLimit,
    });
    return { zone: await zoneView(this.d.db, z), history: history.map((c) => checkView(c)) };
  }

  async findByName(name: string): Promise<ZoneView | null> {
    const z = await this.d.db.dnsZone.findUnique({ where: { name } });
    return z ? zoneView(this.d.db, z) : null;
  }

  // ---- registry ----

  private validateSource(kind: string, source: string): void {
    if (kind === "https") {
      if (!this.d.limits.httpsUrls.includes(source))
        throw new DomainError(
          "invalid",
          `source: ${source} is not in the configured list of zone URLs (dns.httpsUrls in netops.yaml)`,
        );
    } else if (kind === "axfr") {
      if (!/^(\[[0-9a-fA-F:.]+\]|[^\s:/]+|[0-9a-fA-F:]+)(:\d{1,5})?$/.test(source))
        throw new DomainError("invalid", "source: SERVER[:PORT] for AXFR, e.g. 192.0.2.53:53");
      let addr: { host: string; port: number };
      try {
        addr = parseServer(source);
      } catch (e) {
        throw new DomainError("invalid", `source: ${(e as Error).message}`);
      }
      const refused = this.d.policy.check(addr.host, addr.port);
      if (refused) throw new DomainError("invalid", `source: ${refused}`);
    } else if (kind === "file") {
      if (this.d.limits.zoneDirs.length === 0)
        throw new DomainError(
          "invalid",
          "source: no zone folders are configured (dns.zoneDirs in netops.yaml)",
        );
    }
  }

  /** Every watched server must be a destination the policy allows (checked again at each query). */
  private validateServers(servers: readonly ServerConfig[]): void {
    servers.forEach((s, i) => {
      const refused = this.d.policy.check(s.host, s.port);
      if (refused) throw new DomainError("invalid", `servers.${i}: ${refused}`);
    });
  }

  async create(raw: ZoneCreateInput): Promise<ZoneView> {
    const input = zoneCreateSchema.parse(raw);
    this.validateSource(input.sourceKind, input.source);
    this.validateServers(input.servers);
    if (await this.d.db.dnsZone.findUnique({ where: { name: input.name } }))
      throw new DomainError("conflict", `name: zone ${input.name} is watched already`);
    const z = await this.d.db.dnsZone.create({
      data: {
        name: input.name,
        sourceKind: input.sourceKind,
        source: input.source,
        tsigName: input.tsig?.name ?? null,
        tsigAlgorithm: input.tsig?.algorithm ?? null,
        tsigSecret: input.tsig ? this.d.box.seal(input.tsig.secret) : null,
        servers: JSON.stringify(input.servers),
        serversFromNs: input.serversFromNs,
        intervalSeconds: input.intervalSeconds,
        mode: input.mode,
        expectZonemd: input.expectZonemd,
        enabled: input.enabled,
        nextCheckAt: this.d.now(),
      },
    });
    return zoneView(this.d.db, z);
  }

  async update(raw: ZoneUpdateInput): Promise<{ before: ZoneView; after: ZoneView }> {
    const input = zoneUpdateSchema.parse(raw);
    const row = await zoneRow(this.d.db, input.id);
    const before = await zoneView(this.d.db, row);
    const kind = input.sourceKind ?? row.sourceKind;
    const source = input.source ?? row.source;
    if (input.sourceKind !== undefined || input.source !== undefined) this.validateSource(kind, source);
    if (input.servers !== undefined) this.validateServers(input.servers);
    const z = await this.d.db.dnsZone.update({
      where: { id: input.id },
      data: {
        sourceKind: kind,
        source,
        ...(input.tsig !== undefined && {
          tsigName: input.tsig?.name ?? null,
          tsigAlgorithm: input.tsig?.algorithm ?? null,
          tsigSecret: input.tsig ? this.d.box.seal(input.tsig.secret) : null,
        }),
        ...(input.servers !== undefined && { servers: JSON.stringify(input.servers) }),
        ...(input.serversFromNs !== undefined && { serversFromNs: input.serversFromNs }),
        ...(input.intervalSeconds !== undefined && { intervalSeconds: input.intervalSeconds }),
        ...(input.mode !== undefined && { mode: input.mode }),
        ...(input.expectZonemd !== undefined && { expectZonemd: input.expectZonemd }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
        nextCheckAt: this.d.now(),
      },
    });
    return { before, after: await zoneView(this.d.db, z) };
  }

  async remove(id: string): Promise<ZoneView> {
    const row = await zoneRow(this.d.db, id);
    const view = await zoneView(this.d.db, row);
    await this.d.db.dnsZone.delete({ where: { id } });
    await this.d.db.dnsRecordTerm.deleteMany({ where: { zoneId: id } });
    // Its conditions no longer exist.
    await this.d.alerts.reconcile(alertSourceOf("dns"), { zone: row.name }, []);
    return view;
  }
}
