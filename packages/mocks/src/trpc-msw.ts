/**
 * MSW handlers that speak tRPC v11's HTTP wire format (no transformer, plain JSON), driven by typed
 * resolvers: one per procedure of the router, all required. Adding, removing or changing a procedure
 * in the router therefore breaks the mocks at compile time instead of letting them drift.
 *
 * Wire format (as in @trpc/server's resolveResponse / contentType / sse and @trpc/client's httpUtils):
 * - httpBatchLink query:    GET  <base>/a.b,c.d?batch=1&input={"0":<in>,"1":<in>}  (indices with no input are left out)
 * - httpBatchLink mutation: POST <base>/a.b,c.d?batch=1  body {"0":<in>,"1":<in>}
 * - batch response: JSON array, one entry per path, in order: {"result":{"data":…}} or {"error":<shape>};
 *   HTTP status is the common status of all entries, or 207 when they differ.
 * - httpLink (no batch=1): the input itself (query string `input` or body); response is one object, not an array.
 * - httpSubscriptionLink: GET <base>/a.b?input=<in> (EventSource) answered with text/event-stream:
 *   `event: connected` first, then `data: <json>` per yielded value (with `id: <id>` for a value made by
 *   `trackedEvent`, as the server's `tracked()`), `event: return` when the iterable ends
 *   and `event: serialized-error` with the error shape when it throws. Errors thrown before the stream starts
 *   are sent the same way, after `connected`, with status 200 — as tRPC does.
 */
import type {
  AnyTRPCProcedure,
  AnyTRPCRouter,
  inferProcedureInput,
  inferRouterError,
  inferTransformedProcedureOutput,
  TRPC_ERROR_CODE_KEY,
  TRPC_ERROR_CODE_NUMBER,
} from "@trpc/server";
import { delay, type HttpHandler, http } from "msw";

// ---------------------------------------------------------------------------------------------
// Types: every procedure path of a router, and the resolver each one needs.
// ---------------------------------------------------------------------------------------------

type AnyRecord = { [key: string]: unknown };

/** Union of the dotted paths of every procedure in a router record, e.g. "alerts.list" | "auth.me". */
export type ProcedurePaths<TRecord, TPrefix extends string = ""> = {
  [K in keyof TRecord & string]: TRecord[K] extends AnyTRPCProcedure
    ? `${TPrefix}${K}`
    : TRecord[K] extends AnyRecord
      ? ProcedurePaths<TRecord[K], `${TPrefix}${K}.`>
      : never;
}[keyof TRecord & string];

/** The procedure at a dotted path of a router record. */
export type ProcedureAtPath<TRecord, TPath extends string> = TPath extends `${infer Head}.${infer Rest}`
  ? Head extends keyof TRecord
    ? ProcedureAtPath<TRecord[Head], Rest>
    : never
  : TPath extends keyof TRecord
    ? TRecord[TPath]
    : never;

export type RouterPath<TRouter extends AnyTRPCRouter> = ProcedurePaths<TRouter["_def"]["record"]>;
export type RouterProcedure<TRouter extends AnyTRPCRouter, TPath extends string> = Extract<
  ProcedureAtPath<TRouter["_def"]["record"], TPath>,
  AnyTRPCProcedure
>;

type MaybePromise<T> = T | Promise<T>;

/** What the client receives from a query or mutation (JSON-serialised output, as inferRouterOutputs). */
export type ProcedureResult<
  TRouter extends AnyTRPCRouter,
  TProc extends AnyTRPCProcedure,
> = inferTransformedProcedureOutput<TRouter, TProc>;

/** What one event of a subscription carries. */
export type SubscriptionEvent<TRouter extends AnyTRPCRouter, TProc extends AnyTRPCProcedure> =
  ProcedureResult<TRouter, TProc> extends AsyncIterable<infer T, infer _R, infer _N> ? T : never;

export interface ResolverContext {
  /** The HTTP request (one per batch: several resolvers may share it). */
  request: Request;
  path: string;
  type: "query" | "mutation" | "subscription";
  /** Aborted when the client goes away (subscriptions) or the request is cancelled. */
  signal: AbortSignal;
}

export type ProcedureResolver<
  TRouter extends AnyTRPCRouter,
  TProc extends AnyTRPCProcedure,
