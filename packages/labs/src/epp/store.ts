/**
 * Persistence of the LAB EPP registry: its own SQLite file (better-sqlite3), separate from the
 * console's database, so the console only ever sees the registry through EPP.
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import type {
  ContactInfo,
  DomainContact,
  DomainStatus,
  HostAddr,
  HostStatus,
  PostalInfo,
  ResData,
  Status,
} from "@netops/protocols/epp";
import Database from "better-sqlite3";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS client (id TEXT PRIMARY KEY, pw_hash TEXT NOT NULL, cert_fp TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS host (
  roid TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, cl_id TEXT NOT NULL, cr_id TEXT NOT NULL,
  cr_date TEXT NOT NULL, up_id TEXT, up_date TEXT, addrs TEXT NOT NULL, statuses TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contact (
  roid TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, cl_id TEXT NOT NULL, cr_id TEXT NOT NULL,
  cr_date TEXT NOT NULL, postal TEXT NOT NULL, email TEXT NOT NULL, voice TEXT, auth_pw TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS domain (
  roid TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, cl_id TEXT NOT NULL, cr_id TEXT NOT NULL,
  cr_date TEXT NOT NULL, up_id TEXT, up_date TEXT, ex_date TEXT NOT NULL, tr_date TEXT,
  registrant TEXT, contacts TEXT NOT NULL, statuses TEXT NOT NULL, auth_pw TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS domain_ns (
  domain_roid TEXT NOT NULL REFERENCES domain(roid) ON DELETE CASCADE,
  host_roid TEXT NOT NULL REFERENCES host(roid),
  PRIMARY KEY (domain_roid, host_roid));
CREATE TABLE IF NOT EXISTS transfer (
  domain_roid TEXT PRIMARY KEY REFERENCES domain(roid) ON DELETE CASCADE, status TEXT NOT NULL,
  re_id TEXT NOT NULL, re_date TEXT NOT NULL, ac_id TEXT NOT NULL, ac_date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS message (
  id INTEGER PRIMARY KEY AUTOINCREMENT, cl_id TEXT NOT NULL, q_date TEXT NOT NULL, msg TEXT NOT NULL,
  res_data TEXT);
CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

export interface HostRow {
  roid: string;
  name: string;
  clID: string;
  crID: string;
  crDate: string;
  upID?: string;
  upDate?: string;
  addrs: HostAddr[];
  statuses: Status<HostStatus>[];
}

export interface DomainRow {
  roid: string;
  name: string;
  clID: string;
  crID: string;
  crDate: string;
  upID?: string;
  upDate?: string;
  exDate: string;
  trDate?: string;
  registrant?: string;
  contacts: DomainContact[];
  statuses: Status<DomainStatus>[];
  authPw: string;
}

export interface TransferRow {
  status: "pending" | "clientApproved" | "clientRejected" | "clientCancelled" | "serverApproved";
  reID: string;
  reDate: string;
  acID: string;
  acDate: string;
}

export interface MessageRow {
  id: number;
  clID: string;
  qDate: string;
  msg: string;
  resData?: ResData;
}

type Row = Record<string, string | number | null>;
const s = (v: string | number | null | undefined): string | undefined =>
  v === null || v === undefined ? undefined : String(v);

function hashPw(pw: string, salt = randomBytes(16)): string {
  return `${salt.toString("hex")}:${scryptSync(pw, salt, 32).toString("hex")}`;
}

function pwMatches(pw: string, stored: string): boolean {
  const [salt, hash] = stored.split(":");
  if (!salt || !hash) return false;
  const got = scryptSync(pw, Buffer.from(salt, "hex"), 32);
  return timingSafeEqual(got, Buffer.from(hash, "hex"));
}

function hostFrom(r: Row): HostRow {
  const h: HostRow = {
    roid: String(r.roid),
    name: String(r.name),
    clID: String(r.cl_id),
    crID: String(r.cr_id),
    crDate: String(r.cr_date),
    addrs: JSON.parse(String(r.addrs)),
    statuses: JSON.parse(String(r.statuses)),
  };
  if (r.up_id !== null) h.upID = String(r.up_id);
  if (r.up_date !== null) h.upDate = String(r.up_date);
  return h;
}

function domainFrom(r: Row): DomainRow {
  const d: DomainRow = {
    roid: String(r.roid),
    name: String(r.name),
    clID: String(r.cl_id),
    crID: String(r.cr_id),
    crDate: String(r.cr_date),
    exDate: String(r.ex_date),
    contacts: JSON.parse(String(r.contacts)),
    statuses: JSON.parse(String(r.statuses)),
    authPw: String(r.auth_pw),
  };
  for (const [k, col] of [
    ["upID", "up_id"],
    ["upDate", "up_date"],
    ["trDate", "tr_date"],
    ["registrant", "registrant"],
  ] as const) {
    const v = s(r[col]);
    if (v !== undefined) d[k] = v;
  }
  return d;
}

function contactFrom(r: Row): ContactInfo & { authPw: string } {
  const c: ContactInfo & { authPw: string } = {
    id: String(r.id),
    roid: String(r.roid),
    statuses: [{ s: "ok" }],
    postalInfo: JSON.parse(String(r.postal)) as PostalInfo[],
    email: String(r.email),
    clID: String(r.cl_id),
    crID: String(r.cr_id),
    crDate: String(r.cr_date),
    authPw: String(r.auth_pw),
  };
  if (r.voice !== null) c.voice = String(r.voice);
  return c;
}

/**
 * Read-only access to the LAB registry's database: the EPP lab reads through it, and the lab RDAP
 * server publishes what it returns (one store, so the RDAP lab never reads the tables itself).
 */
