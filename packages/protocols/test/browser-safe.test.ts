import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

// @netops/protocols is shared with the web app, so every entry point a browser can resolve must
// bundle for a browser: no Node built-in imported (node:crypto, node:buffer, fs …) and no Node
// global used (Buffer, process, __dirname …: a ReferenceError in a browser, found only when that
// code path runs). Node-only code sits behind the package's export conditions ("browser": null
// refuses an entry in browser builds, "node"/"default" pick an implementation); the entries that
// are refused in browsers are listed here, so refusing one more is a deliberate change.

const PKG_DIR = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(path.join(PKG_DIR, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
};
/** Conditions Vite resolves with for the browser build, in the order a resolver tries them. */
const BROWSER_CONDITIONS = new Set(["browser", "import", "module", "production", "default"]);
const NODE_ONLY_ENTRIES: string[] = [];
const NODE_GLOBALS = ["Buffer", "process", "global", "__dirname", "__filename", "setImmediate"];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The file a browser build gets for an exports target; null when the entry is refused there. */
function browserTarget(target: unknown): string | null {
  if (target === null || typeof target === "string") return target;
  for (const [cond, sub] of Object.entries(target as Record<string, unknown>))
    if (BROWSER_CONDITIONS.has(cond)) return browserTarget(sub);
  return null;
}

/** Bundles `entry` as Vite would for a browser; returns the Node built-ins and globals it uses. */
async function nodeUses(entry: string): Promise<string[]> {
  const found: string[] = [];
  const builtins: Plugin = {
    name: "node-builtins",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!BUILTINS.has(args.path)) return undefined;
        found.push(`imports ${args.path} (${path.relative(PKG_DIR, args.importer)})`);
        return { path: args.path, external: true };
      });
    },
  };
  // `define` replaces only free references to a global, never a property or a string, so a marker
  // left in the output is a real use of that global.
  const define = Object.fromEntries(NODE_GLOBALS.map((g) => [g, `__node_global_${g}__`]));
  const out = await build({
    entryPoints: [path.resolve(PKG_DIR, entry)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    conditions: ["browser"],
    logLevel: "silent",
    plugins: [builtins],
    define,
  });
  const text = out.outputFiles[0]!.text;
  for (const g of NODE_GLOBALS) if (text.includes(`__node_global_${g}__`)) found.push(`uses the global ${g}`);
  return found;
}

describe("@netops/protocols in a browser", () => {
  const entries = Object.entries(pkg.exports).map(([key, target]) => ({ key, file: browserTarget(target) }));

  it("refuses exactly the Node-only entry points in browser builds", () => {
    expect(entries.filter((e) => e.file === null).map((e) => e.key)).toEqual(NODE_ONLY_ENTRIES);
  });

  for (const { key, file } of entries.filter((e) => e.file !== null)) {
    it(`${key} bundles for a browser with no Node built-in or global`, async () => {
      expect(await nodeUses(file!)).toEqual([]);
    });
  }

  it("the check sees a Node built-in and a Node global", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "browser-safe-"));
    try {
      const probe = path.join(dir, "probe.ts");
      writeFileSync(
        probe,
        'import { createHash } from "node:crypto";\nexport const h = () => createHash("sha1").update(Buffer.from("x"));\n',
      );
      const uses = await nodeUses(probe);
      expect(uses).toHaveLength(2);
      expect(uses[0]).toMatch(/^imports node:crypto /);
      expect(uses[1]).toBe("uses the global Buffer");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
