/**
 * What every group of mock resolvers shares: the store, the clock, the signed-in user, the audit
 * trail, live changes and id helpers.
 */
import { type Role, roleAtLeast } from "@netops/protocols";
import { FIXTURE_BASE_TIME } from "./fixtures";
import type { ChangeEvent, Live } from "./live";
import type { MockState, MockUser } from "./state";
import { mockError } from "./trpc-msw";

export interface MockBackend {
  state: MockState;
  now(): Date;
  iso(): string;
  /** Moves the default clock on by a second (each change has its own time). */
  advance(): void;
  emit(e: ChangeEvent): void;
  live: Live;
  /** The signed-in user, or null. */
  me(): MockUser | null;
  /** The signed-in user of a procedure whose role was checked (roles.ts); UNAUTHORIZED if none. */
  user(): MockUser;
  /** The router's role check: UNAUTHORIZED without a session, FORBIDDEN below `role`. */
  requireRole(role: Role): MockUser;
  record(user: MockUser | null, action: string, target: string | null, ok?: boolean): void;
}

export function createBackend(state: MockState, live: Live, now?: () => Date): MockBackend {
  let tick = 0;
  const clock = now ?? (() => new Date(Date.parse(FIXTURE_BASE_TIME) + tick * 1000));
  const me = () => state.users.find((u) => u.id === state.sessionUserId && !u.disabled) ?? null;
  const requireRole = (role: Role): MockUser => {
    const user = me();
    if (!user) throw mockError("UNAUTHORIZED", "log in first");
    if (!roleAtLeast(user.role, role))
      throw mockError("FORBIDDEN", `this needs the ${role} role; you are ${user.role}`);
    return user;
  };
  const b: MockBackend = {
    state,
    now: clock,
    iso: () => clock().toISOString(),
    advance: () => {
      tick++;
    },
    emit: live.emit,
    live,
    me,
    user: () => requireRole("viewer"),
    requireRole,
    record(user, action, target, ok = true) {
      const id = (state.audit.reduce((m, a) => Math.max(m, a.id), 0) || 0) + 1;
      state.audit.unshift({
        id,
        at: b.iso(),
        actorName: user?.username ?? "anonymous",
        action,
        target,
        before: null,
        after: null,
        ip: "192.0.2.10",
        ok,
        result: null,
      });
    },
  };
  return b;
}

export const nextNumber = (ids: number[]) => Math.max(0, ...ids) + 1;

/** The first free id `${prefix}-0001`, `-0002`, … */
export function nextCode(prefix: string, ids: string[]): string {
  let n = ids.length + 1;
  while (ids.includes(`${prefix}-${String(n).padStart(4, "0")}`)) n++;
  return `${prefix}-${String(n).padStart(4, "0")}`;
}
