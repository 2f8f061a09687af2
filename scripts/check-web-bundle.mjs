// node scripts/check-web-bundle.mjs [dist dir] — fails when the built web app (apps/web/dist, after
// `npm run build -w @netops/web`) contains a Node built-in (or Vite's empty stand-in for one, or a
// polyfill), or a module the browser must never get: server, API, database (Prisma), logging
// (pino), CLI or lab code, the common-passwords list (server-only, ~480 kB), or, outside a VITE_MOCK
// build, the mock API and the DNS protocol code (browser-safe, but only the mock API verifies zones
// in the browser: the web app itself must not grow a zone parser). Which modules are inside is
// read from each chunk's source map, which the build keeps out of the served folder: in
// apps/web/sourcemaps (the dist folder's sibling `sourcemaps`, same relative paths; vite-delivery.ts).
// A source map inside the served folder, or a chunk pointing at one, is itself a problem.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith("_")));
/** npm packages that exist to stand in for Node built-ins in browsers. */
const POLYFILLS =
  /^(safe-buffer|readable-stream|node-stdlib-browser|vite-plugin-node-polyfills|.*-browserify)$/;

/**
 * npm packages named like a Node built-in that are not stand-ins for one: the userland punycode
 * (RFC 3492, pure JavaScript; the search classifies IDN names with it in the browser).
 */
const NAMESAKES = new Set(["punycode"]);

/** Server-only modules by path from the repository root: [pattern, what it is]. */
const SERVER_ONLY = [
  [/(^|\/)(labs?|[^/]*-lab)\/|(^|\/)lab-[^/]*$|^packages\/labs?\//, "lab code"],
  [/^packages\/protocols\/src\/console\/common-passwords\//, "the common-passwords list (server-only)"],
  [/^apps\/server\//, "server code"],
  [/^packages\/api\//, "API server code (the web app imports its types only: `import type`)"],
  [/^packages\/db\/|^prisma\/|^node_modules\/(@prisma|\.prisma|prisma)\//, "Prisma / database code"],
  [/^node_modules\/(pino[^/]*|better-sqlite3)\//, "a server library"],
  [/^packages\/cli\//, "CLI code"],
];
const MOCKS = [/^packages\/mocks\/|^node_modules\/msw\//, "the mock API (only VITE_MOCK builds carry it)"];
/** Modules only the mock API ships to a browser: [pattern, what it is]. */
const MOCK_ONLY = [
  MOCKS,
  [/^packages\/protocols\/src\/dns\//, "DNS protocol code (only the mock API verifies zones in a browser)"],
  [/^node_modules\/@noble\/hashes\//, "the mock API's SHA-384/512 for ZONEMD"],
];
const NODE_IMPORT =
  /\bfrom\s*["']node:[\w/]+["']|\bimport\s*\(\s*["']node:|\brequire\s*\(\s*["'](node:)?[\w/]+["']\s*\)/g;

/** The npm package a node_modules path belongs to. */
function packageOf(rel) {
  const parts = rel.split("node_modules/").at(-1).split("/");
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

function whatIs(rel, { mock }) {
  if (rel.includes("__vite-browser-external")) return "a Node built-in (Vite put an empty stub in its place)";
  const bare = rel.replace(/^\0/, "");
  if (bare.startsWith("node:") || BUILTINS.has(bare)) return "a Node built-in";
  if (rel.includes("node_modules/")) {
    const pkg = packageOf(rel);
    if ((BUILTINS.has(pkg) && !NAMESAKES.has(pkg)) || POLYFILLS.test(pkg))
      return `a Node built-in polyfill (${pkg})`;
  }
  for (const [re, what] of SERVER_ONLY) if (re.test(rel)) return what;
  if (!mock) for (const [re, what] of MOCK_ONLY) if (re.test(rel)) return what;
  return null;
}

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

/**
 * Problems found in a built web app, one line each (empty: clean). `mock`: a VITE_MOCK build, which
 * carries the mock API.
 */
export function checkWebBundle(
  dist,
  { mock = false, maps = path.join(path.dirname(dist), "sourcemaps") } = {},
) {
  if (!existsSync(dist))
    return [`${dist} does not exist: build the web app first (npm run build -w @netops/web)`];
  const problems = [];
  const all = [...files(dist)];
  for (const f of all.filter((f) => f.endsWith(".map")))
    problems.push(
      `${path.relative(dist, f)}: a source map in the served folder (the build moves maps to ${maps})`,
    );
  // public/mockServiceWorker.js is copied into every build; vite.config.ts deletes it unless VITE_MOCK.
  const worker = all.filter((f) => path.basename(f) === "mockServiceWorker.js");
  if (!mock) for (const w of worker) problems.push(`${path.relative(dist, w)}: ${MOCKS[1]}`);
  const chunks = all.filter((f) => /\.m?js$/.test(f) && !worker.includes(f));
  if (chunks.length === 0) problems.push(`${dist} holds no JavaScript chunk`);
  for (const chunk of chunks) {
    const name = path.relative(dist, chunk);
    const text = readFileSync(chunk, "utf8");
    for (const m of text.matchAll(NODE_IMPORT))
      problems.push(`${name}: loads a Node module at run time: ${m[0]}`);
    if (text.includes("__vite-browser-external"))
      problems.push(`${name}: holds Vite's empty stand-in for a Node built-in (__vite-browser-external)`);
    if (/\/\/# sourceMappingURL=/.test(text))
      problems.push(`${name}: points browsers at a source map (sourceMappingURL; build.sourcemap "hidden")`);
    const mapFile = path.join(maps, `${name}.map`);
    if (!existsSync(mapFile)) {
      problems.push(
        `${name}: no source map in ${maps}, so its modules cannot be checked (build.sourcemap in vite.config.ts)`,
      );
      continue;
    }
    const map = JSON.parse(readFileSync(mapFile, "utf8"));
    const base = path.resolve(path.dirname(mapFile), map.sourceRoot ?? "");
    for (const source of map.sources ?? []) {
      const abs = path.resolve(base, source);
      const rel = abs.startsWith(`${root}${path.sep}`)
        ? path.relative(root, abs).split(path.sep).join("/")
        : source;
      const what = whatIs(rel, { mock });
      if (what) problems.push(`${name}: contains ${rel} — ${what}`);
    }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? path.join(root, "apps/web/dist"));
  const problems = checkWebBundle(dist, { mock: process.env.VITE_MOCK === "1" });
  if (problems.length) {
    process.stderr.write(
      `The web bundle holds code a browser must not get (${problems.length}):\n${problems.map((p) => `  ${p}`).join("\n")}\n` +
        "Find the importer with `npx vite build --debug` in apps/web, or search apps/web/src for the module.\n",
    );
    process.exit(1);
  }
  process.stdout.write(
    `web bundle: no Node built-in, polyfill or server-only module (${path.relative(root, dist)})\n`,
  );
}
