// Start-up for file-only commands (`netops zonemd`): the command's TypeScript bundled by esbuild
// (the compiler tsx itself uses) into one module under node_modules/.cache/netops-cli and
// rebuilt when any of its inputs changes. Loading ~35 modules one by one through tsx's loader
// thread took about a second, more than hashing a million-record zone; one plain module loads
// in a few milliseconds. Returns null when esbuild is unavailable: the caller then uses tsx.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const cacheDir = path.resolve(here, "../../../node_modules/.cache/netops-cli");

function fresh(metaFile) {
  try {
    const meta = JSON.parse(readFileSync(metaFile, "utf8"));
    return meta.inputs.every(([file, mtimeMs, size]) => {
      const s = statSync(file);
      return s.mtimeMs === mtimeMs && s.size === size;
    });
  } catch {
    return false;
  }
}

/** The module exports of `entry` (a path relative to this package), bundled; null if it cannot be built. */
export async function importBundled(entry, name) {
  const out = path.join(cacheDir, `${name}.mjs`);
  const metaFile = `${out}.json`;
  if (!fresh(metaFile)) {
    try {
      const { build } = await import("esbuild");
      mkdirSync(cacheDir, { recursive: true });
      // Written beside the target and renamed: a concurrent run never sees half a file.
      const tmp = `${out}.${process.pid}.tmp.mjs`;
      const r = await build({
        entryPoints: [path.resolve(here, "..", entry)],
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        outfile: tmp,
        metafile: true,
        logLevel: "silent",
        // Keep real npm packages external (resolved from here as usual); bundle the workspace.
        plugins: [externalNpm],
      });
      const cwd = process.cwd();
      // The sources, and what decides how they resolve (package.json "imports"/"exports") and build.
      const files = [
        ...Object.keys(r.metafile.inputs).map((f) => path.resolve(cwd, f)),
        ...Object.keys(r.metafile.inputs)
          .filter((f) => f.includes("packages/"))
          .map((f) =>
            path.resolve(cwd, f.slice(0, f.indexOf("/", f.indexOf("packages/") + 9)), "package.json"),
          ),
        fileURLToPath(import.meta.url),
      ];
      const inputs = [...new Set(files)].map((abs) => {
        const s = statSync(abs);
        return [abs, s.mtimeMs, s.size];
      });
      renameSync(tmp, out);
      writeFileSync(`${metaFile}.${process.pid}`, JSON.stringify({ inputs }));
      renameSync(`${metaFile}.${process.pid}`, metaFile);
    } catch {
      return null;
    }
  }
  return import(pathToFileURL(out).href);
}

/** npm packages stay imports; workspace packages (@netops/*) and relative files are bundled. */
const externalNpm = {
  name: "external-npm",
  setup(b) {
    b.onResolve({ filter: /^[^./#]/ }, (args) =>
      args.path.startsWith("@netops/") || args.path.startsWith("node:")
        ? undefined
        : { path: args.path, external: true },
    );
  },
};
