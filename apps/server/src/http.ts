import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import {
  type AppRouter,
  appRouter,
  clientAddress,
  type Context,
  createContext,
  type RequestInfo,
  type Services,
} from "@netops/api";
import type { Cidr } from "@netops/protocols/dhcp";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { roleAtLeast, UNBATCHED_PROCEDURES } from "@netops/protocols";
import type { Metrics } from "./metrics";
import { featureRoutes } from "./feature-routes";
import { createStaticHandler } from "./static";
import { cachedQueries, cacheableQueries, dropsByEvent } from "./cached-queries";
import type { ListCache } from "./list-cache";

export interface HttpOptions {
  services: Services;
  metrics: Metrics;
  webDist: string | null;
  maxBodyBytes: number;
  /** Most calls in one batched tRPC request (server.maxBatchSize). */
  maxBatchSize: number;
  isReady: () => boolean;
  /** server.trustedProxies: whose X-Forwarded-For names the client (see clientAddress). */
  trustedProxies?: readonly Cidr[];
  /** Which replica this is and the work it owns, for /healthz (several replicas behind one balancer). */
  replica?: { id: string; owned(): string[] };
  /** The replica's cache of list answers (list-cache.ts); absent: every query is computed. */
  listCache?: ListCache;
}

const API_PREFIX = "/api/trpc/";

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
} as const;

/** What the request helpers need of their server: its services and trusted proxies. */
interface Scope {
  services: Services;
  proxies: readonly Cidr[];
}

function requestInfo(req: IncomingMessage, res: ServerResponse, { services, proxies }: Scope): RequestInfo {
  const publicOrigin = services.publicOrigin;
  return {
    method: req.method ?? "GET",
    headers: req.headers,
    // Behind a trusted proxy, the address it forwarded (else every login shares the balancer's throttle).
    ip: clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxies),
    // Behind a TLS proxy the socket is plain, but browsers reach us over https.
    secure:
      ("encrypted" in req.socket && Boolean(req.socket.encrypted)) || publicOrigin.startsWith("https://"),
    setCookie(header) {
      const prev = res.getHeader("set-cookie");
      res.setHeader("set-cookie", [...(Array.isArray(prev) ? prev : prev ? [String(prev)] : []), header]);
    },
  };
}

/** An error in the shape tRPC gives its own, so clients read every refusal the same way. */
function jsonError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, data: { code, httpStatus: status } } }));
}

/** One port: the tRPC API under /api/trpc, /healthz, /metrics, and the web app. */
/** Live streams (SSE subscriptions) per server: they never finish, so shutdown ends them. */
const liveStreams = new WeakMap<Server, Set<ServerResponse>>();

/** Ends every live stream of `server`; ordinary requests in flight are left to finish. */
export function endLiveStreams(server: Server): void {
  for (const res of liveStreams.get(server) ?? []) res.destroy();
}

