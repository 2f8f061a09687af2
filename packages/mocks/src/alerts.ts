/**
 * Mock alerts and silences. The life cycle (acknowledge, unacknowledge, resolve), the list filter,
 * its text search and its keyset paging are the server's own rules from @netops/protocols.
 */
import type { AppRouter, RouterInputs } from "@netops/api";
import {
  ackTransition,
  type AlertCursor,
  afterAlertCursor,
  compareAlerts,
  decodeAlertCursor,
  encodeAlertCursor,
  tallyAlerts,
  type AlertStatePatch,
  alertFilterSchema,
  alertTextMatches,
  pageOfSorted,
  resolveTransition,
  severityRank,
  silencedFilterKeeps,
  silenceInputSchema,
  silenceMatches,
} from "@netops/protocols";
import { type MockBackend, nextCode } from "./backend";
import { invalid } from "./errors";
import type { AlertFixture, SilenceFixture } from "./fixtures";
import type { MockSilence, MockUser } from "./state";
import { mockError, type TrpcResolvers } from "./trpc-msw";

type AlertPaths = Extract<keyof TrpcResolvers<AppRouter>, `alerts.${string}` | `silences.${string}`>;

export interface AlertViews {
  silenceView(s: MockSilence): SilenceFixture;
  /** An alert as read: `silencedBy` from the active silences. */
  view(a: AlertFixture): AlertFixture;
  /** Active alerts for on-call: worst first, then oldest first. */
  active(): AlertFixture[];
}

export function alertViews(b: MockBackend): AlertViews {
  const activeSilences = () => {
    const t = b.iso();
    return b.state.silences.filter((s) => !s.expiredAt && s.startsAt <= t && s.endsAt > t);
  };
  const view = (a: AlertFixture): AlertFixture => ({
    ...a,
    silencedBy:
      a.state === "resolved"
        ? []
        : activeSilences()
            .filter((s) => silenceMatches(s.matchers, a))
            .map((s) => s.id),
  });
  return {
    view,
    silenceView(s) {
      const t = b.iso();
      const st = s.expiredAt || s.endsAt <= t ? "expired" : s.startsAt > t ? "pending" : "active";
      const { expiredAt, ...rest } = s;
      return { ...rest, endsAt: expiredAt && expiredAt < s.endsAt ? expiredAt : s.endsAt, state: st };
    },
    active: () =>
      b.state.alerts
        .filter((a) => a.state !== "resolved")
        .map(view)
        .sort(
          (x, y) =>
            severityRank(x.severity) - severityRank(y.severity) ||
            x.firstSeenAt.localeCompare(y.firstSeenAt) ||
            x.id - y.id,
        ),
  };
}

/** The stored fields of a transition, as the API returns them (ISO times). */
function applyPatch(a: AlertFixture, patch: AlertStatePatch): void {
  if (patch.state === "resolved")
    Object.assign(a, {
      state: "resolved",
      resolvedAt: patch.resolvedAt.toISOString(),
      resolvedBy: patch.resolvedBy,
    });
  else
    Object.assign(a, {
      state: patch.state,
      acknowledgedAt: patch.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: patch.acknowledgedBy,
    });
}

