/**
 * The DNS zones registry and its checks: fetch a copy (file, https, AXFR), verify its ZONEMD,
 * record the result, watch the SOA serial on every configured server, and raise or clear
 * `zonemd` alerts. A failed check never replaces the last good result.
 */
import { isIP } from "node:net";
import type { Db } from "@netops/db";
import type { AlertInput } from "@netops/protocols";
import {
  bytesToLatin1,
  decodeSoaRdata,
  type TsigKey,
  RRType,
  serialLessThan,
  verifyWireZone,
  verifyZonemd,
  WireZone,
  type ZonemdVerdict,
  ZoneParser,
  type ZoneRecord,
  fromBase64,
  nameFromText,
  nameToText,
  type TsigAlgorithm,
} from "@netops/protocols/dns";
import type { Logger } from "pino";
import type { AlertService } from "../../services/alerts";
import type { SecretBox } from "../../services/crypto";
import { type OutboundFetch, outboundFetch } from "../../services/outbound/http";
import { OutboundPolicy } from "../../services/outbound/policy";
import {
  type CheckStatus,
  type CheckView,
  FAILED_STATUSES,
  type ParseErrorView,
  type ServerConfig,
  type ServerStateView,
  serverSchema,
  type UploadVerdictView,
  type ZonemdCheckView,
  type ZoneView,
  zoneCreateSchema,
  type ZoneCreateInput,
  zoneUpdateSchema,
  type ZoneUpdateInput,
} from "./schemas";
import {
  type DnsLimits,
  FetchError,
  fetchZoneUrl,
  readZoneFile,
  transferZone,
  type ZoneCopy,
} from "./sources";
import { parseServer, querySoa, resolveAddresses, TransportError } from "./transport";

export const DEFAULT_DNS_LIMITS: DnsLimits = {
  zoneDirs: [],
  httpsUrls: [],
  maxZoneBytes: 512 * 1024 * 1024,
  maxRecords: 5_000_000,
  fetchTimeoutSeconds: 300,
};

type ZoneRow = NonNullable<Awaited<ReturnType<Db["dnsZone"]["findFirst"]>>>;
type CheckRow = NonNullable<Awaited<ReturnType<Db["dnsZoneCheck"]["findFirst"]>>>;

/** What is stored per watched server (the view the API returns, as is). */
type ServerState = ServerStateView;

export class DnsError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" | "PAYLOAD_TOO_LARGE",
    message: string,
  ) {
    super(message);
  }
}

