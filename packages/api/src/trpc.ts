import {
  type InputIssue,
  publicErrorMessage,
  type Role,
  redactSecretPaths,
  roleAtLeast,
  type SecretPath,
  secretPaths,
  toInputIssues,
} from "@netops/protocols";
import { type AnyRouter, initTRPC, TRPCError } from "@trpc/server";
import { type ZodType, ZodError } from "zod";
import { type Context, requestHeader } from "./context";
import { DOMAIN_ERROR_CODES, DomainError } from "./errors";
import { PasswordCheckBusyError } from "./services/crypto";
import type { AuditResult } from "./services/audit";
import type { ConsoleEvent } from "./services/bus";
import { describeStorageProblem, storageProblem } from "./services/storage";

/**
 * What a procedure declares about itself: the role it needs (set by viewer/operator/adminProcedure;
 * absent on public ones). The mock API's role table is generated from it (packages/mocks).
 */
export interface ProcedureMeta {
  role?: Role;
  /**
   * A query whose answer depends on its input alone, never on who asks: the HTTP layer may answer
   * it again from the replica's list cache (apps/server/src/list-cache.ts) for up to
   * server.listCacheMs. The change events named here drop its answers at once.
   */
  listCache?: { droppedBy: readonly ConsoleEvent["type"][] };
}

/** A refusal that names its field is shown on that field, like an input validation issue. */
function fieldIssues(e: DomainError): InputIssue[] | null {
  if (!e.field) return null;
  const prefix = `${e.field}: `;
  const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return [{ path: e.field, message, code: "custom" }];
}

const builder = initTRPC.context<Context>().meta<ProcedureMeta>();
const t = builder.create({
  // Clients get the zod issue paths and messages, never a stack trace.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const issues =
      cause instanceof ZodError
        ? toInputIssues(cause.issues)
        : cause instanceof DomainError
          ? fieldIssues(cause)
          : null;
    const message = publicErrorMessage(error.code, issues, shape.message);
    return {
      ...shape,
      message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, issues },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Request count and latency per procedure, for /metrics. */
export type ProcedureObserver = (e: {
  path: string;
  type: string;
  ok: boolean;
  code: string;
  seconds: number;
}) => void;
const observers: ProcedureObserver[] = [];
export function observeProcedures(o: ProcedureObserver): () => void {
  observers.push(o);
  return () => observers.splice(observers.indexOf(o), 1);
}

const observed = t.middleware(async ({ path, type, next, ctx }) => {
  const start = performance.now();
  const res = await next();
  const seconds = (performance.now() - start) / 1000;
  const code = res.ok ? "OK" : res.error.code;
  for (const o of observers) o({ path, type, ok: res.ok, code, seconds });
  if (!res.ok && res.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.services.logger.error({ err: res.error.cause ?? res.error, path }, "procedure failed");
  }
  return res;
});

/**
 * CSRF defence for cookie-authenticated mutations: besides SameSite=Strict, the Origin header
 * must be this console's own origin. Token-authenticated calls carry no ambient credential.
 */
const sameOrigin = t.middleware(({ ctx, type, next }) => {
  if (type !== "mutation" || ctx.user?.via === "token") return next();
  const origin = requestHeader(ctx.req, "origin");
  const host = requestHeader(ctx.req, "host");
  const allowed = new Set([ctx.services.publicOrigin]);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (origin === undefined) {
    // No Origin: not a browser (curl, scripts) — allowed only when no cookie speaks for the caller.
    if (ctx.user)
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "cross-site request refused: Origin header missing",
      });
    return next();
  }
  if (!allowed.has(origin))
    throw new TRPCError({ code: "FORBIDDEN", message: `cross-site request refused: origin ${origin}` });
  return next();
});

/** Where each procedure's input holds secrets (fields marked with `secret()` in its input schema). */
const secretInputs = new Map<string, readonly SecretPath[]>();

/** Reads the secret fields of every procedure's input schema; the app router calls it once. */
export function registerSecretInputs(r: AnyRouter): void {
  const procs = r._def.procedures as Record<string, { _def: { inputs?: unknown[] } }>;
  for (const [path, proc] of Object.entries(procs)) {
    const paths = (proc._def.inputs ?? []).flatMap((i) =>
      i && typeof i === "object" && "_zod" in i ? secretPaths(i as ZodType) : [],
    );
    secretInputs.set(path, paths);
  }
}

/** A procedure's raw input with its secret fields replaced, for the audit trail. */
export function redactInput(path: string, input: unknown): unknown {
  return redactSecretPaths(input, secretInputs.get(path) ?? []);
}

/** The audit entry each request's mutation writes before it runs (keyed by the request's ctx.audit). */
const pendingEntry = new WeakMap<Context["audit"], number>();

/**
 * Every mutation by a logged-in user leaves an audit entry, written BEFORE the change runs: a change
 * whose entry cannot be stored (a full or read-only database) is refused, never made unrecorded.
 * The entry starts as not ok, outcome pending; afterwards it gets the outcome, or the procedure's
 * own detailed entry (see `audit`). Secret input fields are redacted by schema, then by key name.
 */