export class LabRegistryReader {
  constructor(readonly db: Database.Database) {}

  /** Opens a registry's SQLite file read-only (it must exist: the LAB registry created it). */
  static open(file: string): LabRegistryReader {
    return new LabRegistryReader(new Database(file, { readonly: true, fileMustExist: true }));
  }

  close(): void {
    this.db.close();
  }

  hasClient(id: string): boolean {
    return this.db.prepare("SELECT 1 FROM client WHERE id = ?").get(id) !== undefined;
  }
  host(name: string): HostRow | undefined {
    const r = this.db.prepare("SELECT * FROM host WHERE name = ?").get(name.toLowerCase()) as Row | undefined;
    return r && hostFrom(r);
  }
  hostByRoid(roid: string): HostRow | undefined {
    const r = this.db.prepare("SELECT * FROM host WHERE roid = ?").get(roid) as Row | undefined;
    return r && hostFrom(r);
  }
  hostsUnder(domain: string): HostRow[] {
    return (
      this.db
        .prepare("SELECT * FROM host WHERE name LIKE ? ESCAPE '\\' ORDER BY name")
        .all(`%.${domain.replace(/[\\%_]/g, (c) => `\\${c}`)}`) as Row[]
    ).map(hostFrom);
  }
  /** Domains that use the host as a name server. */
  domainsUsingHost(roid: string): string[] {
    return this.names(
      "SELECT d.name FROM domain_ns n JOIN domain d ON d.roid = n.domain_roid WHERE n.host_roid = ? ORDER BY d.name",
      roid,
    );
  }

  domain(name: string): DomainRow | undefined {
    const r = this.db.prepare("SELECT * FROM domain WHERE name = ?").get(name.toLowerCase()) as
      | Row
      | undefined;
    return r && domainFrom(r);
  }
  nameServers(domainRoid: string): string[] {
    return this.names(
      "SELECT h.name FROM domain_ns n JOIN host h ON h.roid = n.host_roid WHERE n.domain_roid = ? ORDER BY h.name",
      domainRoid,
    );
  }
  /** The `name` column of a one-parameter query's rows. */
  private names(sql: string, param: string): string[] {
    return (this.db.prepare(sql).all(param) as { name: string }[]).map((r) => r.name);
  }
  transfer(domainRoid: string): TransferRow | undefined {
    const r = this.db.prepare("SELECT * FROM transfer WHERE domain_roid = ?").get(domainRoid) as
      | Row
      | undefined;
    return (
      r && {
        status: String(r.status) as TransferRow["status"],
        reID: String(r.re_id),
        reDate: String(r.re_date),
        acID: String(r.ac_id),
        acDate: String(r.ac_date),
      }
    );
  }
  contact(id: string): (ContactInfo & { authPw: string }) | undefined {
    const r = this.db.prepare("SELECT * FROM contact WHERE id = ?").get(id) as Row | undefined;
    return r && contactFrom(r);
  }
  contactInUse(id: string): boolean {
    return (
      this.db
        .prepare(
          "SELECT 1 FROM domain WHERE registrant = ? OR EXISTS (SELECT 1 FROM json_each(domain.contacts) WHERE json_extract(value, '$.id') = ?) LIMIT 1",
        )
        .get(id, id) !== undefined
    );
  }

