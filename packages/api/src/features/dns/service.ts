/**
 * The DNS zones registry and its checks: fetch a copy (file, https, AXFR), verify its ZONEMD,
 * record the result, watch the SOA serial on every configured server, and raise or clear
 * `zonemd` alerts. A failed check never replaces the last good result.
 *
 * DnsService is the one class callers see; its parts: zones.ts (the registry), checks.ts (copies
 * and verdicts), servers.ts (SOA polling), upload.ts (ad hoc verification), views.ts.
 */
import type { Db } from "@netops/db";
import type { Logger } from "pino";
import type { AlertService } from "../../services/alerts";
import type { SecretBox } from "../../services/crypto";
import { outboundFetch } from "../../services/outbound/http";
import { OutboundPolicy } from "../../services/outbound/policy";
import { ZoneChecks } from "./checks";
import { type DnsHealth, dnsHealth } from "@netops/protocols/dns";
import type { UploadVerdictView } from "./schemas";
import { ZoneServers } from "./servers";
import type { DnsLimits } from "./sources";
import { verifyUpload } from "./upload";
import type { DnsDeps } from "./views";
import { DnsZones } from "./zones";

export { nsServersOf } from "./servers";

export const DEFAULT_DNS_LIMITS: DnsLimits = {
  zoneDirs: [],
  httpsUrls: [],
  maxZoneBytes: 512 * 1024 * 1024,
  maxRecords: 5_000_000,
  fetchTimeoutSeconds: 300,
};

const SERVER_POLL_MS = 60_000;

/**
 * Where AXFR and SOA queries may go: listed servers (dns.allowedServers, the resolver, the demo's
 * lab servers), or any public address on port 53 (a zone's NS set, a public primary).
 */
export function dnsServerPolicy(limits: DnsLimits): OutboundPolicy {
  const policy = new OutboundPolicy({
    service: "dns",
    configKey: "dns.allowedServers",
    defaultPort: 53,
    allow: limits.allowedServers ?? [],
    publicPorts: [53],
  });
  if (limits.resolver) {
    try {
      policy.allow(limits.resolver);
    } catch {
      // An unusable resolver is reported where it is used (nsSet), not here.
    }
  }
  return policy;
}

export class DnsService {
  private readonly closing = new AbortController();
  /** AXFR/SOA destinations; the server adds its lab servers here in demo mode. */
  readonly policy: OutboundPolicy;
  private readonly db: Db;
  private readonly now: () => Date;
  private readonly zones: DnsZones;
  private readonly checks: ZoneChecks;
  private readonly servers: ZoneServers;

  constructor(
    db: Db,
    alerts: AlertService,
    box: SecretBox,
    logger: Logger,
    readonly limits: DnsLimits = DEFAULT_DNS_LIMITS,
    now: () => Date = () => new Date(),
    fetchFn?: typeof fetch,
  ) {
    this.db = db;
    this.now = now;
    this.policy = dnsServerPolicy(limits);
    // Zone URLs: exactly the listed ones (checked in fetchZoneUrl), on their own host and port.
    const urlPolicy = new OutboundPolicy({
      service: "dns",
      configKey: "dns.httpsUrls",
      defaultPort: 443,
      allow: limits.httpsUrls.map((u) => {
        const url = new URL(u);
        return `${url.hostname}:${url.port || "443"}`;
      }),
    });
    const d: DnsDeps = {
      db,
      alerts,
      box,
      logger,
      limits,
      now,
      policy: this.policy,
      fetchFn:
        fetchFn ??
        outboundFetch({ policy: urlPolicy, onFailure: (i) => logger.warn(i, "zone download failed") }),
      closing: this.closing.signal,
    };
    this.zones = new DnsZones(d);
    this.checks = new ZoneChecks(d);
    this.servers = new ZoneServers(d);
  }

  list() {
    return this.zones.list();
  }
  get(id: string, historyLimit = 200) {
    return this.zones.get(id, historyLimit);
  }
  findByName(name: string) {
    return this.zones.findByName(name);
  }
  create(...a: Parameters<DnsZones["create"]>) {
    return this.zones.create(...a);
  }
  update(...a: Parameters<DnsZones["update"]>) {
    return this.zones.update(...a);
  }
  remove(id: string) {
    return this.zones.remove(id);
  }
  /** Runs a check now; a check already running for the zone is joined, not repeated. */
  checkNow(id: string, trigger = "manual") {
    return this.checks.checkNow(id, trigger);
  }
  /** Asks every configured server for the zone's SOA; tracks and alerts on lagging secondaries. */
  pollServers(id: string) {
    return this.servers.pollServers(id);
  }
  /** Verifies an uploaded zone file, streamed, with a byte cap; nothing is stored. */
  verifyUpload(
    body: AsyncIterable<Uint8Array>,
    maxBytes: number,
    origin?: string,
  ): Promise<UploadVerdictView> {
    return verifyUpload(body, maxBytes, this.limits.maxRecords, origin);
  }

  /** Shutdown: cancels transfers and downloads in flight, so stopping never waits for a slow server. */
  close(): void {
    this.closing.abort();
  }

  /** The scheduler's tick: due checks, then due server polls. Bounded by the number of zones. */
  async runDue(): Promise<void> {
    if (this.closing.signal.aborted) return;
    const now = this.now();
    const due = await this.db.dnsZone.findMany({
      where: { enabled: true, OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }] },
      orderBy: { nextCheckAt: "asc" },
    });
    for (const z of due) {
      try {
        await this.checkNow(z.id, z.lastCheckId === null ? "created" : "schedule");
      } catch (e) {
        // A shutdown cancels the check; that is not a failure of the job.
        if (this.closing.signal.aborted) return;
        throw e;
      }
    }
    const zones = await this.db.dnsZone.findMany({
      where: { enabled: true, OR: [{ NOT: { servers: "[]" } }, { serversFromNs: true }] },
    });
    for (const z of zones) {
      if (this.closing.signal.aborted) return;
      const every = Math.min(SERVER_POLL_MS, z.intervalSeconds * 1000);
      if (!z.serversCheckedAt || now.getTime() - z.serversCheckedAt.getTime() >= every)
        await this.pollServers(z.id);
    }
  }

  /** For the health tile (worded by the protocols rule the mock API uses too). */
  async health(): Promise<DnsHealth> {
    return dnsHealth((await this.list()).map((z) => z.status));
  }
}