const audited = t.middleware(async ({ ctx, type, path, next, getRawInput }) => {
  if (type !== "mutation" || !ctx.user) return next();
  const input = redactInput(path, await getRawInput().catch(() => undefined));
  const id = await ctx.services.audit.begin({
    actorId: ctx.user.id,
    actorName: ctx.user.username,
    action: path,
    after: { input, outcome: "pending" },
    ip: ctx.req.ip,
    ok: false,
  });
  ctx.services.storage.noteWriteOk();
  pendingEntry.set(ctx.audit, id);
  const res = await next();
  if (pendingEntry.get(ctx.audit) === id) {
    pendingEntry.delete(ctx.audit);
    await ctx.services.audit
      .finish(id, { ok: res.ok, after: res.ok ? input : { input, error: res.error.code } })
      .catch((err) => ctx.services.logger.error({ err, path, auditId: id }, "audit outcome not written"));
  }
  return res;
});

/**
 * A database that cannot take writes (full, read-only, I/O errors) is a 503 "storage unavailable",
 * not a bare 500; the storage monitor logs it, raises an alert where it can, and /healthz shows it.
 */
const storageUnavailable = t.middleware(async ({ ctx, path, next }) => {
  const res = await next();
  if (res.ok) return res;
  const problem = storageProblem(res.error);
  if (!problem) return res;
  await ctx.services.storage.noteFailure(problem, path).catch(() => {});
  throw new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: `storage unavailable: ${describeStorageProblem(problem)}; nothing was changed`,
    cause: res.error,
  });
});

/** Dotted path of the first string with an unpaired UTF-16 surrogate in `v`, or null (bounded walk). */
export function illFormedStringPath(v: unknown): string | null {
  const stack: [unknown, string][] = [[v, ""]];
  for (let seen = 0; stack.length > 0 && seen < 100_000; seen++) {
    const [x, at] = stack.pop() as [unknown, string];
    if (typeof x === "string") {
      // With the u flag, \p{Cs} matches only lone surrogates (a pair is one astral code point).
      if (/\p{Cs}/u.test(x)) return at;
    } else if (x !== null && typeof x === "object") {
      for (const [k, child] of Object.entries(x)) {
        if (/\p{Cs}/u.test(k)) return at ? `${at}.${k.replace(/\p{Cs}/gu, "\uFFFD")}` : "(a key)";
        stack.push([child, at ? `${at}.${k}` : k]);
      }
    }
  }
  return null;
}

/**
 * Text that is not valid Unicode cannot be stored or searched as UTF-8 (SQLite would fail deep in
 * a query): it is refused at the door with the field that carries it.
 */
const wellFormedInput = t.middleware(async ({ next, getRawInput }) => {
  const at = illFormedStringPath(await getRawInput().catch(() => undefined));
  if (at !== null)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `${at || "input"}: text with an unpaired UTF-16 surrogate (not valid Unicode)`,
    });
  return next();
});

/** A row that vanished between check and change (Prisma P2025) is a 404, not a server fault. */
const missingRowIsNotFound = t.middleware(async ({ next }) => {
  const res = await next();
  if (!res.ok && (res.error.cause as { code?: unknown } | undefined)?.code === "P2025")
    throw new TRPCError({ code: "NOT_FOUND", message: "no such object (it may have just been removed)" });
  return res;
});

/** A service's refusal (errors.ts DomainError) gets its kind's code, the same for every router. */
const domainErrors = t.middleware(async ({ next }) => {
  const res = await next();
  if (!res.ok && res.error.cause instanceof DomainError)
    throw new TRPCError({
      code: DOMAIN_ERROR_CODES[res.error.cause.kind],
      message: res.error.cause.message,
      cause: res.error.cause,
    });
  return res;
});

/** A saturated password checker (services/crypto.ts PasswordGate) is a 429 with the time to wait. */
const busyIsTooMany = t.middleware(async ({ next }) => {
  const res = await next();
  if (!res.ok && res.error.cause instanceof PasswordCheckBusyError)
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: res.error.cause.message });
  return res;
});

export const publicProcedure = t.procedure
  .use(observed)
  .use(storageUnavailable)
  .use(busyIsTooMany)
  .use(missingRowIsNotFound)
  .use(domainErrors)
  .use(wellFormedInput)
  .use(sameOrigin)
  .use(audited);

function requireRole(role: Role) {
  return publicProcedure.meta({ role }).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "log in first" });
    if (!roleAtLeast(ctx.user.role, role)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `this needs the ${role} role; you are ${ctx.user.role}`,
      });
    }
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}

export const viewerProcedure = requireRole("viewer");
export const operatorProcedure = requireRole("operator");
export const adminProcedure = requireRole("admin");

/**
 * Writes the detailed audit entry for a change and marks the request as audited. The first call
 * in a mutation fills in the entry the audit middleware wrote before the change; later ones add
 * entries of their own.
 */
export async function audit(
  ctx: Context,
  action: string,
  target: string | null,
  before: unknown,
  after: unknown,
  /** For a change made elsewhere (EPP, Kea, webhooks): the peer's answer; not ok marks the entry failed. */
  result?: AuditResult,
): Promise<void> {
  ctx.audit.written = true;
  const pending = pendingEntry.get(ctx.audit);
  if (pending !== undefined) {
    pendingEntry.delete(ctx.audit);
    await ctx.services.audit.finish(pending, {
      action,
      target,
      before,
      after,
      ok: true,
      result: result ?? null,
    });
    return;
  }
  await ctx.services.audit.record({
    actorId: ctx.user?.id ?? null,
    actorName: ctx.user?.username ?? "anonymous",
    action,
    target,
    before,
    after,
    ip: ctx.req.ip,
    result: result ?? null,
  });
}