  // ---------- listings (what the lab RDAP server publishes) ----------
  /** Up to `limit` domains, in storage order. */
  domains(limit: number): DomainRow[] {
    return (this.db.prepare("SELECT * FROM domain LIMIT ?").all(limit) as Row[]).map(domainFrom);
  }
  /** Up to `limit` hosts, in storage order. */
  hosts(limit: number): HostRow[] {
    return (this.db.prepare("SELECT * FROM host LIMIT ?").all(limit) as Row[]).map(hostFrom);
  }
  /** True when a domain uses the host as a name server. */
  hostLinked(roid: string): boolean {
    return this.db.prepare("SELECT 1 FROM domain_ns WHERE host_roid = ? LIMIT 1").get(roid) !== undefined;
  }
  /** Up to `limit` contacts, in storage order. */
  contacts(limit: number): (ContactInfo & { authPw: string })[] {
    return (this.db.prepare("SELECT * FROM contact LIMIT ?").all(limit) as Row[]).map(contactFrom);
  }
  /** A contact by its repository object id (ROID), case-insensitively. */
  contactByRoid(roid: string): (ContactInfo & { authPw: string }) | undefined {
    const r = this.db.prepare("SELECT * FROM contact WHERE upper(roid) = upper(?)").get(roid) as
      | Row
      | undefined;
    return r && contactFrom(r);
  }
  /** Registrars: every client id that logs in or sponsors something (up to `limit`). */
  registrars(limit: number): string[] {
    return (this.db.prepare(`${REGISTRAR_SQL} LIMIT ?`).all(limit) as { id: string }[]).map((r) => r.id);
  }
  isRegistrar(id: string): boolean {
    return this.db.prepare(`SELECT id FROM (${REGISTRAR_SQL}) WHERE id = ?`).get(id) !== undefined;
  }
}

const REGISTRAR_SQL =
  "SELECT id FROM client UNION SELECT cl_id FROM domain UNION SELECT cl_id FROM host UNION SELECT cl_id FROM contact";

export class LabStore extends LabRegistryReader {
  constructor(file: string) {
    super(new Database(file));
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("foreign_keys = ON");
    this.db.exec(SCHEMA);
  }

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Repository object id, e.g. "H12-LAB" (RFC 5730 roidType: `(\w|_){1,80}-\w{1,8}`). */
  nextRoid(prefix: "H" | "D" | "C"): string {
    const row = this.db
      .prepare(
        "INSERT INTO counter(name, value) VALUES ('roid', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
      )
      .get() as { value: number };
    return `${prefix}${row.value}-LAB`;
  }

  // ---------- clients ----------
  upsertClient(id: string, pw: string, certFp: string): void {
    this.db
      .prepare(
        "INSERT INTO client(id, pw_hash, cert_fp) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET pw_hash = excluded.pw_hash, cert_fp = excluded.cert_fp",
      )
      .run(id, hashPw(pw), certFp);
  }
  checkClient(id: string, pw: string, certFp: string | null): "ok" | "password" | "certificate" {
    const r = this.db.prepare("SELECT pw_hash, cert_fp FROM client WHERE id = ?").get(id) as Row | undefined;
    if (!r || !pwMatches(pw, String(r.pw_hash))) return "password";
    return certFp !== null && certFp === r.cert_fp ? "ok" : "certificate";
  }
  setClientPassword(id: string, pw: string): void {
    this.db.prepare("UPDATE client SET pw_hash = ? WHERE id = ?").run(hashPw(pw), id);
  }

