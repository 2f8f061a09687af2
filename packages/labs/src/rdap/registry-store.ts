/**
 * LabRdapStore over the LAB EPP registry (packages/labs/src/epp/store.ts): what a registry's RDAP
 * service does — publish the objects its EPP server provisions. Read on every request, so an
 * object created over EPP is in the next lookup or search. Read through the registry's own
 * read-only store (LabRegistryReader): its tables and their encoding stay the EPP lab's business.
 */
import type { ContactInfo, DomainContact } from "@netops/protocols/epp";
import { type DomainRow, type HostRow, LabRegistryReader } from "../epp/store";
import type { LabDomain, LabEntity, LabNameserver, LabRdapStore } from "./store";

const RDAP_ROLE: Record<DomainContact["type"], string> = {
  admin: "administrative",
  tech: "technical",
  billing: "billing",
};

/**
 * RFC 8056 §2: EPP status → RDAP status. "ok" is "active", "linked" is "associated"; the others
 * are their camel-case words, lowercase and spaced ("clientTransferProhibited" → "client transfer
 * prohibited").
 */
export function rdapStatus(epp: string): string {
  if (epp === "ok") return "active";
  if (epp === "linked") return "associated";
  return epp.replace(/([A-Z])/g, " $1").toLowerCase();
}

/** RFC 3966 tel URI from an EPP phone number ("+1.5555550100", optional "x123" extension). */
function telUri(voice: string): string {
  const [num = "", ext] = voice.split("x");
  return `tel:${num}${ext ? `;ext=${ext}` : ""}`;
}

export class RegistryLabRdapStore implements LabRdapStore {
  /** `registry` is the LAB registry's store (its own, or one opened read-only by `open`). */
  constructor(private readonly registry: LabRegistryReader) {}

  /** Opens the registry's SQLite file read-only (it must exist: the lab registry created it). */
  static open(file: string): RegistryLabRdapStore {
    return new RegistryLabRdapStore(LabRegistryReader.open(file));
  }

  close(): void {
    this.registry.close();
  }

  private domainFrom(r: DomainRow): LabDomain {
    const statuses = r.statuses.map((s) => s.s as string);
    const nameservers = this.registry.nameServers(r.roid);
    // The registry's <domain:info> shows "ok" when nothing else is set; RFC 5731 §2.3 also
    // calls a domain without name servers "inactive".
    const shown = statuses.length ? statuses : ["ok"];
    if (!nameservers.length && !shown.includes("inactive")) shown.push("inactive");
    const d: LabDomain = {
      name: r.name,
      handle: r.roid,
      status: shown.map(rdapStatus),
      registered: r.crDate,
      expires: r.exDate,
      registrar: r.clID,
      contacts: r.contacts.map((c: DomainContact) => ({
        role: RDAP_ROLE[c.type] ?? c.type,
        handle: this.contactHandle(c.id),
      })),
      nameservers,
    };
    if (r.registrant) d.registrant = this.contactHandle(r.registrant);
    if (r.upDate) d.lastChanged = r.upDate;
    if (r.trDate) d.transferred = r.trDate;
    return d;
  }

  /** Contacts are published under their repository object id (ROID), as registries do. */
  private contactHandle(id: string): string {
    return this.registry.contact(id)?.roid ?? id;
  }

  private hostFrom(r: HostRow): LabNameserver {
    const statuses = r.statuses.map((s) => s.s as string);
    // As the registry's <host:info> shows it: "linked" when a domain uses it, "ok" when nothing else.
    if (this.registry.hostLinked(r.roid)) statuses.push("linked");
    if (!statuses.some((s) => s !== "linked")) statuses.unshift("ok");
    const n: LabNameserver = {
      name: r.name,
      handle: r.roid,
      v4: r.addrs.filter((a) => a.ip === "v4").map((a) => a.address),
      v6: r.addrs.filter((a) => a.ip === "v6").map((a) => a.address),
      status: statuses.map(rdapStatus),
      registered: r.crDate,
      registrar: r.clID,
    };
    if (r.upDate) n.lastChanged = r.upDate;
    return n;
  }

  private contactFrom(c: ContactInfo): LabEntity {
    // The internationalized form when both are given (RFC 5733 §2.3: "int" is ASCII-only).
    const p = c.postalInfo.find((x) => x.type === "int") ?? c.postalInfo[0];
    const e: LabEntity = {
      handle: c.roid,
      fn: p?.name ?? c.id,
      email: c.email,
      roles: [],
      registered: c.crDate,
      status: [this.registry.contactInUse(c.id) ? "associated" : "active"],
    };
    if (p?.org) e.org = p.org;
    if (p?.street.length) e.street = p.street;
    if (p?.city) e.city = p.city;
    if (p?.sp) e.sp = p.sp;
    if (p?.pc) e.pc = p.pc;
    if (p?.cc) e.cc = p.cc;
    if (c.voice) e.voice = telUri(c.voice);
    return e;
  }

  private registrarFrom(id: string): LabEntity {
    return { handle: id, fn: `${id} (lab registrar)`, org: id, roles: ["registrar"] };
  }

  async listDomains(limit: number) {
    return this.registry.domains(limit).map((r) => this.domainFrom(r));
  }
  async lookupDomain(name: string) {
    const r = this.registry.domain(name);
    return r ? this.domainFrom(r) : null;
  }
  async listNameservers(limit: number) {
    return this.registry.hosts(limit).map((r) => this.hostFrom(r));
  }
  async lookupNameserver(name: string) {
    const r = this.registry.host(name);
    return r ? this.hostFrom(r) : null;
  }
  async listEntities(limit: number) {
    const contacts = this.registry.contacts(limit).map((c) => this.contactFrom(c));
    const registrars = this.registry
      .registrars(Math.max(0, limit - contacts.length))
      .map((id) => this.registrarFrom(id));
    return [...contacts, ...registrars];
  }
  async lookupEntity(handle: string) {
    const c = this.registry.contactByRoid(handle);
    if (c) return this.contactFrom(c);
    return this.registry.isRegistrar(handle) ? this.registrarFrom(handle) : null;
  }
}
