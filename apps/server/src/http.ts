import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AppRouter, appRouter, createContext, type RequestInfo, type Services } from "@netops/api";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { roleAtLeast } from "@netops/protocols";
import type { Metrics } from "./metrics";
import { featureRoutes } from "./feature-routes";
import { createStaticHandler } from "./static";

export interface HttpOptions {
  services: Services;
  metrics: Metrics;
  webDist: string | null;
  maxBodyBytes: number;
  isReady: () => boolean;
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
} as const;

function requestInfo(req: IncomingMessage, res: ServerResponse, publicOrigin: string): RequestInfo {
  return {
    method: req.method ?? "GET",
    headers: req.headers,
    ip: req.socket.remoteAddress ?? "unknown",
    // Behind a TLS proxy the socket is plain, but browsers reach us over https.
    secure: ("encrypted" in req.socket && Boolean(req.socket.encrypted)) || publicOrigin.startsWith("https://"),
    setCookie(header) {
      const prev = res.getHeader("set-cookie");
      res.setHeader("set-cookie", [...(Array.isArray(prev) ? prev : prev ? [String(prev)] : []), header]);
    },
  };
}

/** One port: the tRPC API under /api/trpc, /healthz, /metrics, and the web app. */
export function createHttpServer(opts: HttpOptions): Server {
  const { services, metrics } = opts;
  const trpc = createHTTPHandler<AppRouter>({
    router: appRouter,
    basePath: "/api/trpc/",
    maxBodySize: opts.maxBodyBytes,
    createContext: ({ req, res }) => createContext(services, requestInfo(req, res, services.publicOrigin)),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") services.logger.error({ err: error, path }, "api error");
    },
  });
  const serveStatic = createStaticHandler(opts.webDist);

  return createServer({ requestTimeout: 60_000, headersTimeout: 15_000 }, (req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    let pathname = "/";
    try {
      pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    } catch {
      res.writeHead(400).end("bad request\n");
      return;
    }
    const route = pathname.startsWith("/api/trpc/")
      ? "api"
      : pathname.startsWith("/api/export/")
        ? "export"
        : pathname === "/healthz" || pathname === "/metrics"
          ? pathname.slice(1)
          : "static";
    res.on("finish", () => metrics.http.inc({ route, status: String(res.statusCode) }));
    const fail = (err: unknown) => {
      services.logger.error({ err, url: req.url }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error\n");
    };
    if (route === "api" && isSubscription(pathname)) {
      // A stream would answer 200 and put the error inside; refuse an anonymous stream up front.
      authenticated(services, req, res)
        .then((ok) => (ok ? trpc(req, res) : undefined))
        .catch(fail);
    } else if (route === "api") {
      Promise.resolve(trpc(req, res)).catch(fail);
    } else if (route === "healthz") {
      healthz(services, opts.isReady(), res).catch(fail);
    } else if (route === "metrics") {
      serveMetrics(services, metrics, req, res).catch(fail);
    } else if (route === "export") {
      serveFeatureRoute(services, req, res, pathname).catch(fail);
    } else if (req.method === "GET" || req.method === "HEAD") {
      serveStatic(req, res, pathname);
    } else {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
    }
  });
}

function isSubscription(pathname: string): boolean {
  const proc = (
    appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>
  )[pathname.slice("/api/trpc/".length)];
  return proc?._def.type === "subscription";
}

async function authenticated(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const ctx = await createContext(services, requestInfo(req, res, services.publicOrigin));
  if (ctx.user) return true;
  res.writeHead(401, { "content-type": "application/json" });
  res.end(
    JSON.stringify({ error: { message: "log in first", data: { code: "UNAUTHORIZED", httpStatus: 401 } } }),
  );
  return false;
}

/** Feature routes (feature-routes.ts): 404 unless listed, 405 unless GET/HEAD, then 401 / 403 before the handler. */
async function serveFeatureRoute(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
) {
  const r = featureRoutes.find((x) => x.path === pathname);
  if (!r) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const ctx = await createContext(services, requestInfo(req, res, services.publicOrigin));
  if (!ctx.user) {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ error: { message: "log in first", data: { code: "UNAUTHORIZED", httpStatus: 401 } } }),
    );
    return;
  }
  if (!roleAtLeast(ctx.user.role, r.role)) {
    res.writeHead(403, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: {
          message: `this needs the ${r.role} role; you are ${ctx.user.role}`,
          data: { code: "FORBIDDEN", httpStatus: 403 },
        },
      }),
    );
    return;
  }
  await r.handle({ services, user: ctx.user, url: new URL(req.url ?? "/", "http://localhost"), req, res });
}

/** Public liveness/readiness: no details beyond ok / not ok, so it leaks nothing. */
async function healthz(services: Services, ready: boolean, res: ServerResponse) {
  let db = false;
  try {
    await services.db.$queryRawUnsafe("SELECT 1");
    db = true;
  } catch {
    db = false;
  }
  const ok = ready && db;
  res.writeHead(ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ status: ok ? "ok" : "unavailable", database: db ? "ok" : "failing", ready }));
}

/** /metrics needs a login like everything else: Prometheus sends an API token as a Bearer token. */
async function serveMetrics(services: Services, metrics: Metrics, req: IncomingMessage, res: ServerResponse) {
  if (!(await authenticated(services, req, res))) return;
  res.writeHead(200, { "content-type": metrics.registry.contentType });
  res.end(await metrics.registry.metrics());
}
