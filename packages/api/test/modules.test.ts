/**
 * The module registry: every registered subsystem module agrees with the browser-safe descriptor
 * list, and has what the console needs of it — a health probe, a navigation entry and route in the
 * web app, mock resolvers for its whole router, and stories for its pages. A new subsystem that
 * misses one fails here, with the part it misses.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfigText } from "@netops/config";
import { createMockApi } from "@netops/mocks";
import { ALERT_SOURCES, alertSourceOf, FEATURE_SUBSYSTEMS, HEALTH } from "@netops/protocols";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { composeConsole } from "../src/compose";
import { MODULES } from "../src/modules";
import * as registered from "../src/modules/registered";
import { testDb } from "./fixtures";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const web = path.join(root, "apps/web/src");
const t = testDb("modules");
afterAll(() => t.close());

/** Procedure paths of a tRPC router (`registry.createHost`, …). */
function procedures(id: string, router: { _def: { procedures: object } }): string[] {
  return Object.keys(router._def.procedures).map((p) => `${id}.${p}`);
}

/** A subsystem's routes file in the web app (empty when it has none, so the checks name what is missing). */
function routesOf(id: string): string {
  const file = path.join(web, "features", id, "routes.tsx");
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

describe("subsystem modules", () => {
  it("are the descriptor list's subsystems, in its order, with its descriptors", () => {
    expect(MODULES.map((m) => m.descriptor.id)).toEqual(FEATURE_SUBSYSTEMS.map((s) => s.id));
    for (const [i, m] of MODULES.entries()) expect(m.descriptor).toEqual(FEATURE_SUBSYSTEMS[i]);
    // Every stored alert source belongs to exactly one subsystem (or is the console's own).
    const owned = FEATURE_SUBSYSTEMS.flatMap((s) => s.alertSources);
    expect(new Set(owned).size).toBe(owned.length);
    expect([...ALERT_SOURCES].sort()).toEqual([...owned, "system"].sort());
  });

  it("are registered under their ids, each with the service factory its module uses", () => {
    // `Services` keys come from the registration names: one under another id would misname a service.
    for (const [name, r] of Object.entries(registered)) {
      expect(r.subsystemModule.descriptor.id, `registered.ts: ${name}`).toBe(name);
      expect(r.subsystemModule.create, `${name}: create is createService`).toBe(r.createService);
    }
  });

  it("raise their alerts under the stored source values webhooks and silences already carry", () => {
    // Code names a subsystem by its id; the stored value is mapped once, in the descriptor list.
    expect(Object.fromEntries(FEATURE_SUBSYSTEMS.map((s) => [s.id, alertSourceOf(s.id)]))).toEqual({
      registry: "epp",
      rdap: "rdap",
      dns: "zonemd",
      dhcp: "dhcp",
      bgp: "bgp",
      rserpool: "rserpool",
    });
  });

  it("each report their health through their probe on a fresh console", async () => {
    const cfg = parseConfigText("", "test.yaml", { NETOPS_PORT: "1" });
    const composed = composeConsole({
      config: { ...cfg, database: { url: "file:unused" }, sources: { file: null } },
      env: {},
      db: t.db,
      logger: pino({ level: "silent" }),
      secretKey: "test-secret-key",
    });
    try {
      for (const m of MODULES) {
        const r = await m.health(composed.runtime)();
        expect(HEALTH, `${m.descriptor.id} probe`).toContain(r.health);
        expect(r.summary, `${m.descriptor.id} probe`).not.toBe("");
      }
      const tiles = await composed.services.health.overview();
      for (const m of MODULES) {
        const tile = tiles.find((x) => x.subsystem === m.descriptor.id);
        expect(tile?.href, `${m.descriptor.id} tile`).toBe(m.descriptor.path);
        expect(tile?.summary, `${m.descriptor.id} tile`).not.toBe("Not built yet");
      }
    } finally {
      await composed.close();
    }
  });

  it("each have a route in the web app and an entry in its navigation", () => {
    const app = readFileSync(path.join(web, "App.tsx"), "utf8");
    const nav = readFileSync(path.join(web, "shell/AppShell.tsx"), "utf8");
    for (const m of MODULES) {
      const id = m.descriptor.id;
      const p = m.descriptor.path.replace(/^\//, "");
      expect(routesOf(id), `${id}: <Route path="${p}"> in features/${id}/routes.tsx`).toContain(
        `path="${p}"`,
      );
      expect(routesOf(id), `${id}: export const routes in features/${id}/routes.tsx`).toMatch(
        /export const routes\b/,
      );
    }
    // App.tsx mounts every registered subsystem's routes, in the descriptor list's order.
    expect(app).toContain("{subsystemRoutes()}");
    // The navigation lists the descriptors rather than naming subsystems.
    expect(nav).toMatch(/FEATURE_SUBSYSTEMS/);
  });

  it("each have mock resolvers for every procedure of their router", () => {
    const mock = Object.keys(createMockApi().resolvers);
    for (const m of MODULES) {
      const missing = procedures(m.descriptor.id, m.router).filter((p) => !mock.includes(p));
      expect(missing, `${m.descriptor.id}: procedures without a mock resolver`).toEqual([]);
    }
  });

  it("each have a feature folder in the web app with a story for the page at their path", () => {
    for (const m of MODULES) {
      const app = routesOf(m.descriptor.id);
      const dir = path.join(web, "features", m.descriptor.id);
      expect(existsSync(dir), `apps/web/src/features/${m.descriptor.id}`).toBe(true);
      const p = m.descriptor.path.replace(/^\//, "");
      const page = new RegExp(`path="${p}" element=\\{<(\\w+)`).exec(app)?.[1];
      expect(page, `${m.descriptor.id}: the page routed at ${m.descriptor.path}`).toBeTruthy();
      expect(readdirSync(dir), `${m.descriptor.id}: a story for ${page}`).toContain(`${page}.stories.tsx`);
    }
  });
});
