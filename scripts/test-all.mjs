// `npm test`: everything, on a fresh clone — typecheck, lint, unit + integration + story tests,
// web and Storybook builds, and the Playwright e2e suite in Debian's Chromium. It goes on past a
// failing stage so one run shows every problem, and ends with one line: N passed, N failed, N skipped.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { checkNode, ensureDependencies, ensurePrismaClient, log, root, run, turboEnv } from "./lib.mjs";

checkNode();
ensureDependencies();
ensurePrismaClient();

/**
 * The tests whose outcome depends on the database engine, run a second time on PostgreSQL: the
 * services and routers (ingest, search, replicas, alerts, DHCP's SQL), and the server over HTTP
 * (sessions, collectors, jobs, health). packages/db/test ignores the switch (its PostgreSQL
 * migration tests start their own cluster in the first pass).
 */
const PG_TEST_PATHS = ["packages/api/test", "apps/server/test"];

const results = path.join(root, ".test-results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function stage(name, cmd, args, env = {}) {
  log(`── ${name}`);
  const t0 = Date.now();
  const code = run(cmd, args, { env: { ...turboEnv, ...env } });
  log(
    `── ${name}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return code === 0;
}

/** A stage whose outcome is one check (a build, the type checker, the linter). */
function check(name, cmd, args, env) {
  if (stage(name, cmd, args, env)) tally.passed++;
  else {
    tally.failed++;
    failures.push(name);
  }
}

/** A stage that runs many tests and reports them in a JSON file; its tests are counted one by one. */
function suite(name, cmd, args, file, count, env) {
  const ok = stage(name, cmd, args, env);
  let counted = null;
  try {
    counted = count(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    counted = null;
  }
  if (!counted) {
    tally.failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  tally.passed += counted.passed;
  tally.failed += counted.failed;
  tally.skipped += counted.skipped;
  if (counted.failed > 0 || !ok) failures.push(name);
  if (!ok && counted.failed === 0) tally.failed++;
  for (const f of counted.failedTests ?? []) failures.push(`  ${f}`);
}

/** Vitest's JSON report → one line per failed test or failed file: path › title: first line of the error. */
function vitestFailures(j) {
  const out = [];
  for (const file of j.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const failed = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failed)
      out.push(`${rel} › ${a.fullName ?? a.title}: ${firstLine(a.failureMessages?.[0])}`);
    if (failed.length === 0 && file.status === "failed") out.push(`${rel}: ${firstLine(file.message)}`);
  }
  return out;
}

/** Playwright's JSON report → one line per spec that did not pass. */
function playwrightFailures(j) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      if (!spec.ok) {
        const err = spec.tests?.[0]?.results?.at(-1)?.error?.message;
        out.push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(err)}`);
      }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const s of j.suites ?? []) walk(s);
  return out;
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

function firstLine(text) {
  const line =
    String(text ?? "")
      .replace(ANSI_COLOUR, "")
      .split("\n")
      .find((l) => l.trim()) ?? "";
  return line.trim().slice(0, 300);
}

/** Installs the Debian packages listed in .ci/apt-packages.txt that are missing (as root only). */
function ensureAptPackages() {
  const wanted = readFileSync(path.join(root, ".ci/apt-packages.txt"), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
  const missing = wanted.filter((p) => run("dpkg", ["-s", p], { stdio: "ignore" }) !== 0);
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) return missing;
  log(`installing Debian packages for the tests: ${missing.join(" ")}`);
  // Keep the packages' own services from starting on install: the tests run their daemons on
  // loopback ports of their own (policy-rc.d is Debian's switch for that).
  const policy = "/usr/sbin/policy-rc.d";
  const addPolicy = !existsSync(policy);
  if (addPolicy) writeFileSync(policy, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", ...missing], { env: { DEBIAN_FRONTEND: "noninteractive" } });
  if (addPolicy) rmSync(policy, { force: true });
  return missing.filter((p) => run("dpkg", ["-s", p], { stdio: "ignore" }) !== 0);
}

const missingPackages = ensureAptPackages();
if (missingPackages.length) {
  tally.failed++;
  failures.push(`Debian packages missing and not installable by this user: ${missingPackages.join(" ")}`);
}

// A test file that .gitignore hides passes here and fails on CI's clean clone (session 1: captured
// *.log vectors). Fails when any ignored file sits under a test or fixtures folder.
check("test files tracked by git", "node", ["scripts/check-ignored-fixtures.mjs"]);
check("typecheck", "npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"]);
check("lint (biome)", "npx", ["biome", "lint", "--error-on-warnings", "."]);
/** Vitest's JSON report → the stage's counts. */
function vitestCounts(j) {
  return {
    passed: j.numPassedTests,
    // A file that fails before its tests run (import error, missing fixture) counts as one failure.
    failed:
      j.numFailedTests +
      (j.testResults ?? []).filter(
        (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
      ).length,
    skipped: j.numPendingTests + j.numTodoTests,
    failedTests: vitestFailures(j),
  };
}

/** A Vitest run as one stage: `args` after `vitest run`, its JSON report in `report`. */
function vitestSuite(name, report, args, env) {
  const file = path.join(results, report);
  suite(
    name,
    "npx",
    ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
    file,
    vitestCounts,
    env,
  );
}

// The node-side files run with --no-isolate: each fork keeps its modules from file to file instead
// of importing Prisma, tRPC and the server afresh (collecting was 171 of the project's 285 s on 2
// cores; 140 s in all now). Isolation is a pool-wide switch in Vitest 3, and the web project's jsdom
// files need it (they rely on fresh module state), so the two projects run as two stages.
vitestSuite("unit and integration tests (vitest, node)", "vitest-node.json", [
  "--project",
  "node",
  "--no-isolate",
]);
vitestSuite("web app and story tests (vitest, jsdom)", "vitest-web.json", ["--project", "web"]);
// The service and API tests again on a throw-away PostgreSQL 15 cluster (the vitest
// globalSetup starts it): the PostgreSQL paths would otherwise go untested by `npm test`.
vitestSuite(
  "service and API tests on PostgreSQL (vitest)",
  "vitest-postgres.json",
  ["--project", "node", "--no-isolate", ...PG_TEST_PATHS],
  { NETOPS_TEST_DB: "postgres" },
);
check("web build (vite)", "npx", [
  "turbo",
  "run",
  "build",
  "--filter=@netops/web",
  "--output-logs=errors-only",
]);
// The built web app must hold no Node built-in, polyfill or server-only module (source maps read).
check("web bundle: browser-safe modules only", "node", ["scripts/check-web-bundle.mjs"]);
check("storybook build", "npm", ["run", "build-storybook", "-w", "@netops/web"]);
if (existsSync("/usr/bin/chromium")) {
  suite(
    "e2e (playwright, Debian chromium)",
    "npx",
    ["playwright", "test", "-c", "e2e/playwright.config.ts"],
    path.join(results, "playwright.json"),
    (j) => ({
      passed: j.stats.expected,
      failed: j.stats.unexpected + j.stats.flaky * 0,
      skipped: j.stats.skipped,
      failedTests: playwrightFailures(j),
    }),
    { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(results, "playwright.json") },
  );
} else {
  tally.failed++;
  failures.push("e2e: /usr/bin/chromium is missing");
}

if (failures.length)
  process.stdout.write(`\nFailed stages:\n${failures.map((f) => `  - ${f}`).join("\n")}\n`);
process.stdout.write(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped\n`);
process.exit(tally.failed > 0 ? 1 : 0);
