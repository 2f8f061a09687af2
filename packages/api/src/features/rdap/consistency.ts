/**
 * EPP ↔ RDAP consistency: for each host in the console's EPP host cache, the registry's RDAP
 * nameserver object should show the same addresses and the same statuses (RFC 8056 mapping); for
 * each cached domain, its RDAP domain object the same name servers, statuses and expiry
 * (domain-consistency.ts). A mismatch is a finding and a warning alert per object (labels: check,
 * connection, host or domain), which `reconcile` clears once the two views agree again.
 */
import { isIPv4, isIPv6 } from "node:net";
import type { Domain, Nameserver } from "@netops/protocols/rdap";
import type { AlertInput } from "@netops/protocols";
import {
  type CachedDomain,
  compareDomain,
  type DomainConsistencyFinding,
  type DomainConsistencyKind,
} from "./domain-consistency";
import type { CheckedObject, ConsistencyHistorySink } from "./consistency-history";
import type { RdapService } from "./service";
import { eppToRdapStatus } from "./status-map";

export type ConsistencyKind = "missing-in-rdap" | "address-mismatch" | "status-mismatch" | "rdap-error";

export interface AddressSets {
  v4: string[];
  v6: string[];
}

export type ConsistencyFinding =
  | { kind: "missing-in-rdap"; connectionId: string; host: string; url: string; message: string }
  | {
      kind: "address-mismatch";
      connectionId: string;
      host: string;
      url: string;
      epp: AddressSets;
      rdap: AddressSets;
      message: string;
    }
  | {
      kind: "status-mismatch";
      connectionId: string;
      host: string;
      url: string;
      /** EPP statuses mapped to RDAP values (RFC 8056), sorted. */
      epp: string[];
      rdap: string[];
      message: string;
    }
  | { kind: "rdap-error"; connectionId: string; host: string; url: string; message: string };

export interface ConsistencyReport {
  at: string;
  /** Why nothing was checked (RDAP off or unusable), or null. */
  skipped: string | null;
  /** Hosts compared: in one of their connection's zones, not gone from the registry. */
  checked: number;
  /**
   * Hosts left out: outside the connection's zones (another registry's RDAP server answers for
   * them, and it does not know this registry's host objects).
   */
  outOfZone: number;
  /** Hosts whose RDAP object agrees with the EPP view. */
  consistent: number;
  findings: ConsistencyFinding[];
  /** Domains compared (in their connection's zones, not gone), those that agree, and the findings. */
  domainsChecked: number;
  domainsConsistent: number;
  domainFindings: DomainConsistencyFinding[];
  /** Why this run happened: the job, or an operator's "check now". */
  trigger: "schedule" | "manual";
}

export type { DomainConsistencyFinding, DomainConsistencyKind };

/** What the checker needs of the registry (EPP) service: the host and domain caches, the connections. */
export interface ConsistencyRegistry {
  listConnections(): Promise<{ id: string; name: string; zones: string[] }[]>;
  listDomains(connectionId?: string): Promise<CachedDomain[]>;
  listHosts(f: { connectionId?: string }): Promise<
    {
      connectionId: string;
      connectionName: string;
      name: string;
      statuses: { s: string }[];
      addrs: { ip?: string; address: string }[];
      /** The domain in one of the connection's zones the host is under, or null (external host). */
      superordinate: string | null;
      gone: boolean;
    }[]
  >;
}

export interface ConsistencyAlerts {
  reconcile(source: "rdap", scope: Record<string, string>, current: AlertInput[]): Promise<void>;
}

export { eppToRdapStatus } from "./status-map";

/** Canonical text of an address (IPv6 compressed, lowercase), or the trimmed input if not an IP. */
export function normalizeIp(raw: string): string {
  const a = raw.trim().toLowerCase();
  if (isIPv4(a)) return a;
  if (isIPv6(a)) {
    try {
      return new URL(`http://[${a}]/`).hostname.slice(1, -1);
    } catch {
      return a;
    }
  }
  return a;
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function eppAddresses(addrs: { ip?: string; address: string }[]): AddressSets {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const a of addrs) {
    const n = normalizeIp(a.address);
    if (a.ip === "v6" || (a.ip !== "v4" && isIPv6(n))) v6.push(n);
    else v4.push(n);
  }
  return { v4: sorted(v4), v6: sorted(v6) };
}

function rdapAddresses(ns: Nameserver): AddressSets {
  return {
    v4: sorted((ns.ipAddresses?.v4 ?? []).map(normalizeIp)),
    v6: sorted((ns.ipAddresses?.v6 ?? []).map(normalizeIp)),
  };
}

const show = (s: AddressSets) => [...s.v4, ...s.v6].join(", ") || "none";

