/**
 * Product code never imports lab code: only the demo entry point (apps/server/src/demo.ts) may,
 * and tests. Scans every product source file for an import of @netops/labs or a path into
 * packages/labs, and for the lab files that used to live in the server.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DEMO_ENTRY = "apps/server/src/demo.ts";
const PRODUCT_DIRS = [
  "apps/server/src",
  "apps/web/src",
  "packages/api/src",
  "packages/cli/src",
  "packages/config/src",
  "packages/db/src",
  "packages/mocks/src",
  "packages/protocols/src",
];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== "node_modules" && name !== "test") out.push(...sources(p));
    } else if (/\.(ts|tsx|mts|mjs|js)$/.test(name) && !/\.(test|stories)\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Every module specifier a file imports, re-exports or loads with import(). */
export function specifiers(text: string): string[] {
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g;
  return [...text.matchAll(re)].map((m) => m[1]!);
}

/** True when `spec`, imported from `file`, is lab code. */
export function isLabImport(file: string, spec: string): boolean {
  if (spec === "@netops/labs" || spec.startsWith("@netops/labs/")) return true;
  if (!spec.startsWith(".")) return false;
  const target = path.relative(root, path.resolve(path.dirname(file), spec));
  return target === "packages/labs" || target.startsWith("packages/labs/");
}

describe("lab code stays out of the product", () => {
  it("recognises lab imports in every form (the scan can fail)", () => {
    const file = path.join(root, "apps/server/src/app.ts");
    const text = `import { a } from "@netops/labs";\nexport * from "@netops/labs/epp/store";\nconst m = await import("../../../packages/labs/src/rdap");\nimport "./demo";`;
    expect(specifiers(text).filter((s) => isLabImport(file, s))).toEqual([
      "@netops/labs",
      "@netops/labs/epp/store",
      "../../../packages/labs/src/rdap",
    ]);
  });

  it("no product source file but the demo entry point imports @netops/labs", () => {
    const offenders: string[] = [];
    let scanned = 0;
    for (const dir of PRODUCT_DIRS)
      for (const file of sources(path.join(root, dir))) {
        scanned++;
        const rel = path.relative(root, file);
        if (rel === DEMO_ENTRY) continue;
        for (const spec of specifiers(readFileSync(file, "utf8")))
          if (isLabImport(file, spec)) offenders.push(`${rel} imports ${spec}`);
      }
    expect(scanned).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });

  it("the demo entry point is what main.ts loads, and only when demo mode is on", () => {
    const main = readFileSync(path.join(root, "apps/server/src/main.ts"), "utf8");
    // A dynamic import: the labs are not even loaded without NETOPS_DEMO=1.
    expect(main).toMatch(/demo \? await \(await import\("\.\/demo"\)\)/);
    expect(specifiers(readFileSync(path.join(root, DEMO_ENTRY), "utf8"))).toContain("@netops/labs");
  });

  it("no lab server is left in the server's sources", () => {
    const labFiles = sources(path.join(root, "apps/server/src")).filter((f) =>
      /(^|[/-])lab/.test(path.relative(root, f).slice("apps/server/src/".length)),
    );
    expect(labFiles).toEqual([]);
  });
});
