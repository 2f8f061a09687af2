// @vitest-environment node
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// scripts/check-web-bundle.mjs runs after the web build in `npm test`: it reads each chunk's source
// map and fails on Node built-ins, their polyfills and server-only modules. These tests feed it
// built-looking folders (a chunk in dist/, its map in the sibling sourcemaps/ where the build moves
// it, sources relative to the map as Vite writes them).

const ROOT = path.resolve(import.meta.dirname, "../../../..");
const SCRIPT = path.join(ROOT, "scripts/check-web-bundle.mjs");
const tmp = mkdtempSync(path.join(tmpdir(), "web-bundle-check-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A dist folder whose one chunk holds `sources` (paths from the repository root, or raw ids). */
function dist(
  sources: string[],
  opts: { code?: string; map?: boolean | "served"; extra?: string[] } = {},
): string {
  const dir = path.join(tmp, `case-${++n}`, "dist");
  const assets = path.join(dir, "assets");
  const maps = path.join(dir, "..", "sourcemaps", "assets");
  mkdirSync(assets, { recursive: true });
  mkdirSync(maps, { recursive: true });
  writeFileSync(path.join(assets, "index.js"), opts.code ?? 'console.log("app");\n');
  const rel = sources.map((s) => (s.includes("/") ? path.relative(assets, path.join(ROOT, s)) : s));
  const map = JSON.stringify({ version: 3, sources: rel, mappings: "" });
  if (opts.map !== false) writeFileSync(path.join(maps, "index.js.map"), map);
  if (opts.map === "served") writeFileSync(path.join(assets, "index.js.map"), map);
  for (const f of opts.extra ?? []) writeFileSync(path.join(dir, f), "");
  return dir;
}

function check(dir: string, env: Record<string, string> = {}): { code: number; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, dir], {
    encoding: "utf8",
    env: { ...process.env, VITE_MOCK: "", ...env },
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

const CLEAN = [
  "node_modules/react/index.js",
  "apps/web/src/main.tsx",
  "packages/protocols/src/console/roles.ts",
  "packages/protocols/src/dhcp/model.ts",
  // The userland punycode package: named like Node's deprecated built-in, but not a stand-in for it.
  "node_modules/punycode/punycode.js",
];

describe("web bundle check", () => {
  it("passes a bundle of app code, browser libraries and browser-safe protocol code", () => {
    const r = check(dist(CLEAN));
    expect(r.out).toContain("no Node built-in");
    expect(r.code).toBe(0);
  });

  const bad: [string, string, string][] = [
    ["Vite's stand-in for a Node built-in", "apps/web/__vite-browser-external", "Node built-in"],
    ["a node: built-in", "node:crypto", "Node built-in"],
    ["the punycode built-in itself (not the userland package)", "node:punycode", "Node built-in"],
    ["the Buffer polyfill", "node_modules/buffer/index.js", "polyfill (buffer)"],
    ["a browserify polyfill", "node_modules/crypto-browserify/index.js", "polyfill (crypto-browserify)"],
    [
      "the common-passwords list",
      "packages/protocols/src/console/common-passwords/index.ts",
      "common-passwords list",
    ],
    ["DNS protocol code", "packages/protocols/src/dns/tsig.ts", "DNS protocol code"],
    ["Prisma", "node_modules/@prisma/client/index-browser.js", "Prisma"],
    ["the database package", "packages/db/src/index.ts", "Prisma"],
    ["pino", "node_modules/pino/browser.js", "server library"],
    ["server code", "apps/server/src/http.ts", "server code"],
    ["API code", "packages/api/src/trpc.ts", "API server code"],
    ["lab code (lab-*.ts)", "apps/server/src/dns/lab-server.ts", "lab code"],
    ["lab code (a labs package)", "packages/labs/src/epp/server.ts", "lab code"],
    ["the mock API", "packages/mocks/src/handlers.ts", "mock API"],
    ["MSW", "node_modules/msw/lib/core/index.mjs", "mock API"],
  ];
  for (const [what, source, says] of bad) {
    it(`fails on ${what}`, () => {
      const r = check(dist([...CLEAN, source]));
      expect(r.code).toBe(1);
      expect(r.out).toContain(says);
    });
  }

  it("fails on a chunk that loads a node: module at run time", () => {
    const r = check(dist(CLEAN, { code: 'import{createHash as h}from"node:crypto";console.log(h);\n' }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('from"node:crypto"');
  });

  it("fails when a chunk has no source map (its modules cannot be checked)", () => {
    const r = check(dist(CLEAN, { map: false }));
    expect(r.code).toBe(1);
    expect(r.out).toContain("no source map");
  });

  it("fails on a source map in the served folder, and on a chunk that points at one", () => {
    const served = check(dist(CLEAN, { map: "served" }));
    expect(served.code).toBe(1);
    expect(served.out).toContain("assets/index.js.map: a source map in the served folder");
    const pointing = check(dist(CLEAN, { code: 'console.log("app");\n//# sourceMappingURL=index.js.map\n' }));
    expect(pointing.code).toBe(1);
    expect(pointing.out).toContain("points browsers at a source map");
  });

  it("fails when there is no build", () => {
    const r = check(path.join(tmp, "missing"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("build the web app first");
  });

  it("allows the mock API and its worker in a VITE_MOCK build only", () => {
    const d = dist([...CLEAN, "packages/mocks/src/handlers.ts"], { extra: ["mockServiceWorker.js"] });
    expect(check(d).code).toBe(1);
    expect(check(d).out).toContain("mockServiceWorker.js");
    expect(check(d, { VITE_MOCK: "1" }).code).toBe(0);
  });

  it("allows DNS protocol code and its pure-JS hashes in a VITE_MOCK build only (the mock verifies zones)", () => {
    const mockDns = ["packages/protocols/src/dns/zonemd-verify.ts", "node_modules/@noble/hashes/sha2.js"];
    const d = dist([...CLEAN, "packages/mocks/src/dns.mock.ts", ...mockDns]);
    expect(check(d).out).toContain("only the mock API verifies zones");
    expect(check(d).out).toContain("SHA-384/512 for ZONEMD");
    expect(check(d, { VITE_MOCK: "1" }).code).toBe(0);
  });
});