/** Compares one host's EPP view with its RDAP nameserver object: zero, one or two findings. */
export function compareHost(
  host: {
    connectionId: string;
    name: string;
    statuses: { s: string }[];
    addrs: { ip?: string; address: string }[];
  },
  ns: Nameserver,
  url: string,
): ConsistencyFinding[] {
  const out: ConsistencyFinding[] = [];
  const base = { connectionId: host.connectionId, host: host.name, url };
  const epp = eppAddresses(host.addrs);
  const rdap = rdapAddresses(ns);
  if (!same(epp.v4, rdap.v4) || !same(epp.v6, rdap.v6))
    out.push({
      kind: "address-mismatch",
      ...base,
      epp,
      rdap,
      message: `addresses differ: EPP ${show(epp)}; RDAP ${show(rdap)}`,
    });
  const es = sorted(host.statuses.map((s) => eppToRdapStatus(s.s)));
  const rs = sorted((ns.status ?? []).map((s) => s.trim().toLowerCase()));
  if (!same(es, rs))
    out.push({
      kind: "status-mismatch",
      ...base,
      epp: es,
      rdap: rs,
      message: `statuses differ: EPP ${es.join(", ") || "none"}; RDAP ${rs.join(", ") || "none"}`,
    });
  return out;
}

const ALERTING: ReadonlySet<ConsistencyKind> = new Set([
  "missing-in-rdap",
  "address-mismatch",
  "status-mismatch",
]);

/** Console path of a host page (apps/web/src/App.tsx: registry/hosts/:connectionId/:name). */
export const hostPage = (connectionId: string, name: string) =>
  `/registry/hosts/${encodeURIComponent(connectionId)}/${encodeURIComponent(name)}`;

function alertFor(connectionName: string, host: string, fs: ConsistencyFinding[]): AlertInput {
  const first = fs[0] as ConsistencyFinding;
  return {
    source: "rdap",
    severity: "warning",
    labels: { check: "consistency", connection: first.connectionId, host },
    summary: `${host}: the registry's RDAP ${first.kind === "missing-in-rdap" ? "has no nameserver object" : "differs from EPP"} (${connectionName})`,
    details: fs.map((f) => `${f.kind}: ${f.message}`).join("\n"),
    links: [
      { label: `Host ${host}`, href: hostPage(first.connectionId, host) },
      { label: "RDAP lookup", href: `/rdap?q=${encodeURIComponent(host)}&type=nameserver` },
    ],
  };
}

/** Console path of the domains page with this domain looked up (registry/types.ts domainHref). */
export const domainPage = (connectionId: string, name: string) =>
  `/registry/domains?conn=${encodeURIComponent(connectionId)}&name=${encodeURIComponent(name)}`;

function domainAlert(connectionName: string, domain: string, fs: DomainConsistencyFinding[]): AlertInput {
  const first = fs[0] as DomainConsistencyFinding;
  return {
    source: "rdap",
    severity: "warning",
    labels: { check: "consistency", connection: first.connectionId, domain },
    summary: `${domain}: the registry's RDAP ${first.kind === "missing-in-rdap" ? "has no domain object" : "differs from EPP"} (${connectionName})`,
    details: fs.map((f) => `${f.kind}: ${f.message}`).join("\n"),
    links: [
      { label: `Domain ${domain}`, href: domainPage(first.connectionId, domain) },
      { label: "RDAP lookup", href: `/rdap?q=${encodeURIComponent(domain)}&type=domain` },
    ],
  };
}

/**
 * Runs the check over every connection's host and domain caches. The report is kept on the RDAP service (for
 * `rdap.consistency`). An RDAP error for a host is a finding, not a mismatch: the host's alert, if
 * any, is kept as it was until the next answer.
 */
export class RdapConsistencyChecker {
  private readonly previous = new Map<string, AlertInput>();

  private readonly now: () => Date;
  /** Where verdict changes are written for the timeline (consistency-history.ts); none in finding-only tests. */
  private readonly history: ConsistencyHistorySink | undefined;

  constructor(
    private readonly rdap: RdapService,
    private readonly registry: ConsistencyRegistry,
    private readonly alerts: ConsistencyAlerts,
    opts: { now?: () => Date; history?: ConsistencyHistorySink } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.history = opts.history;
  }

  private running: Promise<ConsistencyReport> | null = null;