export function createHttpServer(opts: HttpOptions): Server {
  const streams = new Set<ServerResponse>();
  const { services, metrics } = opts;
  const scope: Scope = { services, proxies: opts.trustedProxies ?? [] };
  const contexts = new WeakMap<IncomingMessage, Promise<Context>>();
  const trpc = createHTTPHandler<AppRouter>({
    router: appRouter,
    basePath: API_PREFIX,
    maxBodySize: opts.maxBodyBytes,
    // Also checked (with a more precise message) in `dispatch`; this is tRPC's own guard behind it.
    maxBatchSize: opts.maxBatchSize,
    // The list cache may have resolved the caller already (one session check per request).
    createContext: ({ req, res }) =>
      contexts.get(req) ?? createContext(services, requestInfo(req, res, scope)),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") services.logger.error({ err: error, path }, "api error");
    },
  });
  const cacheable = cacheableQueries(appRouter);
  const cached = opts.listCache ? cachedQueries(opts.listCache, cacheable, metrics.cachedAnswer) : null;
  const serveStatic = createStaticHandler(opts.webDist, (err, file) =>
    services.logger.error({ err, file }, "static file failed"),
  );

  /** Routes one request; may throw or reject, which `lastResort` turns into a 500. */
  function dispatch(req: IncomingMessage, res: ServerResponse): Promise<unknown> | undefined {
    const started = performance.now();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    let url: URL;
    let path: string;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
      path = decodeURIComponent(url.pathname);
    } catch {
      res.on("finish", () => metrics.http.inc({ route: "malformed", status: "400" }));
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end("bad request: the path is not a valid URL (malformed percent-encoding?)\n");
      return;
    }
    const { pathname } = url;
    const route = pathname.startsWith(API_PREFIX)
      ? "api"
      : pathname.startsWith("/api/export/")
        ? "export"
        : pathname === "/healthz" || pathname === "/metrics"
          ? pathname.slice(1)
          : "static";
    let timed = true;
    res.on("finish", () => {
      metrics.http.inc({ route, status: String(res.statusCode) });
      if (timed) metrics.httpSeconds.observe({ route }, (performance.now() - started) / 1000);
    });
    if (path.includes("\0")) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end("bad request: NUL in the path\n");
      return;
    }
    // Answers about accounts and data must never be kept by a browser or proxy cache.
    if (route !== "static") res.setHeader("cache-control", "no-store");
    if (route === "api") {
      // tRPC speaks GET and POST (HEAD: 204); it would fail on others fetch forbids (TRACE) with a 500.
      if (req.method !== "GET" && req.method !== "POST" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, POST, HEAD");
        jsonError(res, 405, "METHOD_NOT_SUPPORTED", `${req.method} is not supported here; use GET or POST`);
        return;
      }
      // tRPC decodes the path before splitting it, so the decoded path is what it will run.
      const procedure = path.slice(API_PREFIX.length);
      const calls = procedure.split(",");
      const alone = calls.length > 1 ? calls.find((c) => UNBATCHED_PROCEDURES.has(c)) : undefined;
      if (alone) {
        jsonError(
          res,
          400,
          "BAD_REQUEST",
          `${alone} must be sent alone, not in a batch of ${calls.length} calls`,
        );
        return;
      }
      if (url.searchParams.get("batch") === "1" && calls.length > opts.maxBatchSize) {
        jsonError(
          res,
          400,
          "BAD_REQUEST",
          `a batch of ${calls.length} calls; at most ${opts.maxBatchSize} per request (server.maxBatchSize)`,
        );
        return;
      }
      if (isSubscription(procedure)) {
        // A stream would answer 200 and put the error inside; refuse an anonymous stream up front.
        timed = false;
        streams.add(res);
        res.once("close", () => streams.delete(res));
        return authenticated(scope, req, res).then((ok) => (ok ? trpc(req, res) : undefined));
      }
      const compute = () => Promise.resolve(trpc(req, res));
      if (req.method === "POST" && opts.listCache) {
        // A change made through this replica may show in any list: none is answered from before it.
        const cache = opts.listCache;
        res.once("finish", () => cache.dropAll());
      }
      const who = async () => {
        const ctx = createContext(services, requestInfo(req, res, scope));
        contexts.set(req, ctx);
        return (await ctx).user;
      };
      return cached?.serve(req, res, calls, who, compute) ?? compute();
    }
    if (route === "healthz") return healthz(services, opts.isReady(), res, opts.replica);
    if (route === "metrics") return serveMetrics(scope, metrics, req, res);
    if (route === "export") return serveFeatureRoute(scope, req, res, pathname);
    if (req.method === "GET" || req.method === "HEAD") {
      serveStatic(req, res, path);
      return;
    }
    res.writeHead(405, { allow: "GET, HEAD" }).end();
  }

  /** Whatever a handler throws is answered (500, nothing about the cause) and logged, never fatal. */
  function lastResort(req: IncomingMessage, res: ServerResponse, err: unknown) {
    services.logger.error({ err, method: req.method, url: req.url }, "request failed");
    try {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
        res.end("internal error\n");
        return;
      }
    } catch {
      // The response itself is broken: fall through and cut the connection.
    }
    // Half an answer must not look like a whole one.
    res.destroy();
  }

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 15_000 }, (req, res) => {
    try {
      dispatch(req, res)?.catch((err) => lastResort(req, res, err));
    } catch (err) {
      lastResort(req, res, err);
    }
  });
  // A request Node cannot parse (bad request line, header, Content-Length, chunking) never reaches
  // `dispatch`: answer it as Node would by default, and count it.
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    // Like Node's own handler: no status line into the middle of an answer already under way
    // (a pipelined request after it); `_httpMessage` is the response Node is writing on this socket.
    const writing = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (err.code === "ECONNRESET" || !socket.writable || writing?.headersSent) {
      socket.destroy();
      return;
    }
    const status =
      err.code === "HPE_HEADER_OVERFLOW"
        ? 431
        : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? 408
          : err.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW"
            ? 413
            : 400;
    metrics.http.inc({ route: "malformed", status: String(status) });
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  // CONNECT is for proxies; without a listener Node would drop the connection without an answer.
  server.on("connect", (_req: IncomingMessage, socket: Socket) => {
    socket.end(
      "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    );
  });
  if (opts.listCache) {
    // Changes made here or (through LISTEN/NOTIFY) on another replica drop the answers showing them.
    const cache = opts.listCache;
    const drops = dropsByEvent(cacheable);
    const off = services.bus.on((e) => cache.drop(drops.get(e.type) ?? []));
    server.once("close", off);
  }
  liveStreams.set(server, streams);
  return server;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  413: "Content Too Large",
  431: "Request Header Fields Too Large",
};

