/**
 * LabRdapStore over the LAB EPP registry's own SQLite database (packages/labs/src/epp/store.ts):
 * what a registry's RDAP service does — publish the objects its EPP server provisions. Read on
 * every request, so an object created over EPP is in the next lookup or search. Read-only: the
 * registry's tables belong to the EPP lab; we only SELECT.
 */
import type { DomainContact, HostAddr, PostalInfo, Status } from "@netops/protocols/epp";
import Database from "better-sqlite3";
import type { LabDomain, LabEntity, LabNameserver, LabRdapStore } from "./store";

type Row = Record<string, string | number | null>;

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

const json = <T>(v: unknown, fallback: T): T => {
  try {
    return typeof v === "string" ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
};
const opt = (v: string | number | null | undefined): string | undefined =>
  v === null || v === undefined ? undefined : String(v);

/** RFC 3966 tel URI from an EPP phone number ("+1.5555550100", optional "x123" extension). */
function telUri(voice: string): string {
  const [num = "", ext] = voice.split("x");
  return `tel:${num}${ext ? `;ext=${ext}` : ""}`;
}

export class RegistryLabRdapStore implements LabRdapStore {
  /** `db` is the registry's database (its own connection, or one opened by `open`). */
  constructor(private readonly db: Database.Database) {}

  /** Opens the registry's SQLite file read-only (it must exist: the lab registry created it). */
  static open(file: string): RegistryLabRdapStore {
    return new RegistryLabRdapStore(new Database(file, { readonly: true, fileMustExist: true }));
  }

  close(): void {
    this.db.close();
  }

  private nameServers(domainRoid: string): string[] {
    return (
      this.db
        .prepare(
          "SELECT h.name FROM domain_ns n JOIN host h ON h.roid = n.host_roid WHERE n.domain_roid = ? ORDER BY h.name",
        )
        .all(domainRoid) as { name: string }[]
    ).map((r) => r.name);
  }

  private domainFrom(r: Row): LabDomain {
    const statuses = json<Status<string>[]>(r.statuses, []).map((s) => s.s);
    const nameservers = this.nameServers(String(r.roid));
    // The registry's <domain:info> shows "ok" when nothing else is set; RFC 5731 §2.3 also
    // calls a domain without name servers "inactive".
    const shown = statuses.length ? statuses : ["ok"];
    if (!nameservers.length && !shown.includes("inactive")) shown.push("inactive");
    const registrant = opt(r.registrant);
    const d: LabDomain = {
      name: String(r.name),
      handle: String(r.roid),
      status: shown.map(rdapStatus),
      registered: String(r.cr_date),
      expires: String(r.ex_date),
      registrar: String(r.cl_id),
      contacts: json<DomainContact[]>(r.contacts, []).map((c) => ({
        role: RDAP_ROLE[c.type] ?? c.type,
        handle: this.contactHandle(c.id),
      })),
      nameservers,
    };
    if (registrant) d.registrant = this.contactHandle(registrant);
    const up = opt(r.up_date);
    if (up) d.lastChanged = up;
    const tr = opt(r.tr_date);
    if (tr) d.transferred = tr;
    return d;
  }

  /** Contacts are published under their repository object id (ROID), as registries do. */
  private contactHandle(id: string): string {
    const r = this.db.prepare("SELECT roid FROM contact WHERE id = ?").get(id) as Row | undefined;
    return r ? String(r.roid) : id;
  }

  private hostFrom(r: Row): LabNameserver {
    const addrs = json<HostAddr[]>(r.addrs, []);
    const statuses = json<Status<string>[]>(r.statuses, []).map((s) => s.s);
    // As the registry's <host:info> shows it: "linked" when a domain uses it, "ok" when nothing else.
    if (Number(r.linked)) statuses.push("linked");
    if (!statuses.some((s) => s !== "linked")) statuses.unshift("ok");
    const n: LabNameserver = {
      name: String(r.name),
      handle: String(r.roid),
      v4: addrs.filter((a) => a.ip === "v4").map((a) => a.address),
      v6: addrs.filter((a) => a.ip === "v6").map((a) => a.address),
      status: statuses.map(rdapStatus),
      registered: String(r.cr_date),
      registrar: String(r.cl_id),
    };
    const up = opt(r.up_date);
    if (up) n.lastChanged = up;
    return n;
  }

  private contactFrom(r: Row): LabEntity {
    const postal = json<PostalInfo[]>(r.postal, []);
    // The internationalized form when both are given (RFC 5733 §2.3: "int" is ASCII-only).
    const p = postal.find((x) => x.type === "int") ?? postal[0];
    const e: LabEntity = {
      handle: String(r.roid),
      fn: p?.name ?? String(r.id),
      email: String(r.email),
      roles: [],
      registered: String(r.cr_date),
      status: [Number(r.linked) ? "associated" : "active"],
    };
    if (p?.org) e.org = p.org;
    if (p?.street.length) e.street = p.street;
    if (p?.city) e.city = p.city;
    if (p?.sp) e.sp = p.sp;
    if (p?.pc) e.pc = p.pc;
    if (p?.cc) e.cc = p.cc;
    const voice = opt(r.voice);
    if (voice) e.voice = telUri(voice);
    return e;
  }

  private registrarFrom(id: string): LabEntity {
    return { handle: id, fn: `${id} (lab registrar)`, org: id, roles: ["registrar"] };
  }

  private readonly HOST_SQL =
    "SELECT h.*, EXISTS (SELECT 1 FROM domain_ns n WHERE n.host_roid = h.roid) AS linked FROM host h";
  private readonly CONTACT_SQL =
    "SELECT c.*, EXISTS (SELECT 1 FROM domain d WHERE d.registrant = c.id OR EXISTS (SELECT 1 FROM json_each(d.contacts) WHERE json_extract(value, '$.id') = c.id)) AS linked FROM contact c";
  /** Registrars: every client id that logs in or sponsors something. */
  private readonly REGISTRAR_SQL =
    "SELECT id FROM client UNION SELECT cl_id FROM domain UNION SELECT cl_id FROM host UNION SELECT cl_id FROM contact";

  async listDomains(limit: number) {
    return (this.db.prepare("SELECT * FROM domain LIMIT ?").all(limit) as Row[]).map((r) =>
      this.domainFrom(r),
    );
  }
  async lookupDomain(name: string) {
    const r = this.db.prepare("SELECT * FROM domain WHERE name = ?").get(name.toLowerCase()) as
      | Row
      | undefined;
    return r ? this.domainFrom(r) : null;
  }
  async listNameservers(limit: number) {
    return (this.db.prepare(`${this.HOST_SQL} LIMIT ?`).all(limit) as Row[]).map((r) => this.hostFrom(r));
  }
  async lookupNameserver(name: string) {
    const r = this.db.prepare(`${this.HOST_SQL} WHERE h.name = ?`).get(name.toLowerCase()) as Row | undefined;
    return r ? this.hostFrom(r) : null;
  }
  async listEntities(limit: number) {
    const contacts = (this.db.prepare(`${this.CONTACT_SQL} LIMIT ?`).all(limit) as Row[]).map((r) =>
      this.contactFrom(r),
    );
    const registrars = (
      this.db.prepare(`${this.REGISTRAR_SQL} LIMIT ?`).all(Math.max(0, limit - contacts.length)) as {
        id: string;
      }[]
    ).map((r) => this.registrarFrom(r.id));
    return [...contacts, ...registrars];
  }
  async lookupEntity(handle: string) {
    const c = this.db.prepare(`${this.CONTACT_SQL} WHERE upper(c.roid) = upper(?)`).get(handle) as
      | Row
      | undefined;
    if (c) return this.contactFrom(c);
    const reg = this.db.prepare(`SELECT id FROM (${this.REGISTRAR_SQL}) WHERE id = ?`).get(handle) as
      | { id: string }
      | undefined;
    return reg ? this.registrarFrom(reg.id) : null;
  }
}