export function createAlertResolvers(
  b: MockBackend,
  v: AlertViews,
): Pick<TrpcResolvers<AppRouter>, AlertPaths> {
  const { state } = b;
  const findAlert = (id: number) => {
    const a = state.alerts.find((x) => x.id === id);
    if (!a) throw mockError("NOT_FOUND", "no such alert");
    return a;
  };
  const addEvent = (alertId: number, kind: string, actor: string | null, note: string | null) => {
    const list = state.events[alertId] ?? [];
    state.events[alertId] = list;
    const id = Math.max(0, ...Object.values(state.events).flatMap((l) => l.map((e) => e.id))) + 1;
    list.push({ id, at: b.iso(), kind, actor, note });
  };
  const setAck = (id: number, user: MockUser, ack: boolean, note?: string) => {
    const a = findAlert(id);
    const t = ackTransition(id, a.state, ack, user.username);
    if (t.kind === "refused") throw mockError("CONFLICT", t.message);
    if (t.kind === "unchanged") return v.view(a);
    b.advance();
    applyPatch(a, t.patch(b.now()));
    addEvent(id, t.change, user.username, note ?? null);
    b.record(user, `alerts.${ack ? "acknowledge" : "unacknowledge"}`, `alert ${id}`);
    b.emit({ type: "alert", alertId: id, state: a.state, change: t.change });
    return v.view(a);
  };

  return {
    "alerts.list": (raw: RouterInputs["alerts"]["list"]) => {
      const parsed = alertFilterSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const f = parsed.data;
      const rows = [...state.alerts]
        .sort(compareAlerts(f.sort, f.order))
        .filter(
          (a) =>
            (!f.state?.length || f.state.includes(a.state)) &&
            (!f.severity?.length || f.severity.includes(a.severity)) &&
            (!f.source?.length || f.source.includes(a.source as never)) &&
            (!f.q || alertTextMatches(a, f.q)),
        )
        .map(v.view)
        .filter((a) => silencedFilterKeeps(f.silenced, a.silencedBy.length > 0));
      // The schema has checked the cursor against the sort.
      const cursor = f.cursor ? (decodeAlertCursor(f.cursor) as AlertCursor) : null;
      return pageOfSorted(rows, f.limit, cursor ? (a) => afterAlertCursor(cursor, a) : null, (a) =>
        encodeAlertCursor(f.sort, f.order, a),
      );
    },
    "alerts.active": () => v.active(),
    "alerts.get": (input) => {
      const a = state.alerts.find((x) => x.id === input.id);
      if (!a) throw mockError("NOT_FOUND", `no alert ${input.id}`);
      return {
        alert: v.view(a),
        events: [...(state.events[a.id] ?? [])].sort((x, y) => x.at.localeCompare(y.at)),
        deliveries: state.deliveries.filter((d) => d.alertId === a.id).sort((x, y) => y.id - x.id),
      };
    },
    "alerts.counts": () => tallyAlerts(v.active()),
    "alerts.acknowledge": (input) => setAck(input.id, b.user(), true, input.note),
    "alerts.unacknowledge": (input) => setAck(input.id, b.user(), false),
    "alerts.resolve": (input) => {
      const user = b.user();
      const a = findAlert(input.id);
      const t = resolveTransition(a.state, user.username);
      if (t.kind !== "change") return v.view(a);
      b.advance();
      applyPatch(a, t.patch(b.now()));
      addEvent(a.id, "resolved", user.username, input.note ?? null);
      b.record(user, "alerts.resolve", `alert ${a.id}`);
      b.emit({ type: "alert", alertId: a.id, state: "resolved", change: "resolved" });
      return v.view(a);
    },
    "alerts.onChange": (_input, ctx) => b.live.changes(ctx.signal),

    "silences.list": (input) => {
      const views = [...state.silences]
        .sort((x, y) => y.createdAt.localeCompare(x.createdAt))
        .map(v.silenceView);
      return input.state ? views.filter((s) => s.state === input.state) : views;
    },
    "silences.create": (input) => {
      const user = b.user();
      const r = silenceInputSchema.safeParse(input);
      if (!r.success) throw invalid(r.error);
      if (new Date(input.endsAt) <= b.now()) throw mockError("BAD_REQUEST", "endsAt: must be in the future");
      b.advance();
      const s: MockSilence = {
        id: nextCode(
          "mock-silence",
          state.silences.map((x) => x.id),
        ),
        matchers: r.data.matchers,
        startsAt: input.startsAt ? new Date(input.startsAt).toISOString() : b.iso(),
        endsAt: new Date(input.endsAt).toISOString(),
        createdBy: user.username,
        comment: input.comment,
        createdAt: b.iso(),
        expiredAt: null,
      };
      state.silences.push(s);
      b.record(user, "silences.create", s.id);
      b.emit({ type: "silence", silenceId: s.id });
      return v.silenceView(s);
    },
    "silences.expire": (input) => {
      const user = b.user();
      const s = state.silences.find((x) => x.id === input.id);
      if (!s) throw mockError("NOT_FOUND", "no such silence");
      b.advance();
      s.expiredAt = b.iso();
      b.record(user, "silences.expire", s.id);
      b.emit({ type: "silence", silenceId: s.id });
      return v.silenceView(s);
    },
    "silences.preview": (input) =>
      v
        .active()
        .filter((a) => silenceMatches(input.matchers, a))
        .map((a) => a.id),
  };
}