function isSubscription(procedure: string): boolean {
  const proc = (
    appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>
  )[procedure];
  return proc?._def.type === "subscription";
}

async function authenticated(scope: Scope, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const ctx = await createContext(scope.services, requestInfo(req, res, scope));
  if (ctx.user) return true;
  jsonError(res, 401, "UNAUTHORIZED", "log in first");
  return false;
}

/** Feature routes (feature-routes.ts): 404 unless listed, 405 unless GET/HEAD, then 401 / 403 before the handler. */
async function serveFeatureRoute(scope: Scope, req: IncomingMessage, res: ServerResponse, pathname: string) {
  const r = featureRoutes.find((x) => x.path === pathname);
  if (!r) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const { services } = scope;
  const ctx = await createContext(services, requestInfo(req, res, scope));
  if (!ctx.user) {
    jsonError(res, 401, "UNAUTHORIZED", "log in first");
    return;
  }
  if (!roleAtLeast(ctx.user.role, r.role)) {
    jsonError(res, 403, "FORBIDDEN", `this needs the ${r.role} role; you are ${ctx.user.role}`);
    return;
  }
  await r.handle({
    services,
    user: ctx.user,
    ip: clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], scope.proxies),
    url: new URL(req.url ?? "/", "http://localhost"),
    req,
    res,
  });
}

/**
 * Public liveness/readiness: ok / not ok, plus which replica answered and the job names it owns
 * (names only, for the load balancer's operator), so it leaks nothing.
 */
async function healthz(
  services: Services,
  ready: boolean,
  res: ServerResponse,
  replica?: HttpOptions["replica"],
) {
  let db = false;
  try {
    await services.db.$queryRawUnsafe("SELECT 1");
    db = true;
  } catch {
    db = false;
  }
  // Reading is not enough: a full or read-only database answers SELECT 1 but refuses every change.
  const storage = db ? (await services.storage.check()).ok : false;
  const ok = ready && db && storage;
  res.writeHead(ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(
    JSON.stringify({
      status: ok ? "ok" : "unavailable",
      database: db && storage ? "ok" : "failing",
      storage: storage ? "ok" : "unavailable",
      ready,
      ...(replica && { replica: replica.id, owns: replica.owned() }),
    }),
  );
}

/** /metrics needs a login like everything else: Prometheus sends an API token as a Bearer token. */
async function serveMetrics(scope: Scope, metrics: Metrics, req: IncomingMessage, res: ServerResponse) {
  if (!(await authenticated(scope, req, res))) return;
  res.writeHead(200, { "content-type": metrics.registry.contentType });
  res.end(await metrics.registry.metrics());
}
