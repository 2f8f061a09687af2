/**
 * The server-side RDAP client: bootstrap → URL → guarded GET (timeouts, retries on 429/503 with
 * Retry-After, per-host concurrency, HTTP cache, checked redirects) → tolerant parse. Every
 * query ends in a result: the parsed response, or one error with a code and a reason.
 */
import {
  type Bootstrap,
  type ParsedRdap,
  QueryError,
  type RdapQuery,
  type SearchOptions,
  pageLinks,
  parseRdapText,
  queryUrl,
  relatedRdapLinks,
} from "@netops/protocols/rdap";
import { type CachedResponse, HttpCache } from "./cache";
import { type RdapErrorCode, RdapFetchError } from "./errors";
import { OutboundGuard, hostOf } from "./guard";
import { type HttpResponse, httpGet } from "./http";
import { HostLimiter, retryAfterMs } from "./limiter";

export interface RdapClientOptions {
  bootstrap: Bootstrap;
  /** Hosts allowed besides those the bootstrap lists (e.g. the lab server, registrars' servers). */
  allowedHosts?: string[];
  /** Hosts allowed to resolve to private or loopback addresses. */
  privateHosts?: string[];
  /** Hosts allowed over plain http. */
  httpHosts?: string[];
  timeoutMs?: number;
  maxBodyBytes?: number;
  maxJsonDepth?: number;
  maxRedirects?: number;
  /** Retries after a 429/503 (so at most 1 + maxRetries requests). */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the query fails as rate-limited. */
  maxRetryWaitMs?: number;
  perHostConcurrency?: number;
  cacheEntries?: number;
  ca?: string | Buffer;
  resolve?: (host: string) => Promise<string[]>;
  /** Told the precise cause of failures a caller sees only as "connection failed" (the server log). */
  onFailure?: (info: { service: string; url: string; detail: string }) => void;
  /** Waits between retries; replaceable so tests do not sleep. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export type RdapResult =
  | {
      ok: true;
      url: string;
      finalUrl: string;
      status: number;
      fromCache: boolean;
      response: ParsedRdap;
      /** The body as received, for a raw view. */
      body: string;
    }
  | { ok: false; url: string; error: { code: RdapErrorCode; message: string; status?: number } };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RETRY = new Set([429, 503]);

export class RdapClient {
  readonly guard: OutboundGuard;
  private readonly cache: HttpCache;
  private readonly limiter: HostLimiter;
  private readonly o: Required<
    Omit<RdapClientOptions, "ca" | "resolve" | "allowedHosts" | "privateHosts" | "httpHosts" | "onFailure">
  > &
    Pick<RdapClientOptions, "ca">;

  /** The responses in the HTTP cache (search and entity pages show cached lookups). */
  cachedResponses(): CachedResponse[] {
    return this.cache.fresh();
  }

  constructor(options: RdapClientOptions) {
    this.o = {
      bootstrap: options.bootstrap,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
      maxJsonDepth: options.maxJsonDepth ?? 64,
      maxRedirects: options.maxRedirects ?? 5,
      maxRetries: options.maxRetries ?? 2,
      maxRetryWaitMs: options.maxRetryWaitMs ?? 30_000,
      perHostConcurrency: options.perHostConcurrency ?? 2,
      cacheEntries: options.cacheEntries ?? 500,
      ca: options.ca,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      now: options.now ?? Date.now,
    };
    this.guard = new OutboundGuard({
      urls: options.bootstrap.urls(),
      allowedHosts: options.allowedHosts ?? [],
      privateHosts: options.privateHosts ?? [],
      httpHosts: options.httpHosts ?? [],
      ca: options.ca,
      ...(options.resolve ? { resolve: options.resolve } : {}),
      ...(options.onFailure ? { onFailure: options.onFailure } : {}),
    });
    this.cache = new HttpCache(this.o.cacheEntries, this.o.now);
    this.limiter = new HostLimiter(this.o.perHostConcurrency);
  }

  /** Looks up or searches: picks the server from the bootstrap, builds the RFC 9082 URL, fetches. */
  async query(q: RdapQuery, options: SearchOptions = {}): Promise<RdapResult> {
    const base = this.o.bootstrap.baseUrls(q);
    if (!base.ok) return { ok: false, url: "", error: { code: "no-server", message: base.reason } };
    let url: string;
    try {
      url = queryUrl(base.urls[0] as string, q, options);
    } catch (e) {
      if (e instanceof QueryError)
        return { ok: false, url: "", error: { code: "bad-query", message: e.message } };
      throw e;
    }
    return this.fetch(url);
  }

  /** Fetches an RDAP URL (a `next` page, a `related` link): same guard and limits as a query. */
  async fetch(url: string): Promise<RdapResult> {
    try {
      return await this.fetchChecked(url);
    } catch (e) {
      if (e instanceof RdapFetchError)
        return {
          ok: false,
          url,
          error: {
            code: e.code,
            message: e.message,
            ...(e.status !== undefined ? { status: e.status } : {}),
          },
        };
      return { ok: false, url, error: { code: "network", message: (e as Error).message } };
    }
  }

