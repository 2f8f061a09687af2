/**
 * Zone checks: fetch a copy (file, https, AXFR), verify its ZONEMD, record the result (a failed
 * check never replaces the last good one), keep a bounded history, and raise or clear the copy's
 * `zonemd` alerts.
 */
import { type AlertInput, alertSourceOf } from "@netops/protocols";
import {
  decodeSoaRdata,
  fromBase64,
  RRType,
  type TsigAlgorithm,
  type TsigKey,
  type ZonemdVerdict,
  type ZoneRecord,
  verifyZonemd,
} from "@netops/protocols/dns";
import { type CheckStatus, type CheckView, FAILED_STATUSES } from "./schemas";
import { replaceRecordTerms } from "./record-index";
import { nsServersOf } from "./servers";
import { FetchError, fetchZoneUrl, readZoneFile, transferZone, type ZoneCopy } from "./sources";
import { TransportError } from "./transport";
import { checkView, describeSource, type DnsDeps, type ZoneRow, zoneRow, zonemdCheckView } from "./views";

// Stored as `zonemd` (webhooks and silence matchers carry it); the subsystem list maps dns to it.
const SOURCE = alertSourceOf("dns");

const HISTORY_KEEP = 500;

function safeSerial(soa: ZoneRecord): number | null {
  try {
    return decodeSoaRdata(soa.rdata).serial;
  } catch {
    return null;
  }
}

export class ZoneChecks {
  private readonly running = new Map<string, Promise<CheckView>>();

  constructor(private readonly d: DnsDeps) {}

  private tsigOf(z: ZoneRow): TsigKey | null {
    if (!z.tsigName || !z.tsigAlgorithm || !z.tsigSecret) return null;
    return {
      name: z.tsigName,
      algorithm: z.tsigAlgorithm as TsigAlgorithm,
      secret: fromBase64(this.d.box.open(z.tsigSecret), "TSIG secret"),
    };
  }

  /** Runs a check now; a check already running for the zone is joined, not repeated. */
  checkNow(id: string, trigger = "manual"): Promise<CheckView> {
    const existing = this.running.get(id);
    if (existing) return existing;
    const p = this.runCheck(id, trigger).finally(() => this.running.delete(id));
    this.running.set(id, p);
    return p;
  }

  private async fetchCopy(z: ZoneRow): Promise<ZoneCopy> {
    const signal = this.d.closing;
    if (z.sourceKind === "file") return readZoneFile(z.source, z.name, this.d.limits);
    if (z.sourceKind === "https")
      return fetchZoneUrl(z.source, z.name, this.d.limits, this.d.fetchFn, signal);
    return transferZone(z.source, z.name, this.tsigOf(z), this.d.limits, this.d.policy, signal);
  }

  private async runCheck(id: string, trigger: string): Promise<CheckView> {
    const z = await zoneRow(this.d.db, id);
    const startedAt = this.d.now();
    const t0 = performance.now();
    let copy: ZoneCopy | null = null;
    let fetchError: string | null = null;
    try {
      copy = await this.fetchCopy(z);
    } catch (e) {
      // Shutting down: nothing was learnt about the zone, so nothing is recorded.
      if (this.d.closing.aborted) throw new Error(`check of ${z.name} cancelled by shutdown`);
      fetchError = e instanceof Error ? e.message : String(e);
      if (e instanceof TransportError && e.detail)
        this.d.logger.warn({ zone: z.name, source: z.source, detail: e.detail }, "zone transfer failed");
      else if (!(e instanceof FetchError) && !/^(Axfr|Transport)Error$/.test((e as Error).name))
        this.d.logger.warn({ err: e, zone: z.name }, "zone fetch failed unexpectedly");
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
    const row = await this.d.db.dnsZoneCheck.create({
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
        zonemd: JSON.stringify((verdict?.checks ?? []).map(zonemdCheckView)),
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
    await this.d.db.dnsZone.update({
      where: { id: z.id },
      data: {
        lastCheckId: row.id,
        ...(accepted && { lastGoodCheckId: row.id }),
        ...(accepted && copy && { nsServers: JSON.stringify(nsServersOf(copy.records, z.name)) }),
        nextCheckAt: new Date(this.d.now().getTime() + z.intervalSeconds * 1000),
      },
    });
    // Search reads the accepted copy's records from their index, not from the zone.
    if (accepted && copy) await replaceRecordTerms(this.d.db, z.id, row.id, copy.records);
    await this.copyAlerts(z, status, reason, serial);
    await this.trimHistory(z.id);
    return checkView(row);
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
      await this.d.alerts.raise({
        source: SOURCE,
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
        source: SOURCE,
        severity: "critical",
        labels: labels("zonemd-failed"),
        summary: `ZONEMD verification failed for ${z.name}${serial !== null ? ` (serial ${serial})` : ""}: ${status.replace("_", " ")}${z.mode === "log-only" ? " (log-only)" : ""}`,
        details: reason,
        links,
      });
    } else if ((status === "no_zonemd" || status === "unsupported_only") && z.expectZonemd) {
      current.push({
        source: SOURCE,
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
    await this.d.alerts.reconcile(SOURCE, { zone: z.name, aspect: "copy" }, current);
  }

  private async trimHistory(zoneId: string): Promise<void> {
    const old = await this.d.db.dnsZoneCheck.findMany({
      where: { zoneId },
      orderBy: { id: "desc" },
      skip: HISTORY_KEEP,
      select: { id: true },
    });
    const zone = await this.d.db.dnsZone.findUnique({
      where: { id: zoneId },
      select: { lastGoodCheckId: true },
    });
    const ids = old.map((o) => o.id).filter((id) => id !== zone?.lastGoodCheckId);
    if (ids.length) await this.d.db.dnsZoneCheck.deleteMany({ where: { id: { in: ids } } });
  }
}