function parseJson<T>(s: string, fallback: T): T {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

const HISTORY_KEEP = 500;
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
  private readonly running = new Map<string, Promise<CheckView>>();
  private readonly closing = new AbortController();
  /** AXFR/SOA destinations; the server adds its lab servers here in demo mode. */
  readonly policy: OutboundPolicy;
  private readonly fetchFn: OutboundFetch | typeof fetch;

  constructor(
    private readonly db: Db,
    private readonly alerts: AlertService,
    private readonly box: SecretBox,
    private readonly logger: Logger,
    readonly limits: DnsLimits = DEFAULT_DNS_LIMITS,
    private readonly now: () => Date = () => new Date(),
    fetchFn?: typeof fetch,
  ) {
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
    this.fetchFn =
      fetchFn ??
      outboundFetch({
        policy: urlPolicy,
        onFailure: (i) => this.logger.warn(i, "zone download failed"),
      });
  }

  // ---- views ----

  private checkView(c: CheckRow): CheckView {
    return {
      id: c.id,
      startedAt: c.startedAt.toISOString(),
      durationMs: c.durationMs,
      trigger: c.trigger,
      source: c.source,
      status: c.status as CheckStatus,
      reason: c.reason,
      accepted: c.accepted,
      serial: c.serial === null ? null : Number(c.serial),
      records: c.records,
      bytes: c.bytes,
      zonemd: parseJson<ZonemdCheckView[]>(c.zonemd, []),
      computedDigest: c.computedDigest,
      publishedDigest: c.publishedDigest,
      hashAlgorithm: c.hashAlgorithm,
      errors: parseJson<ParseErrorView[]>(c.errors, []),
      timing: parseJson(c.timing, {}),
    };
  }

  private async zoneView(z: ZoneRow, checks?: Map<number, CheckRow>): Promise<ZoneView> {
    const ids = [z.lastCheckId, z.lastGoodCheckId].filter((x): x is number => x !== null);
    const rows =
      checks ??
      new Map((await this.db.dnsZoneCheck.findMany({ where: { id: { in: ids } } })).map((c) => [c.id, c]));
    const last = z.lastCheckId !== null ? rows.get(z.lastCheckId) : undefined;
    const good = z.lastGoodCheckId !== null ? rows.get(z.lastGoodCheckId) : undefined;
    return {
      id: z.id,
      name: z.name,
      sourceKind: z.sourceKind as ZoneView["sourceKind"],
      source: z.source,
      tsig: z.tsigName && z.tsigAlgorithm ? { name: z.tsigName, algorithm: z.tsigAlgorithm } : null,
      servers: parseJson<ServerConfig[]>(z.servers, []),
      serversFromNs: z.serversFromNs,
      nsServers: parseJson<ServerConfig[]>(z.nsServers, []),
      intervalSeconds: z.intervalSeconds,
      mode: z.mode as ZoneView["mode"],
      expectZonemd: z.expectZonemd,
      enabled: z.enabled,
      createdAt: z.createdAt.toISOString(),
      updatedAt: z.updatedAt.toISOString(),
      status: last ? (last.status as CheckStatus) : "pending",
      lastCheck: last ? this.checkView(last) : null,
      lastGood: good ? this.checkView(good) : null,
      nextCheckAt: z.nextCheckAt?.toISOString() ?? null,
      serverStates: parseJson<ServerStateView[]>(z.serverState, []),
      serversCheckedAt: z.serversCheckedAt?.toISOString() ?? null,
    };
  }

  async list(): Promise<ZoneView[]> {
    const zones = await this.db.dnsZone.findMany({ orderBy: { name: "asc" } });
    const ids = zones
      .flatMap((z) => [z.lastCheckId, z.lastGoodCheckId])
      .filter((x): x is number => x !== null);
    const checks = new Map(
      (await this.db.dnsZoneCheck.findMany({ where: { id: { in: ids } } })).map((c) => [c.id, c]),
    );
    return Promise.all(zones.map((z) => this.zoneView(z, checks)));
  }

  async get(id: string, historyLimit = 200): Promise<{ zone: ZoneView; history: CheckView[] }> {
    const z = await this.db.dnsZone.findUnique({ where: { id } });
    if (!z) throw new DnsError("NOT_FOUND", `no zone with id ${id}`);
    const history = await this.db.dnsZoneCheck.findMany({
      where: { zoneId: id },
      orderBy: { id: "desc" },
      take: historyLimit,
    });
    return { zone: await this.zoneView(z), history: history.map((c) => this.checkView(c)) };
  }

  async findByName(name: string): Promise<ZoneView | null> {
    const z = await this.db.dnsZone.findUnique({ where: { name } });
    return z ? this.zoneView(z) : null;
  }

  // ---- registry ----

  private validateSource(kind: string, source: string): void {
    if (kind === "https") {
      if (!this.limits.httpsUrls.includes(source))
        throw new DnsError(
          "BAD_REQUEST",
          `source: ${source} is not in the configured list of zone URLs (dns.httpsUrls in netops.yaml)`,
        );
    } else if (kind === "axfr") {
      if (!/^(\[[0-9a-fA-F:.]+\]|[^\s:/]+|[0-9a-fA-F:]+)(:\d{1,5})?$/.test(source))
        throw new DnsError("BAD_REQUEST", "source: SERVER[:PORT] for AXFR, e.g. 192.0.2.53:53");
      let addr: { host: string; port: number };
      try {
        addr = parseServer(source);
      } catch (e) {
        throw new DnsError("BAD_REQUEST", `source: ${(e as Error).message}`);
      }
      const refused = this.policy.check(addr.host, addr.port);
      if (refused) throw new DnsError("BAD_REQUEST", `source: ${refused}`);
    } else if (kind === "file") {
      if (this.limits.zoneDirs.length === 0)
        throw new DnsError(
          "BAD_REQUEST",
          "source: no zone folders are configured (dns.zoneDirs in netops.yaml)",
        );
    }
  }

  /** Every watched server must be a destination the policy allows (checked again at each query). */
  private validateServers(servers: readonly ServerConfig[]): void {
    servers.forEach((s, i) => {
      const refused = this.policy.check(s.host, s.port);
      if (refused) throw new DnsError("BAD_REQUEST", `servers.${i}: ${refused}`);
    });
  }

  async create(raw: ZoneCreateInput): Promise<ZoneView> {
    const input = zoneCreateSchema.parse(raw);
    this.validateSource(input.sourceKind, input.source);
    this.validateServers(input.servers);
    if (await this.db.dnsZone.findUnique({ where: { name: input.name } }))
      throw new DnsError("CONFLICT", `name: zone ${input.name} is watched already`);
    const z = await this.db.dnsZone.create({
      data: {
        name: input.name,
        sourceKind: input.sourceKind,
        source: input.source,
        tsigName: input.tsig?.name ?? null,
        tsigAlgorithm: input.tsig?.algorithm ?? null,
        tsigSecret: input.tsig ? this.box.seal(input.tsig.secret) : null,
        servers: JSON.stringify(input.servers),
        serversFromNs: input.serversFromNs,
        intervalSeconds: input.intervalSeconds,
        mode: input.mode,
        expectZonemd: input.expectZonemd,
        enabled: input.enabled,
        nextCheckAt: this.now(),
      },
    });
    return this.zoneView(z);
  }

  async update(raw: ZoneUpdateInput): Promise<{ before: ZoneView; after: ZoneView }> {
    const input = zoneUpdateSchema.parse(raw);
    const row = await this.db.dnsZone.findUnique({ where: { id: input.id } });
    if (!row) throw new DnsError("NOT_FOUND", `no zone with id ${input.id}`);
    const before = await this.zoneView(row);
    const kind = input.sourceKind ?? row.sourceKind;
    const source = input.source ?? row.source;
    if (input.sourceKind !== undefined || input.source !== undefined) this.validateSource(kind, source);
    if (input.servers !== undefined) this.validateServers(input.servers);
    const z = await this.db.dnsZone.update({
      where: { id: input.id },
      data: {
        sourceKind: kind,
        source,
        ...(input.tsig !== undefined && {
          tsigName: input.tsig?.name ?? null,
          tsigAlgorithm: input.tsig?.algorithm ?? null,
          tsigSecret: input.tsig ? this.box.seal(input.tsig.secret) : null,
        }),
        ...(input.servers !== undefined && { servers: JSON.stringify(input.servers) }),
        ...(input.serversFromNs !== undefined && { serversFromNs: input.serversFromNs }),
        ...(input.intervalSeconds !== undefined && { intervalSeconds: input.intervalSeconds }),
        ...(input.mode !== undefined && { mode: input.mode }),
        ...(input.expectZonemd !== undefined && { expectZonemd: input.expectZonemd }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
        nextCheckAt: this.now(),
      },
    });
    return { before, after: await this.zoneView(z) };
  }

  async remove(id: string): Promise<ZoneView> {
    const row = await this.db.dnsZone.findUnique({ where: { id } });
    if (!row) throw new DnsError("NOT_FOUND", `no zone with id ${id}`);
    const view = await this.zoneView(row);
    await this.db.dnsZone.delete({ where: { id } });
    // Its conditions no longer exist.
    await this.alerts.reconcile("zonemd", { zone: row.name }, []);
    return view;
  }

  private tsigOf(z: ZoneRow): TsigKey | null {
    if (!z.tsigName || !z.tsigAlgorithm || !z.tsigSecret) return null;
    return {
      name: z.tsigName,
      algorithm: z.tsigAlgorithm as TsigAlgorithm,
      secret: fromBase64(this.box.open(z.tsigSecret), "TSIG secret"),
    };
  }

  // ---- checks ----

  /** Runs a check now; a check already running for the zone is joined, not repeated. */
  checkNow(id: string, trigger = "manual"): Promise<CheckView> {
    const existing = this.running.get(id);
    if (existing) return existing;
    const p = this.runCheck(id, trigger).finally(() => this.running.delete(id));
    this.running.set(id, p);
    return p;
  }

  private async fetchCopy(z: ZoneRow): Promise<ZoneCopy> {
    const signal = this.closing.signal;
    if (z.sourceKind === "file") return readZoneFile(z.source, z.name, this.limits);
    if (z.sourceKind === "https") return fetchZoneUrl(z.source, z.name, this.limits, this.fetchFn, signal);
    return transferZone(z.source, z.name, this.tsigOf(z), this.limits, this.policy, signal);
  }

  /** Shutdown: cancels transfers and downloads in flight, so stopping never waits for a slow server. */
  close(): void {
    this.closing.abort();
  }

  private async runCheck(id: string, trigger: string): Promise<CheckView> {
    const z = await this.db.dnsZone.findUnique({ where: { id } });
    if (!z) throw new DnsError("NOT_FOUND", `no zone with id ${id}`);
    const startedAt = this.now();
    const t0 = performance.now();
    let copy: ZoneCopy | null = null;
    let fetchError: string | null = null;
    try {
      copy = await this.fetchCopy(z);
    } catch (e) {
      // Shutting down: nothing was learnt about the zone, so nothing is recorded.
      if (this.closing.signal.aborted) throw new Error(`check of ${z.name} cancelled by shutdown`);
      fetchError = e instanceof Error ? e.message : String(e);
      if (e instanceof TransportError && e.detail)
        this.logger.warn({ zone: z.name, source: z.source, detail: e.detail }, "zone transfer failed");
      else if (!(e instanceof FetchError) && !/^(Axfr|Transport)Error$/.test((e as Error).name))
        this.logger.warn({ err: e, zone: z.name }, "zone fetch failed unexpectedly");
    }
    let verdict: ZonemdVerdict | null = null;
    if (copy) {
      verdict = verifyZonemd(copy.records, { origin: z.name, errors: copy.errors, parseMs: 0 });
    }
    const status: CheckStatus = verdict ? verdict.status : "fetch_failed";
    const failed = FAILED_STATUSES.has(status);
    const accepted = verdict !== null && (!failed || z.mode === "log-only");
    const soa = copy ? copy.records.find((r) => r.type === RRType.SOA) : undefined;
    const serial = verdict?.soaSerial ?? (soa ? safeSerial(soa) : null);
    const reason = verdict
      ? failed && !accepted
        ? `${verdict.reason} — copy rejected (enforce mode); the last good result stays`
        : failed
          ? `${verdict.reason} — copy accepted anyway (log-only mode)`
          : verdict.reason
      : `${fetchError} — the last good result stays`;
    const row = await this.db.dnsZoneCheck.create({
      data: {
        zoneId: z.id,
        startedAt,
        durationMs: Math.round(performance.now() - t0),
        trigger,
        source: copy?.label ?? describeSource(z),
        status,
        reason: reason.slice(0, 4000),
        accepted,
        serial: serial === null ? null : BigInt(serial),
        records: copy?.records.length ?? 0,
        bytes: copy?.bytes ?? 0,
        zonemd: JSON.stringify(
          (verdict?.checks ?? []).map((c) => ({
            serial: c.serial,
            scheme: c.scheme,
            hashAlgorithm: c.hashAlgorithm,
            publishedDigest: c.publishedDigest,
            computedDigest: c.computedDigest,
            outcome: c.outcome,
          })),
        ),
        computedDigest: verdict?.computedDigest ?? null,
        publishedDigest: verdict?.publishedDigest ?? null,
        hashAlgorithm: verdict?.hashAlgorithm ?? null,
        errors: JSON.stringify(
          (verdict?.errors ?? [])
            .slice(0, 20)
            .map((e) => ({ file: e.file, line: e.line, column: e.column, reason: e.reason })),
        ),
        timing: JSON.stringify({
          fetchMs: Math.round(copy?.fetchMs ?? 0),
          parseMs: Math.round(verdict?.timing.parseMs ?? 0),
          hashMs: Math.round(verdict?.timing.hashMs ?? 0),
        }),
      },
    });
    await this.db.dnsZone.update({
      where: { id: z.id },
      data: {
        lastCheckId: row.id,
        ...(accepted && { lastGoodCheckId: row.id }),
        ...(accepted && copy && { nsServers: JSON.stringify(nsServersOf(copy.records, z.name)) }),
        nextCheckAt: new Date(this.now().getTime() + z.intervalSeconds * 1000),
      },
    });
    await this.copyAlerts(z, status, reason, serial);
    await this.trimHistory(z.id);
    return this.checkView(row);
  }

  private async copyAlerts(
    z: ZoneRow,
    status: CheckStatus,
    reason: string,
    serial: number | null,
  ): Promise<void> {
    const links = [{ label: `Zone ${z.name}`, href: `/dns/${z.id}` }];
    const labels = (condition: string) => ({ zone: z.name, aspect: "copy", condition });
    if (status === "fetch_failed") {
      // The copy's own conditions are unknown now: keep them as they were, add this one.
      await this.alerts.raise({
        source: "zonemd",
        severity: "warning",
        labels: labels("unfetchable"),
        summary: `Zone ${z.name} cannot be fetched from ${describeSource(z)}`,
        details: reason,
        links,
      });
      return;
    }
    const current: AlertInput[] = [];
    if (FAILED_STATUSES.has(status)) {
      current.push({
        source: "zonemd",
        severity: "critical",
        labels: labels("zonemd-failed"),
        summary: `ZONEMD verification failed for ${z.name}${serial !== null ? ` (serial ${serial})` : ""}: ${status.replace("_", " ")}${z.mode === "log-only" ? " (log-only)" : ""}`,
        details: reason,
        links,
      });
    } else if ((status === "no_zonemd" || status === "unsupported_only") && z.expectZonemd) {
      current.push({
        source: "zonemd",
        severity: "warning",
        labels: labels("zonemd-missing"),
        summary:
          status === "no_zonemd"
            ? `Zone ${z.name} has no ZONEMD record, but one is expected`
            : `Zone ${z.name} has only ZONEMD records of unsupported schemes or hashes`,
        details: reason,
        links,
      });
    }
    await this.alerts.reconcile("zonemd", { zone: z.name, aspect: "copy" }, current);
  }

  private async trimHistory(zoneId: string): Promise<void> {
    const old = await this.db.dnsZoneCheck.findMany({
      where: { zoneId },
      orderBy: { id: "desc" },
      skip: HISTORY_KEEP,
      select: { id: true },
    });
    const zone = await this.db.dnsZone.findUnique({
      where: { id: zoneId },
      select: { lastGoodCheckId: true },
    });
    const ids = old.map((o) => o.id).filter((id) => id !== zone?.lastGoodCheckId);
    if (ids.length) await this.db.dnsZoneCheck.deleteMany({ where: { id: { in: ids } } });
  }

  // ---- servers ----

  /** Asks every configured server for the zone's SOA; tracks and alerts on lagging secondaries. */
  async pollServers(id: string): Promise<ServerStateView[]> {
    const z = await this.db.dnsZone.findUnique({ where: { id } });
    if (!z) throw new DnsError("NOT_FOUND", `no zone with id ${id}`);
    const configured = [
      ...parseJson<unknown[]>(z.servers, []),
      ...(z.serversFromNs ? await this.nsSet(parseJson<unknown[]>(z.nsServers, [])) : []),
    ];
    const seen = new Set<string>();
    const servers = configured.flatMap((s) => {
      const note = (s as { note?: string }).note;
      const r = serverSchema.safeParse(s);
      if (!r.success || seen.has(`${r.data.host}:${r.data.port}`)) return [];
      seen.add(`${r.data.host}:${r.data.port}`);
      return [{ ...r.data, note }];
    });
    const prev = new Map(parseJson<ServerState[]>(z.serverState, []).map((s) => [`${s.host}:${s.port}`, s]));
    const now = this.now();
    const answers = await Promise.all(
      servers.map(async (s) => {
        // An NS name that could not be turned into addresses: say why, do not query anything.
        if (s.note !== undefined) return { s, soa: null, error: s.note };
        try {
          const pinned = await this.policy.pin(s.host, s.port);
          const a = await querySoa({
            host: s.host,
            port: s.port,
            connectTo: pinned.addresses[0]!,
            zone: z.name,
            timeoutMs: 3000,
          });
          return { s, soa: a.soa, error: a.authoritative ? null : "answer is not authoritative" };
        } catch (e) {
          if (e instanceof TransportError && e.detail)
            this.logger.debug(
              { zone: z.name, server: `${s.host}:${s.port}`, detail: e.detail },
              "SOA query failed",
            );
          return { s, soa: null, error: (e as Error).message };
        }
      }),
    );
    // The reference: the newest serial among primaries; with no primary listed, the last copy's.
    let ref: { serial: number; refresh: number; retry: number } | null = null;
    for (const a of answers) {
      if (a.s.role !== "primary" || !a.soa) continue;
      if (!ref || serialLessThan(ref.serial, a.soa.serial)) ref = a.soa;
    }
    if (!ref && z.lastCheckId !== null) {
      const last = await this.db.dnsZoneCheck.findUnique({ where: { id: z.lastCheckId } });
      const any = answers.find((a) => a.soa)?.soa;
      if (last?.serial != null && any)
        ref = { serial: Number(last.serial), refresh: any.refresh, retry: any.retry };
    }
    const states: ServerState[] = answers.map(({ s, soa, error }) => {
      const p = prev.get(`${s.host}:${s.port}`);
      const behind = soa !== null && ref !== null && serialLessThan(soa.serial, ref.serial);
      const behindSince = behind ? (p?.behindSince ?? now.toISOString()) : null;
      const tolerance = ref ? ref.refresh + ref.retry : null;
      const lagging =
        behindSince !== null &&
        tolerance !== null &&
        now.getTime() - Date.parse(behindSince) > tolerance * 1000;
      return {
        label: s.label,
        host: s.host,
        port: s.port,
        role: s.role,
        serial: soa?.serial ?? null,
        error,
        checkedAt: now.toISOString(),
        behindSince,
        toleranceSeconds: tolerance,
        lagging,
      };
    });
    await this.db.dnsZone.update({
      where: { id: z.id },
      data: { serverState: JSON.stringify(states), serversCheckedAt: now },
    });
    const links = [{ label: `Zone ${z.name}`, href: `/dns/${z.id}` }];
    const current: AlertInput[] = [];
    const unresolved = new Set(servers.filter((s) => s.note !== undefined).map((s) => `${s.host}:${s.port}`));
    for (const st of states) {
      const where = `${st.label} (${st.host}:${st.port})`;
      // Unresolved NS names are shown with their reason, not alerted as servers that do not answer.
      if (unresolved.has(`${st.host}:${st.port}`)) continue;
      if (st.serial === null) {
        current.push({
          source: "zonemd",
          severity: "warning",
          labels: { zone: z.name, aspect: "servers", condition: "unreachable", server: st.label },
          summary: `${where} does not answer for ${z.name}`,
          details: st.error ?? "",
          links,
        });
      } else if (st.lagging && ref) {
        current.push({
          source: "zonemd",
          severity: "warning",
          labels: { zone: z.name, aspect: "servers", condition: "lagging", server: st.label },
          summary: `${st.role} ${where} lags for ${z.name}: serial ${st.serial}, primary ${ref.serial}`,
          details: `Behind since ${st.behindSince}, longer than SOA refresh + retry (${st.toleranceSeconds} s).`,
          links,
        });
      }
    }
    await this.alerts.reconcile("zonemd", { zone: z.name, aspect: "servers" }, current);
    // A new serial on a primary means a new copy to verify: check it now rather than at the next interval.
    if (ref && z.lastCheckId !== null && z.sourceKind === "axfr") {
      const last = await this.db.dnsZoneCheck.findUnique({ where: { id: z.lastCheckId } });
      if (last?.serial != null && serialLessThan(Number(last.serial), ref.serial))
        await this.db.dnsZone.update({ where: { id: z.id }, data: { nextCheckAt: now } });
    }
    return states;
  }

  /**
   * The NS set to poll. With `dns.resolver` configured every NS name is resolved through it
   * (how the rest of the world finds the servers); without, the zone's own glue is used and
   * names with no glue get a note instead of a guess (the system resolver is never used).
   */
  private async nsSet(stored: unknown[]): Promise<(ServerConfig & { note?: string })[]> {
    const entries = stored.flatMap((s) => {
      const r = serverSchema.safeParse(s);
      return r.success ? [r.data] : [];
    });
    const resolverText = this.limits.resolver ?? null;
    if (resolverText === null) {
      return entries.map((e) =>
        isIP(e.host) !== 0
          ? e
          : {
              ...e,
              note: `NS set needs a resolver: ${e.host} has no address in the zone (set dns.resolver)`,
            },
      );
    }
    let resolver: { host: string; port: number };
    try {
      resolver = parseServer(resolverText);
    } catch (err) {
      const note = `dns.resolver: ${(err as Error).message}`;
      return entries.map((e) => ({ ...e, note }));
    }
    const names = new Map<string, ServerConfig>();
    for (const e of entries) if (!names.has(e.label)) names.set(e.label, e);
    const out: (ServerConfig & { note?: string })[] = [];
    await Promise.all(
      [...names.values()].map(async (e) => {
        try {
          const pinned = await this.policy.pin(resolver.host, resolver.port);
          const addrs = await resolveAddresses({
            resolver: { ...resolver, connectTo: pinned.addresses[0]! },
            name: e.label,
            timeoutMs: 3000,
          });
          for (const host of addrs.slice(0, 8)) out.push({ ...e, host });
        } catch (err) {
          out.push({ ...e, host: e.label, note: `cannot resolve ${e.label}: ${(err as Error).message}` });
        }
      }),
    );
    // Stable order whatever order the answers came in.
    return out.sort((a, b) => a.label.localeCompare(b.label) || a.host.localeCompare(b.host));
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

  // ---- ad hoc ----

  /** Verifies an uploaded zone file, streamed, with a byte cap; nothing is stored. */
  async verifyUpload(
    body: AsyncIterable<Uint8Array>,
    maxBytes: number,
    origin?: string,
  ): Promise<UploadVerdictView> {
    const t0 = performance.now();
    // Parsed straight into the compact form `netops zonemd verify` uses: one ZONEMD path.
    const zone = new WireZone();
    const parser = new ZoneParser({ file: "upload", latin1: true, sink: zone, ...(origin && { origin }) });
    let bytes = 0;
    for await (const chunk of body) {
      bytes += chunk.length;
      if (bytes > maxBytes)
        throw new DnsError("PAYLOAD_TOO_LARGE", `the zone file is larger than ${maxBytes} bytes`);
      parser.push(bytesToLatin1(chunk));
      if (zone.count > this.limits.maxRecords)
        throw new DnsError("PAYLOAD_TOO_LARGE", `the zone has more than ${this.limits.maxRecords} records`);
    }
    parser.end();
    const v = verifyWireZone(zone, {
      errors: parser.errors,
      parseMs: performance.now() - t0,
      ...(origin && { origin }),
    });
    return {
      status: v.status,
      reason: v.reason,
      origin: v.origin,
      soaSerial: v.soaSerial,
      computedDigest: v.computedDigest,
      publishedDigest: v.publishedDigest,
      hashAlgorithm: v.hashAlgorithm,
      zonemd: v.checks.map((c) => ({
        serial: c.serial,
        scheme: c.scheme,
        hashAlgorithm: c.hashAlgorithm,
        publishedDigest: c.publishedDigest,
        computedDigest: c.computedDigest,
        outcome: c.outcome,
      })),
      records: zone.count,
      bytes,
      errors: v.errors
        .slice(0, 20)
        .map((e) => ({ file: e.file, line: e.line, column: e.column, reason: e.reason })),
      timing: {
        parseMs: Math.round(v.timing.parseMs),
        hashMs: Math.round(v.timing.hashMs),
        totalMs: Math.round(v.timing.totalMs),
      },
    };
  }

  /** For the health tile. */
  async probe(): Promise<{ health: "ok" | "degraded" | "failing" | "not_configured"; summary: string }> {
    const zones = await this.list();
    if (zones.length === 0) return { health: "not_configured", summary: "No zones watched" };
    const failed = zones.filter((z) => FAILED_STATUSES.has(z.status as CheckStatus)).length;
    const unfetchable = zones.filter((z) => z.status === "fetch_failed").length;
    const verified = zones.filter((z) => z.status === "verified").length;
    const parts = [`${verified}/${zones.length} zones verified`];
    if (failed) parts.push(`${failed} failed`);
    if (unfetchable) parts.push(`${unfetchable} unfetchable`);
    return { health: failed ? "failing" : unfetchable ? "degraded" : "ok", summary: parts.join(", ") };
  }
}

/**
 * The zone's own NS set as servers to watch: one entry per address for apex NS targets that
 * have A/AAAA records in the copy (in-zone glue), and one entry whose host is the NS name for
 * targets without (resolved, or flagged, when the servers are polled); port 53; the SOA MNAME
 * is the primary.
 */
export function nsServersOf(records: readonly ZoneRecord[], zoneName: string): ServerConfig[] {
  const apex = nameToText(nameFromText(zoneName.endsWith(".") ? zoneName : `${zoneName}.`));
  const soa = records.find((r) => r.type === RRType.SOA && nameToText(r.owner) === apex);
  let mname: string | null = null;
  try {
    mname = soa ? decodeSoaRdata(soa.rdata).mname.toLowerCase() : null;
  } catch {
    mname = null;
  }
  const targets = records
    .filter((r) => r.type === RRType.NS && nameToText(r.owner) === apex)
    .map((r) => nameToText(r.rdata).toLowerCase());
  const out: ServerConfig[] = [];
  for (const t of [...new Set(targets)]) {
    const before = out.length;
    for (const r of records) {
      if (nameToText(r.owner) !== t || (r.type !== RRType.A && r.type !== RRType.AAAA)) continue;
      const host =
        r.type === RRType.A
          ? [...r.rdata].join(".")
          : Array.from({ length: 8 }, (_, i) =>
              ((r.rdata[2 * i]! << 8) | r.rdata[2 * i + 1]!).toString(16),
            ).join(":");
      out.push({ label: t.replace(/\.$/, ""), host, port: 53, role: t === mname ? "primary" : "secondary" });
      if (out.length >= 20) return out;
    }
    if (out.length === before && t !== ".") {
      out.push({
        label: t.replace(/\.$/, ""),
        host: t.replace(/\.$/, ""),
        port: 53,
        role: t === mname ? "primary" : "secondary",
      });
      if (out.length >= 20) return out;
    }
  }
  return out;
}

function safeSerial(soa: ZoneRecord): number | null {
  try {
    return decodeSoaRdata(soa.rdata).serial;
  } catch {
    return null;
  }
}

function describeSource(z: ZoneRow): string {
  return z.sourceKind === "axfr" ? `axfr ${z.source}` : z.source;
}
