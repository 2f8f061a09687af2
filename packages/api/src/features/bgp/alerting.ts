// Alerts for BGP sessions: one alert per session that is down (info when shut down administratively
// with a communication, warning otherwise), cleared when the session comes back; plus flapping.
import type { AlertOp, AlertService, StagedAlertOps } from "../../services/alerts";
import type { Sql, SqlSteps } from "../../sql";
import type { BgpEventView } from "./schema";
import type { BgpService } from "./service";

export interface BgpAlertOptions {
  /** Events older than this (replayed old logs) are stored but raise nothing. */
  maxAgeMs: number;
  flapWindowMs: number;
  /** Downs within the window that make a session "flapping". */
  flapThreshold: number;
}

export const DEFAULT_BGP_ALERT_OPTIONS: BgpAlertOptions = {
  maxAgeMs: 3_600_000,
  flapWindowMs: 15 * 60_000,
  flapThreshold: 3,
};

/** Session links made lately: a batch names few sessions many times (bounded; cleared when full). */
const links = new Map<string, string>();

function sessionLink(e: { router: string; peer: string }) {
  const key = `${e.router}\0${e.peer}`;
  let href = links.get(key);
  if (href === undefined) {
    href = `/bgp/session?${new URLSearchParams({ router: e.router, peer: e.peer })}`;
    if (links.size >= 10_000) links.clear();
    links.set(key, href);
  }
  return href;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export class BgpAlerting {
  constructor(
    private readonly alerts: AlertService,
    private readonly bgp: BgpService,
    private readonly now: () => Date = () => new Date(),
    private readonly opts: BgpAlertOptions = DEFAULT_BGP_ALERT_OPTIONS,
  ) {}

  async onEvent(e: BgpEventView): Promise<void> {
    await this.onEvents([e]);
  }

  /** A stored batch's events, in order: their raises and clears go to the alert service as one batch. */
  async onEvents(events: readonly BgpEventView[]): Promise<void> {
    const ops = this.opsFor(events);
    if (ops.length) await this.alerts.apply(ops, { results: false });
  }

  /**
   * The same, as steps of the transaction that stores the events (BgpService.ingest), so both
   * commit or neither; the caller publishes once committed.
   */
  stage(engine: Sql["engine"], events: readonly BgpEventView[]): SqlSteps<StagedAlertOps> {
    return this.alerts.stage(engine, this.opsFor(events));
  }

  /** The batch's raises and clears, in event order. */
  private opsFor(events: readonly BgpEventView[]): AlertOp[] {
    const now = this.now().getTime();
    return events.flatMap((e) => this.opFor(e, now) ?? []);
  }

  /** What one event does to its session's alert: raise, clear, or nothing. */
  private opFor(e: BgpEventView, now: number): AlertOp | null {
    if (now - Date.parse(e.at) > this.opts.maxAgeMs) return null;
    const labels = { condition: "session-down", router: e.router, peer: e.peer };
    if (e.kind === "up") return { kind: "clear", source: "bgp", labels, note: `session up again at ${e.at}` };
    // A log's "Down BGP Notification received" line follows its NOTIFICATION line; that line decides.
    if (e.kind === "down" && e.source !== "bmp" && /notification/i.test(e.reason ?? "")) return null;
    if (e.kind === "notification" && e.code !== 6 && e.direction === "unknown") return null;
    const who = `${e.router} ↔ ${e.peer}${e.peerAs !== null ? ` (AS${e.peerAs})` : ""}`;
    const adminWithText =
      e.code === 6 && (e.subcode === 2 || e.subcode === 4) && e.text !== null && e.text !== "";
    const what =
      e.code !== null
        ? `${e.codeName ?? e.code}/${e.subcodeName ?? e.subcode}`
        : (e.reason ?? "no reason given");
    const summary = adminWithText
      ? `BGP session ${who} shut down: "${clip(e.text ?? "", 300)}"`
      : `BGP session ${who} down: ${e.code === 6 && (e.subcode === 2 || e.subcode === 4) ? `${what} without a communication` : what}`;
    const details = [
      `Time: ${e.at}`,
      `Direction: ${e.direction} (${e.source}${e.format ? `, ${e.format}` : ""})`,
      e.code !== null ? `NOTIFICATION: ${e.codeName}/${e.subcodeName} (${e.code}/${e.subcode})` : null,
      e.text !== null ? `Communication (${e.textBytes ?? "?"} octets): ${e.text}` : null,
      e.reason ? `Reason: ${e.reason}` : null,
      e.tickets.length ? `Tickets: ${e.tickets.map((t) => t.ref).join(", ")}` : null,
    ]
      .filter((x): x is string => x !== null)
      .join("\n");
    return {
      kind: "raise",
      input: {
        source: "bgp",
        severity: adminWithText ? "info" : "warning",
        labels,
        summary: clip(summary, 512),
        details,
        links: [
          { label: "Session timeline", href: sessionLink(e) },
          { label: "Event", href: `/bgp/events/${e.id}` },
        ],
      },
    };
  }

  /** Flapping: sessions with flapThreshold or more downs inside the window; cleared when it calms down. */
  async checkFlapping(): Promise<void> {
    const since = new Date(this.now().getTime() - this.opts.flapWindowMs);
    const counts = await this.bgp.downCounts(since);
    const minutes = Math.round(this.opts.flapWindowMs / 60_000);
    const current = counts
      .filter((c) => c.count >= this.opts.flapThreshold)
      .map((c) => {
        const peer = c.session.slice(c.router.length + 1);
        return {
          source: "bgp" as const,
          severity: "warning" as const,
          labels: { condition: "flapping", router: c.router, peer },
          summary: `BGP session ${c.router} ↔ ${peer} is flapping: ${c.count} downs in ${minutes} min`,
          details: `Threshold: ${this.opts.flapThreshold} downs within ${minutes} minutes.`,
          links: [{ label: "Session timeline", href: sessionLink({ router: c.router, peer }) }],
        };
      });
    await this.alerts.reconcile("bgp", { condition: "flapping" }, current);
  }
}
