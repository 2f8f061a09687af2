import type { Db } from "@netops/db";
import { AlertService } from "../../src/services/alerts";
import { EventBus } from "../../src/services/bus";
import { DhcpService } from "../../src/features/dhcp";
import { testDb } from "../fixtures";

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
  opts: { fetch?: typeof fetch; keaPageSize?: number; keaTimeoutMs?: number } = {},
): Promise<DhcpFixture> {
  const t = testDb("dhcp");
  const { dir, db } = t;
  const now = { t: new Date("2026-11-21T06:00:00Z") };
  const alerts = new AlertService(db, new EventBus(), () => now.t);
  const dhcp = new DhcpService(db, alerts, {
    now: () => now.t,
    keaTimeoutMs: opts.keaTimeoutMs ?? 3000,
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
      dhcp.close();
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