> = TProc["_def"]["type"] extends "subscription"
  ? (
      input: inferProcedureInput<TProc>,
      ctx: ResolverContext,
    ) => MaybePromise<AsyncIterable<SubscriptionEvent<TRouter, TProc>>>
  : (
      input: inferProcedureInput<TProc>,
      ctx: ResolverContext,
    ) => MaybePromise<ProcedureResult<TRouter, TProc>>;

/** One resolver per procedure path of the router; every key is required. */
export type TrpcResolvers<TRouter extends AnyTRPCRouter> = {
  [P in RouterPath<TRouter>]: ProcedureResolver<TRouter, RouterProcedure<TRouter, P>>;
};

/** The output type of one procedure as resolvers return it (subscriptions: one event). */
export type ResolverOutput<TRouter extends AnyTRPCRouter, TPath extends RouterPath<TRouter>> = OutputOf<
  TRouter,
  RouterProcedure<TRouter, TPath>
>;
type OutputOf<TRouter extends AnyTRPCRouter, TProc extends AnyTRPCProcedure> = TProc extends {
  _def: { type: "subscription" };
}
  ? SubscriptionEvent<TRouter, TProc>
  : ProcedureResult<TRouter, TProc>;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** JSON-RPC code and HTTP status of every tRPC error code (copied from @trpc/server's rpc/codes and getHTTPStatusCode). */
export const TRPC_ERROR_CODES = {
  PARSE_ERROR: [-32700, 400],
  BAD_REQUEST: [-32600, 400],
  INTERNAL_SERVER_ERROR: [-32603, 500],
  NOT_IMPLEMENTED: [-32603, 501],
  BAD_GATEWAY: [-32603, 502],
  SERVICE_UNAVAILABLE: [-32603, 503],
  GATEWAY_TIMEOUT: [-32603, 504],
  UNAUTHORIZED: [-32001, 401],
  PAYMENT_REQUIRED: [-32002, 402],
  FORBIDDEN: [-32003, 403],
  NOT_FOUND: [-32004, 404],
  METHOD_NOT_SUPPORTED: [-32005, 405],
  TIMEOUT: [-32008, 408],
  CONFLICT: [-32009, 409],
  PRECONDITION_FAILED: [-32012, 412],
  PAYLOAD_TOO_LARGE: [-32013, 413],
  UNSUPPORTED_MEDIA_TYPE: [-32015, 415],
  UNPROCESSABLE_CONTENT: [-32022, 422],
  PRECONDITION_REQUIRED: [-32028, 428],
  TOO_MANY_REQUESTS: [-32029, 429],
  CLIENT_CLOSED_REQUEST: [-32099, 499],
} as const satisfies Record<TRPC_ERROR_CODE_KEY, readonly [TRPC_ERROR_CODE_NUMBER, number]>;

export type TrpcErrorCode = TRPC_ERROR_CODE_KEY;

/** An error a resolver throws to answer with a tRPC error (like TRPCError on the server). */
export class MockTrpcError extends Error {
  override readonly name = "MockTrpcError";
  constructor(
    readonly code: TrpcErrorCode,
    message: string,
    /** Extra fields some error formatters put into `data` (e.g. zod issues). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** `throw mockError("UNAUTHORIZED", "log in first")` from a resolver. */
export function mockError(
  code: TrpcErrorCode,
  message: string,
  extra?: Record<string, unknown>,
): MockTrpcError {
  return new MockTrpcError(code, message, extra);
}

function toMockError(e: unknown): MockTrpcError {
  if (e instanceof MockTrpcError) return e;
  // A TRPCError (or anything shaped like one) keeps its code.
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code in TRPC_ERROR_CODES && e instanceof Error) {
    return new MockTrpcError(code as TrpcErrorCode, e.message);
  }
  return new MockTrpcError("INTERNAL_SERVER_ERROR", e instanceof Error ? e.message : String(e));
}

export interface ErrorFormatterInput {
  error: MockTrpcError;
  path: string | undefined;
  type: ResolverContext["type"] | "unknown";
  input: unknown;
  /** tRPC's default shape (isDev: false): what the server sends when it has no errorFormatter. */
  shape: DefaultErrorShape;
}

export interface DefaultErrorShape {
  message: string;
  code: TRPC_ERROR_CODE_NUMBER;
  data: { code: TrpcErrorCode; httpStatus: number; path?: string };
}

export function defaultErrorShape(error: MockTrpcError, path: string | undefined): DefaultErrorShape {
  const [code, httpStatus] = TRPC_ERROR_CODES[error.code];
  const data: DefaultErrorShape["data"] = { code: error.code, httpStatus };
  if (typeof path === "string") data.path = path;
  return { message: error.message, code, data };
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

export interface TrpcHandlerOptions<TRouter extends AnyTRPCRouter> {
  /** Mirrors the server's errorFormatter; the default is tRPC's default shape. */
  formatError?: (opts: ErrorFormatterInput) => inferRouterError<TRouter>;
  /** Simulated network latency before each response, in ms (default 0). */
  delayMs?: number;
}

type AnyResolver = (input: unknown, ctx: ResolverContext) => unknown;

const JSON_HEADERS = { "content-type": "application/json", vary: "trpc-accept, accept" };
/** The headers tRPC sends with an SSE response (sseHeaders in @trpc/server's stream/sse.ts). */
const SSE_HEADERS = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
  vary: "trpc-accept, accept",
};

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return typeof v === "object" && v !== null && Symbol.asyncIterator in v;
}

/**
 * MSW handlers (GET and POST on `${baseUrl}/:path`) answering tRPC calls with the resolvers.
 * `baseUrl` may be absolute ("http://localhost/api/trpc") or a path ("/api/trpc": any origin).
 */
export function createTrpcHandlers<TRouter extends AnyTRPCRouter>(
  baseUrl: string,
  resolvers: TrpcResolvers<TRouter>,
  options: TrpcHandlerOptions<TRouter> = {},
): HttpHandler[] {
  const base = baseUrl.replace(/\/$/, "");
  const basePath = base.startsWith("/") ? base : new URL(base).pathname;
  const pattern = base.startsWith("/") ? `*${base}/:path` : `${base}/:path`;
  const table = resolvers as unknown as Record<string, AnyResolver | undefined>;

  const format = (
    error: MockTrpcError,
    path: string | undefined,
    type: ErrorFormatterInput["type"],
    input: unknown,
  ) => {
    const shape = defaultErrorShape(error, path);
    return options.formatError ? options.formatError({ error, path, type, input, shape }) : shape;
  };
  const statusOf = (entry: unknown): number => {
    const err = (entry as { error?: { data?: { httpStatus?: unknown }; code?: number } }).error;
    if (!err) return 200;
    if (typeof err.data?.httpStatus === "number") return err.data.httpStatus;
    const byNumber = Object.values(TRPC_ERROR_CODES).find(([n]) => n === err.code);
    return byNumber?.[1] ?? 500;
  };

  const handle = async ({ request }: { request: Request }): Promise<Response> => {
    if (options.delayMs) await delay(options.delayMs);
    const url = new URL(request.url);
    let rawPath: string;
    try {
      rawPath = decodeURIComponent(url.pathname.slice(basePath.length + 1));
    } catch {
      rawPath = "";
    }
    const isBatch = url.searchParams.get("batch") === "1";
    const paths = isBatch ? rawPath.split(",") : [rawPath];
    const wantsSse =
      !isBatch &&
      request.method === "GET" &&
      (request.headers.get("accept") ?? "").includes("text/event-stream");
    const type: ResolverContext["type"] =
      request.method === "POST" ? "mutation" : wantsSse ? "subscription" : "query";

    // Inputs, decoded as jsonContentTypeHandler does.
    let inputs: Record<number, unknown> = {};
    let inputError: MockTrpcError | null = null;
    try {
      // octetInputParser procedures (file uploads): the body stream is the input, as on the server.
      const octet =
        request.method === "POST" &&
        (request.headers.get("content-type") ?? "").startsWith("application/octet-stream");
      const raw = octet
        ? null
        : request.method === "GET"
          ? url.searchParams.get("input")
          : await request.text();
      if (octet) inputs = { 0: request.body ?? new ReadableStream() };
      const parsed: unknown = raw ? JSON.parse(raw) : undefined;
      if (parsed !== undefined) {
        if (!isBatch) inputs = { 0: parsed };
        else if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
          inputs = parsed as Record<number, unknown>;
        else throw new MockTrpcError("BAD_REQUEST", '"input" needs to be an object when doing a batch call');
      }
    } catch (e) {
      inputError = e instanceof MockTrpcError ? e : new MockTrpcError("BAD_REQUEST", (e as Error).message);
    }
    if (type === "subscription") {
      const lastEventId =
        request.headers.get("last-event-id") ??
        url.searchParams.get("lastEventId") ??
        url.searchParams.get("Last-Event-Id");
      if (lastEventId) {
        const i = inputs[0];
        inputs[0] = typeof i === "object" && i !== null ? { ...i, lastEventId } : (i ?? { lastEventId });
      }
    }

    const abort = new AbortController();
    request.signal?.addEventListener("abort", () => abort.abort(), { once: true });

    const call = async (
      path: string,
      index: number,
    ): Promise<[MockTrpcError, undefined] | [null, unknown]> => {
      try {
        if (inputError) throw inputError;
        const resolver = Object.hasOwn(table, path) ? table[path] : undefined;
        if (!resolver) throw new MockTrpcError("NOT_FOUND", `No procedure found on path "${path}"`);
        const data = await resolver(inputs[index], { request, path, type, signal: abort.signal });
        return [null, data];
      } catch (e) {
        return [toMockError(e), undefined];
      }
    };

    if (type === "subscription") {
      const path = paths[0] ?? "";
      const [error, data] = await call(path, 0);
      let iterable: AsyncIterable<unknown>;
      if (error) iterable = failing(error);
      else if (isAsyncIterable(data)) iterable = data;
      else
        iterable = failing(
          new MockTrpcError(
            "INTERNAL_SERVER_ERROR",
            `Subscription ${path} did not return an observable or a AsyncGenerator`,
          ),
        );
      const body = sseStream(iterable, abort, (e) => format(e, path, "subscription", inputs[0]));
      return new Response(body, { status: 200, headers: SSE_HEADERS });
    }

    const results = await Promise.all(paths.map((p, i) => call(p, i)));
    const entries = results.map(([error, data], i) =>
      error ? { error: format(error, paths[i], type, inputs[i]) } : { result: { data } },
    );
    const statuses = new Set(entries.map(statusOf));
    const status = statuses.size === 1 ? (statuses.values().next().value ?? 200) : 207;
    const body = isBatch ? entries : entries[0];
    return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
  };

  return [http.get(pattern, handle), http.post(pattern, handle)];
}

/** An iterable whose first step throws: how tRPC turns an early error into an SSE error event. */
function failing(error: MockTrpcError): AsyncIterable<never> {
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) };
}

