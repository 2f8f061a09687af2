import { appendFileSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { KEA_V4_COLUMNS, keaEscape } from "@netops/protocols/dhcp";

/**
 * Demo-only lab "servers": two lease files in the data directory that change over time the way
 * Kea's memfile and ISC dhcpd's dhcpd.leases do (append-only, renewals and releases as new
 * records, rotation). The console follows them through its real collectors. Everything here is
 * named "lab" and uses 198.18.0.0/15 (RFC 2544 benchmarking space), never a production range.
 */

export interface LabLease {
  address: string;
  mac: string;
  hostname: string;
  cltt: number;
  valid: number;
}

export const LAB_KEA = {
  file: "lab-kea-leases4.csv",
  subnet: "198.18.10.0/24",
  pool: "198.18.10.10-198.18.10.109",
  subnetId: 10,
};
/** 20 addresses, 18 held: the pool near exhaustion whose alert fires in the demo. */
export const LAB_DHCPD = {
  file: "lab-dhcpd.leases",
  subnet: "198.18.20.0/26",
  pool: "198.18.20.10-198.18.20.29",
};

const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** The lease of the demo's connected address (see reset). */
export const LAB_NS1_LEASE = {
  address: "192.0.2.53",
  mac: "02:1a:b0:00:00:53",
  hostname: "ns1.lab.example",
  valid: 86_400,
} as const;

function mac(i: number, prefix: number): string {
  return `02:1a:b0:${prefix.toString(16).padStart(2, "0")}:${((i >> 8) & 255).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`;
}

export function keaRow(l: LabLease, subnetId: number, deleted = false): string {
  const valid = deleted ? 0 : l.valid;
  const expire = l.cltt + valid;
  return [
    l.address,
    l.mac,
    `01:${l.mac}`,
    valid,
    expire,
    subnetId,
    0,
    0,
    keaEscape(l.hostname),
    0,
    "",
    0,
  ].join(",");
}

const DAYS = [0, 1, 2, 3, 4, 5, 6];
function dhcpdDate(sec: number): string {
  const d = new Date(sec * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export function dhcpdBlock(l: LabLease, state: "active" | "free"): string {
  return [
    `lease ${l.address} {`,
    `  starts ${dhcpdDate(l.cltt)};`,
    `  ends ${dhcpdDate(l.cltt + l.valid)};`,
    `  cltt ${dhcpdDate(l.cltt)};`,
    `  binding state ${state};`,
    `  next binding state ${state === "active" ? "free" : "backup"};`,
    `  rewind binding state free;`,
    `  hardware ethernet ${l.mac};`,
    `  client-hostname "${l.hostname}";`,
    "}",
    "",
  ].join("\n");
}

/** The lab's own view of its leases and a deterministic pseudo-random walk over them. */
export class LabLeaseFiles {
  readonly keaPath: string;
  readonly dhcpdPath: string;
  private kea: LabLease[] = [];
  private dhcpd: LabLease[] = [];
  private tick = 0;

  constructor(
    dir: string,
    private readonly nowSec: () => number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.keaPath = path.join(dir, LAB_KEA.file);
    this.dhcpdPath = path.join(dir, LAB_DHCPD.file);
  }

  /** Starts both files fresh (a new inode, so a follower re-reads them whole). */
  reset(): void {
    const now = this.nowSec();
    this.kea = Array.from({ length: 60 }, (_, i) => ({
      address: `198.18.10.${10 + i}`,
      mac: mac(i, 0x10),
      hostname: `lab-kea-host-${i}`,
      cltt: now - 600 + i,
      valid: 3600,
    }));
    this.dhcpd = Array.from({ length: 18 }, (_, i) => ({
      address: `198.18.20.${10 + i}`,
      mac: mac(i, 0x20),
      hostname: `lab-dhcpd-host-${i}`,
      cltt: now - 300 + i,
      valid: 3600,
    }));
    // The lab name server's management lease: 192.0.2.53 / ns1.lab.example is the address and name
    // the demo connects across subsystems (registry glue, zone records, RDAP, BGP peer; README "Search").
    // Outside the lab pools, so their utilization is unchanged.
    this.dhcpd.push({ ...LAB_NS1_LEASE, cltt: now - 120 });
    this.writeFresh();
  }

  private writeFresh(): void {
    for (const [p, text] of [
      [
        this.keaPath,
        `${KEA_V4_COLUMNS.join(",")}\n${this.kea.map((l) => `${keaRow(l, LAB_KEA.subnetId)}\n`).join("")}`,
      ],
      [
        this.dhcpdPath,
        `# The format of this file is documented in the dhcpd.leases(5) manual page.\n# Lab file written by NetOps Console (demo).\n\n${this.dhcpd.map((l) => dhcpdBlock(l, "active")).join("")}`,
      ],
    ] as const) {
      // Write beside and rename: the follower sees a new inode, never a half-written file.
      writeFileSync(`${p}.tmp`, text);
      renameSync(`${p}.tmp`, p);
    }
  }

  /** One step: renew a lease in each file; every 5th step a Kea client releases and another arrives. */
  step(): void {
    const now = this.nowSec();
    this.tick++;
    const k = this.kea[this.tick % this.kea.length];
    if (k) {
      k.cltt = now;
      appendFileSync(this.keaPath, `${keaRow(k, LAB_KEA.subnetId)}\n`);
    }
    if (this.tick % 5 === 0 && this.kea.length > 0) {
      const gone = this.kea.shift() as LabLease;
      appendFileSync(this.keaPath, `${keaRow({ ...gone, cltt: now }, LAB_KEA.subnetId, true)}\n`);
      const n = 10 + ((Number(gone.address.split(".")[3]) - 10 + 60) % 100);
      const fresh = {
        address: `198.18.10.${n}`,
        mac: mac(100 + this.tick, 0x10),
        hostname: `lab-kea-host-${100 + this.tick}`,
        cltt: now,
        valid: 3600,
      };
      this.kea.push(fresh);
      appendFileSync(this.keaPath, `${keaRow(fresh, LAB_KEA.subnetId)}\n`);
    }
    const d = this.dhcpd[this.tick % this.dhcpd.length];
    if (d) {
      d.cltt = now;
      appendFileSync(this.dhcpdPath, dhcpdBlock(d, "active"));
    }
    // Rotation, as Kea's LFC and dhcpd's periodic rewrite do: the followers must cope.
    if (statSync(this.keaPath).size > MAX_FILE_BYTES || statSync(this.dhcpdPath).size > MAX_FILE_BYTES)
      this.writeFresh();
  }
}
