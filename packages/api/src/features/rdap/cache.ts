/**
 * A small shared HTTP cache for RDAP GETs, honouring Cache-Control (RFC 9111): max-age and
 * s-maxage set freshness, Age is subtracted, no-store/no-cache/private are not reused. Bounded (LRU).
 */
import type { IncomingHttpHeaders } from "node:http";

export interface CachedResponse {
  status: number;
  body: string;
  url: string;
}

interface Entry {
  value: CachedResponse;
  expires: number;
}

export function freshnessMs(headers: IncomingHttpHeaders): number {
  const cc = String(headers["cache-control"] ?? "").toLowerCase();
  const directives = new Map<string, string>();
  for (const part of cc.split(",")) {
    const [k, v] = part.trim().split("=");
    if (k) directives.set(k, (v ?? "").replace(/"/g, ""));
  }
  // private: this is a shared cache (many console users); no-cache: would need revalidation.
  if (directives.has("no-store") || directives.has("no-cache") || directives.has("private")) return 0;
  const raw = directives.get("s-maxage") ?? directives.get("max-age");
  const seconds = raw === undefined ? Number.NaN : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) return 0;
  const age = Number(headers.age ?? 0);
  return Math.max(0, (seconds - (Number.isFinite(age) ? age : 0)) * 1000);
}

export class HttpCache {
  private readonly map = new Map<string, Entry>();
  constructor(
    private readonly maxEntries = 500,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): CachedResponse | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    if (e.expires <= this.now()) return undefined;
    this.map.set(key, e); // most recently used last
    return e.value;
  }

  put(key: string, value: CachedResponse, headers: IncomingHttpHeaders): void {
    const ttl = freshnessMs(headers);
    if (ttl <= 0) return;
    this.map.delete(key);
    this.map.set(key, { value, expires: this.now() + ttl });
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** The fresh entries, newest last, without touching their recency (for search: at most maxEntries). */
  fresh(): CachedResponse[] {
    const now = this.now();
    return [...this.map.values()].filter((e) => e.expires > now).map((e) => e.value);
  }
}