  // ---------- hosts ----------
  insertHost(h: HostRow): void {
    this.db
      .prepare(
        "INSERT INTO host(roid, name, cl_id, cr_id, cr_date, addrs, statuses) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(h.roid, h.name, h.clID, h.crID, h.crDate, JSON.stringify(h.addrs), JSON.stringify(h.statuses));
  }
  saveHost(h: HostRow): void {
    this.db
      .prepare(
        "UPDATE host SET name = ?, cl_id = ?, up_id = ?, up_date = ?, addrs = ?, statuses = ? WHERE roid = ?",
      )
      .run(
        h.name,
        h.clID,
        h.upID ?? null,
        h.upDate ?? null,
        JSON.stringify(h.addrs),
        JSON.stringify(h.statuses),
        h.roid,
      );
  }
  deleteHost(roid: string): void {
    this.db.prepare("DELETE FROM host WHERE roid = ?").run(roid);
  }
  // ---------- domains ----------
  insertDomain(d: DomainRow): void {
    this.db
      .prepare(
        "INSERT INTO domain(roid, name, cl_id, cr_id, cr_date, ex_date, registrant, contacts, statuses, auth_pw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        d.roid,
        d.name,
        d.clID,
        d.crID,
        d.crDate,
        d.exDate,
        d.registrant ?? null,
        JSON.stringify(d.contacts),
        JSON.stringify(d.statuses),
        d.authPw,
      );
  }
  saveDomain(d: DomainRow): void {
    this.db
      .prepare(
        "UPDATE domain SET cl_id = ?, up_id = ?, up_date = ?, ex_date = ?, tr_date = ?, registrant = ?, contacts = ?, statuses = ?, auth_pw = ? WHERE roid = ?",
      )
      .run(
        d.clID,
        d.upID ?? null,
        d.upDate ?? null,
        d.exDate,
        d.trDate ?? null,
        d.registrant ?? null,
        JSON.stringify(d.contacts),
        JSON.stringify(d.statuses),
        d.authPw,
        d.roid,
      );
  }
  deleteDomain(roid: string): void {
    this.db.prepare("DELETE FROM domain WHERE roid = ?").run(roid);
  }
  addNameServer(domainRoid: string, hostRoid: string): void {
    this.db
      .prepare("INSERT OR IGNORE INTO domain_ns(domain_roid, host_roid) VALUES (?, ?)")
      .run(domainRoid, hostRoid);
  }
  removeNameServer(domainRoid: string, hostRoid: string): void {
    this.db
      .prepare("DELETE FROM domain_ns WHERE domain_roid = ? AND host_roid = ?")
      .run(domainRoid, hostRoid);
  }
  saveTransfer(domainRoid: string, t: TransferRow): void {
    this.db
      .prepare(
        "INSERT INTO transfer(domain_roid, status, re_id, re_date, ac_id, ac_date) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(domain_roid) DO UPDATE SET status = excluded.status, re_id = excluded.re_id, re_date = excluded.re_date, ac_id = excluded.ac_id, ac_date = excluded.ac_date",
      )
      .run(domainRoid, t.status, t.reID, t.reDate, t.acID, t.acDate);
  }

  // ---------- contacts ----------
  insertContact(
    c: { id: string; clID: string; postal: PostalInfo[]; email: string; voice?: string; authPw: string },
    now: string,
  ): void {
    this.db
      .prepare(
        "INSERT INTO contact(roid, id, cl_id, cr_id, cr_date, postal, email, voice, auth_pw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        this.nextRoid("C"),
        c.id,
        c.clID,
        c.clID,
        now,
        JSON.stringify(c.postal),
        c.email,
        c.voice ?? null,
        c.authPw,
      );
  }

  // ---------- poll queue ----------
  enqueue(clID: string, msg: string, qDate: string, resData?: ResData): number {
    const r = this.db
      .prepare("INSERT INTO message(cl_id, q_date, msg, res_data) VALUES (?, ?, ?, ?) RETURNING id")
      .get(clID, qDate, msg, resData ? JSON.stringify(resData) : null) as { id: number };
    return r.id;
  }
  /** Oldest message of the client and how many are queued. */
  head(clID: string): { count: number; first?: MessageRow } {
    const count = (
      this.db.prepare("SELECT COUNT(*) AS n FROM message WHERE cl_id = ?").get(clID) as { n: number }
    ).n;
    const r = this.db.prepare("SELECT * FROM message WHERE cl_id = ? ORDER BY id LIMIT 1").get(clID) as
      | Row
      | undefined;
    if (!r) return { count };
    const m: MessageRow = { id: Number(r.id), clID, qDate: String(r.q_date), msg: String(r.msg) };
    if (r.res_data !== null) m.resData = JSON.parse(String(r.res_data));
    return { count, first: m };
  }
  ack(clID: string, id: number): boolean {
    return this.db.prepare("DELETE FROM message WHERE cl_id = ? AND id = ?").run(clID, id).changes > 0;
  }
}