const TRACKED = Symbol("tracked");

/** A subscription event with an id, as the server's `tracked(id, data)`: framed with `id:` on the wire. */
export function trackedEvent<T>(id: string, data: T): { id: string; data: T } {
  const e = { id, data };
  Object.defineProperty(e, TRACKED, { value: true });
  return e;
}

function isTracked(v: unknown): v is { id: string; data: unknown } {
  return typeof v === "object" && v !== null && TRACKED in v;
}

/** Server-sent events framed exactly as sseStreamProducer (no ping, no client options). */
function sseStream(
  iterable: AsyncIterable<unknown>,
  abort: AbortController,
  formatError: (e: MockTrpcError) => unknown,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const frame = (fields: { event?: string; data?: string; id?: string }) => {
    let s = "";
    if (fields.event !== undefined) s += `event: ${fields.event}\n`;
    if (fields.data !== undefined) s += `data: ${fields.data}\n`;
    if (fields.id !== undefined) s += `id: ${fields.id}\n`;
    return encoder.encode(`${s}\n\n`);
  };
  let iterator: AsyncIterator<unknown> | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      if (!started) {
        started = true;
        controller.enqueue(frame({ event: "connected", data: JSON.stringify({}) }));
        iterator = iterable[Symbol.asyncIterator]();
        return;
      }
      try {
        const next = await iterator!.next();
        if (abort.signal.aborted) return;
        if (next.done) {
          done = true;
          controller.enqueue(frame({ event: "return", data: "" }));
          controller.close();
          return;
        }
        const v = next.value;
        controller.enqueue(
          isTracked(v)
            ? frame({ id: v.id, data: JSON.stringify(v.data) })
            : frame({ data: JSON.stringify(v) }),
        );
      } catch (e) {
        done = true;
        if (abort.signal.aborted) return;
        controller.enqueue(
          frame({ event: "serialized-error", data: JSON.stringify(formatError(toMockError(e))) }),
        );
        controller.close();
      }
    },
    async cancel() {
      done = true;
      abort.abort();
      await iterator?.return?.();
    },
  });
}
