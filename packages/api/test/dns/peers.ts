/**
 * Real Debian DNS servers on loopback for the integration tests: Knot DNS as a primary that
 * adds ZONEMD (`zonemd-generate`), NSD as a secondary transferring from it. Each runs in a
 * temp folder on free non-standard ports and is stopped by its PID.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { querySoa } from "../../src/features/dns/transport";

/** A small zone with mixed case, a delegation with glue, SRV, long TXT: what Knot serves in the tests. */
export const LAB_ZONE = `$ORIGIN example.
$TTL 3600
@ IN SOA ns1.example. hostmaster.example. 2024010101 7200 3600 1209600 3600
@ IN NS ns1.example.
@ IN NS NS2.Example.
@ IN A 192.0.2.1
@ IN MX 10 Mail.example.
@ IN TXT "v=spf1 -all"
ns1 IN A 192.0.2.53
ns2 IN AAAA 2001:db8::53
mail IN A 192.0.2.25
WWW IN A 192.0.2.80
alias IN CNAME www.example.
_sip._tcp IN SRV 10 60 5060 sip.example.
sip IN A 192.0.2.60
long IN TXT "${"x".repeat(200)}" "${"y".repeat(200)}"
sub IN NS ns1.sub.example.
sub IN NS ns2.sub.example.
ns1.sub IN A 192.0.2.153
ns2.sub IN AAAA 2001:db8::153
`;

export const TSIG_SECRET = "bmV0b3BzLXRlc3QtdHNpZy1rZXktMzItYnl0ZXMhIQ==";

export function haveBinary(name: string): boolean {
  for (const dir of ["/usr/sbin", "/usr/bin", "/sbin", "/bin"])
    if (existsSync(path.join(dir, name))) return true;
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForSoa(port: number, zone: string, minSerial = 0, tries = 100): Promise<number> {
  let last: unknown = null;
  for (let i = 0; i < tries; i++) {
    try {
      const a = await querySoa({ host: "127.0.0.1", port, zone, timeoutMs: 300 });
      if (a.soa.serial >= minSerial) return a.soa.serial;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} never served ${zone}: ${String(last)}`);
}

export interface Peer {
  port: number;
  dir: string;
  proc: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

function stopper(proc: ChildProcess, dir: string) {
  return async () => {
    if (proc.exitCode === null && proc.pid) {
      const done = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 5000);
      await done;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

export interface KnotZone {
  name: string;
  text: string;
  /** Only TSIG-signed transfers allowed. */
  tsigOnly?: boolean;
  zonemd?: "zonemd-sha384" | "zonemd-sha512" | "none";
}

export async function startKnot(zones: KnotZone[], opts: { notify?: number } = {}): Promise<Peer> {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-knot-"));
  const port = await freePort();
  for (const d of ["run", "db", "zones"]) mkdirSync(path.join(dir, d));
  for (const z of zones) writeFileSync(path.join(dir, "zones", `${z.name}zone`), z.text);
  const conf = `server:
    rundir: "${dir}/run"
    listen: 127.0.0.1@${port}
    tcp-io-timeout: 0
log:
  - target: ${dir}/knotd.log
    any: info
database:
    storage: "${dir}/db"
key:
  - id: xfr-key
    algorithm: hmac-sha256
    secret: ${TSIG_SECRET}
acl:
  - id: local_xfr
    address: [127.0.0.0/8]
    action: transfer
  - id: tsig_xfr
    key: xfr-key
    action: transfer
${opts.notify ? `remote:\n  - id: secondary\n    address: 127.0.0.1@${opts.notify}\n` : ""}template:
  - id: default
    storage: "${dir}/zones"
    file: "%s.zone"
    zonefile-sync: -1
    zonefile-load: difference-no-serial
    journal-content: all
zone:
${zones
  .map(
    (z) => `  - domain: ${z.name}
    acl: ${z.tsigOnly ? "tsig_xfr" : "[local_xfr, tsig_xfr]"}
    zonemd-generate: ${z.zonemd ?? "zonemd-sha384"}
    serial-policy: increment${opts.notify ? "\n    notify: secondary" : ""}`,
  )
  .join("\n")}
`;
  // Knot's file names are "<zone>.zone" with the trailing dot kept: "example..zone" → fix names.
  for (const z of zones) {
    const from = path.join(dir, "zones", `${z.name}zone`);
    const to = path.join(dir, "zones", `${z.name.replace(/\.$/, "")}.zone`);
    if (from !== to) {
      writeFileSync(to, readFileSync(from));
      rmSync(from);
    }
  }
  writeFileSync(path.join(dir, "knot.conf"), conf);
  const proc = spawn("knotd", ["-c", path.join(dir, "knot.conf")], { stdio: "ignore" });
  const peer: Peer = {
    port,
    dir,
    proc,
    log: () =>
      existsSync(path.join(dir, "knotd.log")) ? readFileSync(path.join(dir, "knotd.log"), "utf8") : "",
    stop: stopper(proc, dir),
  };
  try {
    for (const z of zones) await waitForSoa(port, z.name);
  } catch (err) {
    const log = peer.log();
    await peer.stop();
    throw new Error(`${(err as Error).message}\n${log}`);
  }
  return peer;
}

/** Runs knotc against a started Knot (e.g. to change a record and make it re-sign). */
export function knotc(peer: Peer, ...args: string[]): string {
  return execFileSync("knotc", ["-c", path.join(peer.dir, "knot.conf"), ...args], { encoding: "utf8" });
}

/** NSD as a secondary of `primaryPort` for `zone`, on its own port. */
export async function startNsd(zone: string, primaryPort: number, port?: number): Promise<Peer> {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-nsd-"));
  const p = port ?? (await freePort());
  const conf = `server:
    ip-address: 127.0.0.1@${p}
    username: ""
    chroot: ""
    database: ""
    zonesdir: "${dir}"
    zonelistfile: "${dir}/zone.list"
    xfrdfile: "${dir}/xfrd.state"
    xfrdir: "${dir}"
    pidfile: "${dir}/nsd.pid"
    logfile: "${dir}/nsd.log"
    verbosity: 2
    server-count: 1
remote-control:
    control-enable: no
zone:
    name: "${zone}"
    zonefile: "secondary.zone"
    allow-notify: 127.0.0.1 NOKEY
    request-xfr: AXFR 127.0.0.1@${primaryPort} NOKEY
    provide-xfr: 127.0.0.0/8 NOKEY
`;
  writeFileSync(path.join(dir, "nsd.conf"), conf);
  const proc = spawn("nsd", ["-d", "-c", path.join(dir, "nsd.conf")], { stdio: "ignore" });
  const peer: Peer = {
    port: p,
    dir,
    proc,
    log: () => (existsSync(path.join(dir, "nsd.log")) ? readFileSync(path.join(dir, "nsd.log"), "utf8") : ""),
    stop: stopper(proc, dir),
  };
  try {
    await waitForSoa(p, zone);
  } catch (err) {
    const log = peer.log();
    await peer.stop();
    throw new Error(`${(err as Error).message}\n${log}`);
  }
  return peer;
}

export { waitForSoa };
