import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyRouter } from "@trpc/server";
import type { ConsoleEvent, ProcedureMeta, Principal } from "@netops/api";
import { type Role, roleAtLeast } from "@netops/protocols";
import type { ListCache } from "./list-cache";

interface Cacheable {
  role: Role;
  droppedBy: readonly ConsoleEvent["type"][];
}

/** The queries of `router` that declare `listCache` (and a role: a public answer is never kept). */
export function cacheableQueries(router: AnyRouter): Map<string, Cacheable> {
  const out = new Map<string, Cacheable>();
  const procs = router._def.procedures as Record<string, { _def: { type: string; meta?: ProcedureMeta } }>;
  for (const [path, p] of Object.entries(procs)) {
    const meta = p._def.meta;
    if (p._def.type === "query" && meta?.listCache && meta.role)
      out.set(path, { role: meta.role, droppedBy: meta.listCache.droppedBy });
  }
  return out;
}

/** Which cached procedures each change event drops. */
export function dropsByEvent(queries: Map<string, Cacheable>): Map<ConsoleEvent["type"], string[]> {
  const out = new Map<ConsoleEvent["type"], string[]>();
  for (const [path, q] of queries) for (const t of q.droppedBy) out.set(t, [...(out.get(t) ?? []), path]);
  return out;
}

/** Whether an Accept-Encoding header takes gzip (RFC 9110 §12.5.3: absent, or q=0, means no). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  // Browsers send one of a few values: read each once (bounded).
  let known = gzipHeaders.get(header);
  if (known === undefined) {
    known = readAcceptEncoding(header);
    if (gzipHeaders.size >= 100) gzipHeaders.clear();
    gzipHeaders.set(header, known);
  }
  return known;
}
const gzipHeaders = new Map<string, boolean>();

function readAcceptEncoding(header: string): boolean {
  for (const part of header.split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding?.trim() !== "gzip" && coding?.trim() !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** How many fills in a row one request waits for before it computes the answer itself. */
const MAX_WAITS = 3;

export interface CachedQueries {
  /**
   * Answers a GET of cacheable queries from the cache, or runs `compute` (tRPC) and keeps its answer.
   * Returns undefined when the request is not one to cache: the caller hands it to tRPC as usual.
   */
  serve(
    req: IncomingMessage,
    res: ServerResponse,
    calls: readonly string[],
    who: () => Promise<Principal | null>,
    compute: () => Promise<unknown>,
  ): Promise<unknown> | undefined;
}

/**
 * `onHit` hears of each answer served from the cache (its procedures, and the seconds since the
 * request came in), so per-procedure metrics count them too.
 */
export function cachedQueries(
  cache: ListCache,
  queries: Map<string, Cacheable>,
  onHit: (procedures: readonly string[], seconds: number) => void = () => {},
): CachedQueries {
  async function run(
    req: IncomingMessage,
    res: ServerResponse,
    calls: readonly string[],
    who: () => Promise<Principal | null>,
    compute: () => Promise<unknown>,
  ): Promise<unknown> {
    // Who may ask is checked on every request; a refusal is tRPC's to word.
    const started = performance.now();
    const user = await who();
    if (!user || calls.some((c) => !roleAtLeast(user.role, (queries.get(c) as Cacheable).role)))
      return compute();
    const key = req.url as string;
    // A fill that a change overtook is not kept: its waiters then wait for the next one (a few
    // times at most) instead of each computing the answer, which in an alert storm would be all.
    for (let waits = 0; ; waits++) {
      const hit = cache.get(key);
      if (hit) {
        const gzip = hit.gzip && acceptsGzip(req.headers["accept-encoding"]) ? hit.gzip : null;
        const body = gzip ?? hit.body;
        res.writeHead(200, {
          "content-type": hit.contentType,
          "content-length": body.length,
          ...(gzip && { "content-encoding": "gzip" }),
          vary: "trpc-accept, accept, accept-encoding",
          "x-netops-cache": "hit",
        });
        res.end(body);
        onHit(calls, (performance.now() - started) / 1000);
        return;
      }
      const pending = waits < MAX_WAITS ? cache.pending(key) : undefined;
      if (!pending) break;
      await pending;
    }
    const fill = cache.begin(key, calls);
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === "string") chunks.push(Buffer.from(chunk, (encoding as BufferEncoding) || "utf8"));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== "function") keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.setHeader("x-netops-cache", "miss");
    const ended = new Promise((r) => {
      res.once("finish", r);
      res.once("close", r);
    });
    try {
      await compute();
      await ended;
      if (res.statusCode === 200 && res.writableEnded)
        fill.store({
          body: Buffer.concat(chunks),
          contentType: String(res.getHeader("content-type") ?? "application/json"),
        });
    } finally {
      fill.done();
    }
  }

  return {
    serve(req, res, calls, who, compute) {
      if (!cache.enabled || req.method !== "GET") return undefined;
      // A streamed (JSON lines) answer is not one body to keep.
      if (req.headers["trpc-accept"] !== undefined) return undefined;
      if (calls.length === 0 || !calls.every((c) => queries.has(c))) return undefined;
      return run(req, res, calls, who, compute);
    },
  };
}
