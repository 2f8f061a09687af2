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
  alertLinksTo,
  alertObjectHref,
  alertsForObjectSchema,
  type BulkAlertResult,
  bulkAlertActionSchema,
  matchersForAlert,
  silenceAlertsInputSchema,
  silenceEditPlan,
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

  const resolve = (id: number, user: MockUser, note?: string) => {
    const a = findAlert(id);
    const t = resolveTransition(a.state, user.username);
    if (t.kind !== "change") return v.view(a);
    b.advance();
    applyPatch(a, t.patch(b.now()));
    addEvent(a.id, "resolved", user.username, note ?? null);
    b.record(user, "alerts.resolve", `alert ${a.id}`);
    b.emit({ type: "alert", alertId: a.id, state: "resolved", change: "resolved" });
    return v.view(a);
  };
  /** As the server's bulk actions: a refusal is that alert's result, not the batch's. */
  const each = (ids: number[], one: (id: number) => { state: string }): BulkAlertResult[] =>
    ids.map((id) => {
      try {
        return { id, ok: true, state: one(id).state, error: null };
      } catch (e) {
        return { id, ok: false, state: null, error: (e as Error).message };
      }
    });
  const createSilence = (
    user: MockUser,
    input: {
      matchers: MockSilence["matchers"];
      startsAt?: string | undefined;
      endsAt: string;
      comment: string;
    },
  ) => {
    b.advance();
    const s: MockSilence = {
      id: nextCode(
        "mock-silence",
        state.silences.map((x) => x.id),
      ),
      matchers: input.matchers,
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
    return s;
  };
  const mustBeFuture = (endsAt: string) => {
    if (new Date(endsAt) <= b.now()) throw mockError("BAD_REQUEST", "endsAt: must be in the future");
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
    "alerts.resolve": (input) => resolve(input.id, b.user(), input.note),
    "alerts.acknowledgeMany": (input) => {
      const user = b.user();
      const r = bulkAlertActionSchema.safeParse(input);
      if (!r.success) throw invalid(r.error);
      return { results: each(r.data.ids, (id) => setAck(id, user, true, r.data.note)) };
    },
    "alerts.resolveMany": (input) => {
      const user = b.user();
      const r = bulkAlertActionSchema.safeParse(input);
      if (!r.success) throw invalid(r.error);
      return { results: each(r.data.ids, (id) => resolve(id, user, r.data.note)) };
    },
    "alerts.related": (input) => {
      const a = state.alerts.find((x) => x.id === input.id);
      const object = a ? alertObjectHref(a) : null;
      if (!object) return { object, items: [] };
      const items = state.alerts
        .filter((x) => x.id !== input.id && alertObjectHref(x) === object)
        .sort((x, y) => y.id - x.id)
        .slice(0, 20)
        .map(v.view);
      return { object, items };
    },
    "alerts.forObject": (input) => {
      const r = alertsForObjectSchema.safeParse(input);
      if (!r.success) throw invalid(r.error);
      const mine = state.alerts.filter((x) => alertLinksTo(x, r.data.hrefs)).sort((x, y) => y.id - x.id);
      return { items: mine.slice(0, r.data.limit).map(v.view), more: mine.length > r.data.limit };
    },
    "alerts.onChange": (input, ctx) => b.live.changes(ctx.signal, input?.lastEventId),

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
      return v.silenceView(
        createSilence(user, { ...r.data, startsAt: input.startsAt, endsAt: input.endsAt }),
      );
    },
    "silences.update": (input) => {
      const user = b.user();
      const r = silenceInputSchema.safeParse(input);
      if (!r.success) throw invalid(r.error);
      mustBeFuture(r.data.endsAt);
      const s = state.silences.find((x) => x.id === input.id);
      if (!s) throw mockError("NOT_FOUND", `no silence ${input.id}`);
      const before = v.silenceView(s);
      const plan = silenceEditPlan(before, r.data);
      if (plan.kind === "refused") throw mockError("CONFLICT", plan.message);
      if (plan.kind === "replace") {
        b.advance();
        s.expiredAt = b.iso();
        b.emit({ type: "silence", silenceId: s.id });
        const created = createSilence(user, r.data);
        b.record(user, "silences.update", s.id);
        return v.silenceView(created);
      }
      b.advance();
      Object.assign(s, {
        matchers: r.data.matchers,
        ...(r.data.startsAt ? { startsAt: new Date(r.data.startsAt).toISOString() } : {}),
        endsAt: new Date(r.data.endsAt).toISOString(),
        comment: r.data.comment,
      });
      b.record(user, "silences.update", s.id);
      b.emit({ type: "silence", silenceId: s.id });
      return v.silenceView(s);
    },
    "silences.createForAlerts": (input) => {
      const user = b.user();
      const r = silenceAlertsInputSchema.safeParse(input);
      if (!r.success) throw invalid(r.error);
      mustBeFuture(r.data.endsAt);
      const alerts = r.data.ids.map((id) => {
        const a = state.alerts.find((x) => x.id === id);
        if (!a) throw mockError("NOT_FOUND", `no alert ${id}`);
        return a;
      });
      return alerts.map((a) =>
        v.silenceView(
          createSilence(user, {
            matchers: matchersForAlert(a),
            startsAt: r.data.startsAt,
            endsAt: r.data.endsAt,
            comment: r.data.comment,
          }),
        ),
      );
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