  /** One run at a time: a "check now" during a scheduled run gets that run's report. */
  run(trigger: ConsistencyReport["trigger"] = "schedule"): Promise<ConsistencyReport> {
    this.running ??= this.runOnce(trigger).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runOnce(trigger: ConsistencyReport["trigger"]): Promise<ConsistencyReport> {
    const at = this.now().toISOString();
    const empty = { checked: 0, outOfZone: 0, consistent: 0, findings: [] };
    const none = { domainsChecked: 0, domainsConsistent: 0, domainFindings: [] };
    const usable = this.rdap.usableReason();
    if (usable) {
      const report = { at, skipped: usable, ...empty, ...none, trigger };
      this.rdap.recordConsistency(report);
      return report;
    }
    const findings: ConsistencyFinding[] = [];
    const domainFindings: DomainConsistencyFinding[] = [];
    let checked = 0;
    let consistent = 0;
    let outOfZone = 0;
    let domainsChecked = 0;
    let domainsConsistent = 0;
    for (const conn of await this.registry.listConnections()) {
      const current: AlertInput[] = [];
      const checkedObjects: CheckedObject[] = [];
      const hosts = (await this.registry.listHosts({ connectionId: conn.id })).filter((h) => !h.gone);
      for (const h of hosts) {
        if (h.superordinate === null) {
          outOfZone += 1;
          continue;
        }
        checked += 1;
        const fs = await this.checkHost(h);
        findings.push(...fs);
        checkedObjects.push({
          objectType: "host",
          name: h.name,
          findings: fs,
          addresses: h.addrs.map((a) => a.address),
        });
        if (
          this.track(current, `host\u0000${conn.id}\u0000${h.name}`, fs, () =>
            alertFor(
              conn.name,
              h.name,
              fs.filter((f) => ALERTING.has(f.kind)),
            ),
          )
        )
          consistent += 1;
      }
      const zones = conn.zones.map((z) => z.toLowerCase());
      const domains = (await this.registry.listDomains(conn.id)).filter(
        (d) => !d.gone && zones.some((z) => d.name.endsWith(`.${z}`)),
      );
      for (const d of domains) {
        domainsChecked += 1;
        const fs = await this.checkDomain(d);
        domainFindings.push(...fs);
        checkedObjects.push({ objectType: "domain", name: d.name, findings: fs });
        if (
          this.track(current, `domain\u0000${conn.id}\u0000${d.name}`, fs, () =>
            domainAlert(
              conn.name,
              d.name,
              fs.filter((f) => f.kind !== "rdap-error"),
            ),
          )
        )
          domainsConsistent += 1;
      }
      await this.alerts.reconcile("rdap", { check: "consistency", connection: conn.id }, current);
      await this.history?.record(conn.id, checkedObjects, new Date(at));
    }
    const report = {
      at,
      skipped: null,
      checked,
      outOfZone,
      consistent,
      findings,
      domainsChecked,
      domainsConsistent,
      domainFindings,
      trigger,
    };
    this.rdap.recordConsistency(report);
    return report;
  }

  /**
   * Adds the object's alert to `current`: a new one for mismatches; for an RDAP error only (no
   * answer to compare), the previous alert is kept as it was. Returns true when consistent.
   */
  private track(
    current: AlertInput[],
    key: string,
    fs: { kind: string }[],
    alert: () => AlertInput,
  ): boolean {
    if (fs.some((f) => f.kind !== "rdap-error")) {
      const a = alert();
      this.previous.set(key, a);
      current.push(a);
      return false;
    }
    if (fs.length) {
      const kept = this.previous.get(key);
      if (kept) current.push(kept);
      return false;
    }
    this.previous.delete(key);
    return true;
  }

  /**
   * The registry's RDAP object for one name, or the finding that says why there is none (a 404, an
   * error, an object of another class). One lookup for hosts and domains alike.
   */
  private async lookUp<C extends "domain" | "nameserver">(
    objectClassName: C,
    name: string,
  ): Promise<
    | { obj: Domain | Nameserver; url: string }
    | { failure: { kind: "missing-in-rdap" | "rdap-error"; url: string; message: string } }
  > {
    const { result } = await this.rdap.query({ q: name, type: objectClassName });
    if (!result.ok) {
      const what =
        objectClassName === "domain" ? "domain object for this domain" : "nameserver object for this host";
      return result.error.status === 404
        ? {
            failure: {
              kind: "missing-in-rdap",
              url: result.url,
              message: `the registry's RDAP server has no ${what} (404)`,
            },
          }
        : { failure: { kind: "rdap-error", url: result.url, message: result.error.message } };
    }
    const obj = result.response.object;
    if (obj?.objectClassName !== objectClassName)
      return {
        failure: {
          kind: "rdap-error",
          url: result.finalUrl,
          message: `expected a ${objectClassName} object, got ${obj?.objectClassName ?? result.response.kind}`,
        },
      };
    return { obj: obj as Domain | Nameserver, url: result.finalUrl };
  }

  private async checkDomain(d: CachedDomain): Promise<DomainConsistencyFinding[]> {
    const r = await this.lookUp("domain", d.name);
    if ("failure" in r) return [{ ...r.failure, connectionId: d.connectionId, domain: d.name }];
    return compareDomain(d, r.obj as Domain, r.url);
  }

  private async checkHost(h: Parameters<typeof compareHost>[0]): Promise<ConsistencyFinding[]> {
    const r = await this.lookUp("nameserver", h.name);
    if ("failure" in r) return [{ ...r.failure, connectionId: h.connectionId, host: h.name }];
    return compareHost(h, r.obj as Nameserver, r.url);
  }
}