  /** The next page of a search (RFC 8977 `paging_metadata` link rel=next), or null at the end. */
  async nextPage(previous: RdapResult): Promise<RdapResult | null> {
    if (!previous.ok) return null;
    const next = pageLinks(previous.response).next;
    return next ? this.fetch(new URL(next, previous.finalUrl).href) : null;
  }

  /** Follows pages until there is no `next` link or `maxPages` pages were read. */
  async *pages(first: RdapResult, maxPages: number): AsyncGenerator<RdapResult> {
    const seen = new Set<string>();
    let page: RdapResult | null = first;
    for (let i = 0; page && i < maxPages; i++) {
      yield page;
      if (!page.ok) return;
      // A server whose next link points back at a page already read would loop forever.
      seen.add(page.finalUrl);
      const next = pageLinks(page.response).next;
      if (!next || seen.has(new URL(next, page.finalUrl).href)) return;
      page = await this.nextPage(page);
    }
  }

  /** Follows the object's `related` links whose type is RDAP JSON (e.g. to the registrar). */
  async related(result: RdapResult, max = 3): Promise<RdapResult[]> {
    if (!result.ok || !result.response.object) return [];
    const urls = relatedRdapLinks(result.response.object)
      .map((u) => new URL(u, result.finalUrl).href)
      .filter((u) => u !== result.finalUrl)
      .slice(0, max);
    return Promise.all(urls.map((u) => this.fetch(u)));
  }

  private async fetchChecked(start: string): Promise<RdapResult> {
    let url: URL;
    try {
      url = new URL(start);
    } catch {
      throw new RdapFetchError("bad-query", `not a URL: ${start}`);
    }
    const visited = new Set<string>();
    for (let hop = 0; ; hop++) {
      if (visited.has(url.href))
        throw new RdapFetchError("redirect-loop", `redirect loop at ${url.href}`, start);
      visited.add(url.href);
      const cached = this.cache.get(url.href);
      if (cached) return this.parsed(start, cached.url, cached.status, cached.body, true);
      const res = await this.getWithRetries(url);
      if (REDIRECTS.has(res.status)) {
        if (hop >= this.o.maxRedirects)
          throw new RdapFetchError("too-many-redirects", `more than ${this.o.maxRedirects} redirects`, start);
        const location = res.headers.location;
        if (!location)
          throw new RdapFetchError("http", `HTTP ${res.status} without a Location`, url.href, res.status);
        const next = new URL(location, url);
        // Checked before the next hop: a redirect cannot take us where a query could not go.
        const refused = this.guard.checkUrl(next);
        if (refused)
          throw new RdapFetchError(
            "guard",
            `redirect to ${next.href} refused: ${refused}`,
            url.href,
            res.status,
          );
        url = next;
        continue;
      }
      if (res.status === 200)
        this.cache.put(url.href, { status: res.status, body: res.body, url: url.href }, res.headers);
      return this.parsed(start, url.href, res.status, res.body, false);
    }
  }

  private async getWithRetries(url: URL): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.limiter.run(hostOf(url), () =>
        httpGet(url, {
          guard: this.guard,
          timeoutMs: this.o.timeoutMs,
          maxBodyBytes: this.o.maxBodyBytes,
        }),
      );
      if (!RETRY.has(res.status)) return res;
      const wait = retryAfterMs(res.headers["retry-after"], this.o.now()) ?? 1000 * 2 ** attempt;
      if (attempt >= this.o.maxRetries)
        throw new RdapFetchError(
          "rate-limited",
          `HTTP ${res.status} after ${attempt + 1} attempts`,
          url.href,
          res.status,
        );
      if (wait > this.o.maxRetryWaitMs)
        throw new RdapFetchError(
          "rate-limited",
          `HTTP ${res.status}: Retry-After of ${Math.ceil(wait / 1000)} s exceeds the ${this.o.maxRetryWaitMs / 1000} s limit`,
          url.href,
          res.status,
        );
      await this.o.sleep(wait);
    }
  }

  private parsed(
    url: string,
    finalUrl: string,
    status: number,
    body: string,
    fromCache: boolean,
  ): RdapResult {
    const r = parseRdapText(body, { json: { maxDepth: this.o.maxJsonDepth }, httpStatus: status });
    if (!r.ok) {
      const code: RdapErrorCode = r.reason.startsWith("JSON nested")
        ? "too-deep"
        : r.reason.startsWith("not JSON") || r.reason === "empty body"
          ? "not-json"
          : "not-rdap";
      // JSON.parse quotes the start of the body: the peer's bytes are not repeated in an error.
      const reason = r.reason.startsWith("not JSON")
        ? `not JSON (${Buffer.byteLength(body)} bytes, not shown)`
        : r.reason;
      const message = status === 200 ? reason : `HTTP ${status}; ${reason}`;
      return { ok: false, url, error: { code: status === 200 ? code : "http", message, status } };
    }
    return { ok: true, url, finalUrl, status, fromCache, response: r.response, body };
  }
}
