import type { Db } from "@netops/db";
import type { Role } from "@netops/protocols";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, type Context, type Services } from "../../src";
import { AlertService } from "../../src/services/alerts";
import { EventBus } from "../../src/services/bus";
import { DhcpService } from "../../src/features/dhcp";
import { afterEach, beforeEach } from "vitest";
import { type TestDb, testDb, testServices } from "../fixtures";

export interface DhcpFixture {
  dir: string;
  db: Db;
  alerts: AlertService;
  dhcp: DhcpService;
  now: { t: Date };
  close(): Promise<void>;
}

/** A fresh migrated database in a temp folder, the real alert service and a DhcpService on it. */
export async function dhcpFixture(
  opts: {
    fetch?: typeof fetch;
    keaPageSize?: number;
    keaTimeoutMs?: number;
    /** Lease-file folders; default: the fixture's temp folder. */
    leaseDirs?: string[];
    maxLeaseFileBytes?: number;
  } = {},
): Promise<DhcpFixture> {
  const t = testDb("dhcp");
  const { dir, db } = t;
  const now = { t: new Date("2026-11-21T06:00:00Z") };
  const alerts = new AlertService(db, new EventBus(), () => now.t);
  const dhcp = new DhcpService(db, alerts, {
    now: () => now.t,
    keaTimeoutMs: opts.keaTimeoutMs ?? 3000,
    files: { leaseDirs: opts.leaseDirs ?? [dir], maxLeaseFileBytes: opts.maxLeaseFileBytes ?? 1024 ** 3 },
    ...(opts.keaPageSize && { keaPageSize: opts.keaPageSize }),
    ...(opts.fetch && { fetch: opts.fetch }),
  });
  return {
    dir,
    db,
    alerts,
    dhcp,
    now,
    async close() {
      await dhcp.close();
      await t.close();
    },
  };
}

export const KEA4_HEADER =
  "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id";

export function keaRow(
  addr: string,
  mac: string,
  expire: number,
  opts: { valid?: number; host?: string; state?: number } = {},
): string {
  return `${addr},${mac},,${opts.valid ?? 3600},${expire},1,0,0,${opts.host ?? ""},${opts.state ?? 0},,0`;
}

export interface TrpcReply {
  status: number;
  data: unknown;
  error?: { message: string; data: { code: string; issues: { path: string; message: string }[] | null } };
}

/** One call through the real router as a token user of `role`, answered as over HTTP. */
export async function callAs(
  services: Services,
  role: Role,
  proc: string,
  input?: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<TrpcReply> {
  const base = `http://127.0.0.1/api/trpc/${proc}`;
  const req =
    kind === "query"
      ? new Request(input === undefined ? base : `${base}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : new Request(base, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(input),
        });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: (): Context => ({
      services,
      req: { method: req.method, headers: {}, ip: "127.0.0.1", secure: false, setCookie: () => {} },
      user: { id: `user-${role}`, username: `test-${role}`, role, via: "token" },
      audit: { written: false },
    }),
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: TrpcReply["error"] };
  return { status: res.status, data: body.result?.data, error: body.error };
}

/**
 * Per-test console services through the router: a fresh migrated database, lease files allowed in
 * its folder, a clock the test moves (`fx.clock.t`), reset to `start` before each test.
 */
export function routerFixture(name: string, start: Date) {
  const fx = {
    clock: { t: start },
    dir: "",
    db: null as unknown as Db,
    services: null as unknown as Services,
  };
  let t: TestDb;
  beforeEach(() => {
    fx.clock.t = new Date(start);
    t = testDb(name);
    fx.dir = t.dir;
    fx.db = t.db;
    fx.services = testServices(t.db, {
      now: () => fx.clock.t,
      dhcp: { leaseDirs: [t.dir], maxLeaseFileBytes: 1 << 30 },
      kea: { agents: ["127.0.0.1:1"], socketDirs: [] },
    });
  });
  afterEach(async () => {
    await fx.services.dhcp.close();
    await t.close();
  });
  return fx;
}
