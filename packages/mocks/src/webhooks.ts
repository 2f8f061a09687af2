/** Mock webhook receivers and their deliveries (webhooks.*). */
import type { AppRouter, RouterInputs } from "@netops/api";
import { type MockBackend, nextCode, nextNumber } from "./backend";
import { invalid } from "./errors";
import type { ReceiverFixture } from "./fixtures";
import type { MockUser } from "./state";
import { mockError, type TrpcResolvers } from "./trpc-msw";

type WebhookPaths = Extract<keyof TrpcResolvers<AppRouter>, `webhooks.${string}`>;

export function createWebhookResolvers(b: MockBackend): Pick<TrpcResolvers<AppRouter>, WebhookPaths> {
  const { state } = b;
  /** Hands the signed-in user to a resolver (its role was checked by roles.ts). */
  const withUser =
    <I, O>(fn: (input: I, user: MockUser) => O) =>
    (input: I) =>
      fn(input, b.user());
  const receiverView = (r: ReceiverFixture): ReceiverFixture => {
    const last = state.deliveries
      .filter((d) => d.receiverId === r.id && (d.status === "delivered" || d.status === "failed"))
      .sort((x, y) => y.id - x.id)[0];
    return {
      ...r,
      lastDelivery: last
        ? { status: last.status, at: last.deliveredAt ?? last.createdAt, error: last.lastError }
        : null,
    };
  };

  return {
    "webhooks.list": withUser(() =>
      [...state.receivers].sort((x, y) => x.name.localeCompare(y.name)).map(receiverView),
    ),
    "webhooks.create": withUser((input: RouterInputs["webhooks"]["create"], user) => {
      if (!input.secret || input.secret.length < 16)
        throw invalid({
          issues: [{ path: ["secret"], message: "at least 16 characters", code: "too_small" }],
        });
      if (!/^https?:\/\//.test(input.url))
        throw invalid({
          issues: [{ path: ["url"], message: "an http:// or https:// URL", code: "invalid_format" }],
        });
      if (state.receivers.some((r) => r.name === input.name.trim()))
        throw mockError("CONFLICT", "name: a receiver with that name exists");
      b.advance();
      const r: ReceiverFixture = {
        id: nextCode(
          "mock-receiver",
          state.receivers.map((x) => x.id),
        ),
        name: input.name.trim(),
        url: input.url,
        minSeverity: input.minSeverity ?? "warning",
        sources: input.sources ?? [],
        sendResolved: input.sendResolved ?? true,
        enabled: true,
        createdAt: b.iso(),
        lastDelivery: null,
        state: "ok",
        failures: 0,
        holdUntil: null,
      };
      state.receivers.push(r);
      b.record(user, "webhooks.create", r.name);
      return receiverView(r);
    }),
    "webhooks.update": withUser((input: RouterInputs["webhooks"]["update"], user) => {
      const r = state.receivers.find((x) => x.id === input.id);
      if (!r) throw mockError("NOT_FOUND", "no such receiver");
      if (input.name !== undefined && state.receivers.some((x) => x.id !== r.id && x.name === input.name))
        throw mockError("CONFLICT", "name: a receiver with that name exists");
      b.advance();
      const { id: _id, secret: _secret, ...patch } = input;
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) Object.assign(r, { [k]: v });
      b.record(user, "webhooks.update", r.name);
      return receiverView(r);
    }),
    "webhooks.remove": withUser((input: RouterInputs["webhooks"]["remove"], user) => {
      const i = state.receivers.findIndex((x) => x.id === input.id);
      if (i < 0) throw mockError("NOT_FOUND", "no such receiver");
      b.advance();
      const [r] = state.receivers.splice(i, 1);
      b.record(user, "webhooks.remove", r?.name ?? null);
      return { ok: true };
    }),
    "webhooks.test": withUser((input: RouterInputs["webhooks"]["test"], user) => {
      const r = state.receivers.find((x) => x.id === input.id);
      if (!r) throw mockError("NOT_FOUND", "no such receiver");
      b.advance();
      const id = nextNumber(state.deliveries.map((d) => d.id));
      state.deliveries.push({
        id,
        receiverId: r.id,
        receiverName: r.name,
        alertId: null,
        event: "test",
        status: "delivered",
        attempts: 1,
        lastStatus: 200,
        lastError: null,
        createdAt: b.iso(),
        nextAttemptAt: b.iso(),
        deliveredAt: b.iso(),
      });
      b.record(user, "webhooks.test", r.name);
      b.emit({ type: "delivery", receiverId: r.id });
      return { deliveryId: id };
    }),
    "webhooks.deliveries": withUser((input: RouterInputs["webhooks"]["deliveries"]) =>
      state.deliveries
        .filter((d) => !input.receiverId || d.receiverId === input.receiverId)
        .sort((x, y) => y.id - x.id)
        .slice(0, input.limit ?? 100),
    ),
  };
}
