import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RouterOutputs } from "@netops/api";
import { parseConfigText } from "@netops/config";
import { freshTestDatabase } from "@netops/db/testing";
import pino from "pino";
import { type RunningConsole, startConsole } from "../src/app";
import { demoLabs } from "../src/demo";

export interface Harness {
  app: RunningConsole;
  url: string;
  origin: string;
  dir: string;
  close(): Promise<void>;
}

/** A real console on a random loopback port with a fresh database in a temp folder. */
export async function startHarness(
  opts: {
    yaml?: string;
    env?: Record<string, string>;
    demo?: boolean;
    fetch?: typeof fetch;
    /** The console's logger (default: silent), e.g. one that keeps its lines for a test to read. */
    logger?: pino.Logger;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-test-"));
  const cfg = parseConfigText(opts.yaml ?? "", "test.yaml", { NETOPS_PORT: "1", ...opts.env });
  const fresh = freshTestDatabase(dir, "harness", { migrated: false });
  const app = await startConsole({
    config: {
      ...cfg,
      server: { ...cfg.server, port: 0 },
      // NETOPS_TEST_DB=postgres: a fresh PostgreSQL database (the console migrates it at start).
      database: { url: fresh.url, dataDir: dir },
      sources: { file: null },
    },
    env: { NETOPS_ADMIN_PASSWORD: "admin-password-1", ...opts.env },
    demo: opts.demo ?? false,
    // The demo's lab servers come with demo mode, as from main.ts.
    ...(opts.demo && { labs: demoLabs() }),
    logger: opts.logger ?? pino({ level: "silent" }),
    print: () => {},
    ...(opts.fetch && { fetch: opts.fetch }),
  });
  return {
    app,
    url: app.url,
    origin: app.url,
    dir,
    async close() {
      await app.stop();
      fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type WebHarness = Harness & { dist: string };

/** startHarness serving a stand-in built web app (index.html, one hashed asset) from `dist`; close removes both. */
export async function startWebHarness(): Promise<WebHarness> {
  const dist = mkdtempSync(path.join(tmpdir(), "netops-dist-"));
  mkdirSync(path.join(dist, "assets"));
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>NetOps</title>");
  writeFileSync(path.join(dist, "assets", "app-1234.js"), "console.log(1)");
  const h = await startHarness({ env: { NETOPS_WEB_DIST: dist } });
  return {
    ...h,
    dist,
    async close() {
      await h.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

/** A minimal cookie-keeping tRPC-over-HTTP client, so tests see exactly what a browser would. */
export class Client {
  cookie = "";
  constructor(
    private readonly h: Harness,
    public headers: Record<string, string> = {},
  ) {}

  async call(kind: "query" | "mutation", proc: string, input?: unknown, extra: Record<string, string> = {}) {
    const base = `${this.h.url}/api/trpc/${proc}`;
    const headers: Record<string, string> = { ...this.headers, ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    let res: Response;
    if (kind === "query") {
      const q = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      res = await fetch(base + q, { headers });
    } else {
      res = await fetch(base, {
        method: "POST",
        headers: { "content-type": "application/json", origin: this.h.origin, ...headers },
        body: input === undefined ? "" : JSON.stringify(input),
      });
    }
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair] = c.split(";");
      if (pair?.startsWith("netops_session=")) this.cookie = pair.endsWith("=") ? "" : pair;
    }
    const body = (await res.json()) as {
      result?: { data: unknown };
      error?: { message: string; data: { code: string; issues: { path: string; message: string }[] | null } };
    };
    return { status: res.status, body, data: body.result?.data as never, error: body.error, setCookie: set };
  }
  query(proc: string, input?: unknown) {
    return this.call("query", proc, input);
  }
  mutate(proc: string, input?: unknown, extra?: Record<string, string>) {
    return this.call("mutation", proc, input, extra);
  }
  async login(username: string, password: string) {
    const r = await this.mutate("auth.login", { username, password });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }
}

/** An alert as the API returns it (alerts.active, and the items of alerts.list). */
export type AlertRow = RouterOutputs["alerts"]["active"][number];

/**
 * Polls `fn` until it gives a truthy value and returns that value: for what the console does in the
 * background (jobs, listeners, lab servers). Bounded (`tries` × `everyMs`); a timeout says what it
 * waited for.
 */
export async function until<T>(
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  { tries = 150, everyMs = 100 }: { tries?: number; everyMs?: number } = {},
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
