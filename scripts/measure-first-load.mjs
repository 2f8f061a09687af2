// node scripts/measure-first-load.mjs [--runs N] [--url http://127.0.0.1:PORT] [--json]
//
// First load of the Overview, as a logged-in operator's browser sees it with an empty cache, in
// Debian's headless Chromium (/usr/bin/chromium through playwright-core): the JavaScript (and CSS)
// transferred until the Overview is usable, and the time from navigation to a usable Overview (its
// heading and health tiles drawn from API data). Two network profiles: loopback (no throttling) and
// Lighthouse's "Slow 4G" as DevTools applies it (150 ms RTT and 1.6 Mbit/s, times Lighthouse's
// DevTools factors: 562.5 ms request latency, 1,474.6 kbit/s down, 675 kbit/s up); no CPU throttling.
// Also lists the API procedures the load called (a procedure called twice is a duplicate request).
//
// Without --url it starts a console like the e2e suite does (e2e/server.mjs: fresh database, demo
// data) on a spare loopback port and stops it after; the web app must be built
// (`npm run build -w @netops/web`). Prints figures (medians of N runs); asserts nothing.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Math.max(1, Math.min(20, Number(opt("runs", "3")) || 3));
const JSON_OUT = args.includes("--json");
/** How long after the Overview is usable API calls are still counted. */
const SETTLE_MS = 4000;
const ADMIN = { username: "admin", password: "e2e-admin-password" };

/** Lighthouse's mobileSlow4G, with the factors Lighthouse applies when DevTools does the throttling. */
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6 * 1024 * 0.9 * 1024) / 8,
  uploadThroughput: (750 * 0.9 * 1024) / 8,
};
const PROFILES = [
  { name: "loopback", conditions: null, timeoutMs: 30_000 },
  { name: "slow-4g", conditions: SLOW_4G, timeoutMs: 120_000 },
];

const log = (s) => process.stderr.write(`${s}\n`);

async function waitHealthy(base, child, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`the console exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${base}/healthz did not answer within ${ms} ms`);
}

async function startConsole() {
  const port = 3100 + Math.floor(Math.random() * 800);
  log(`starting a console with demo data on 127.0.0.1:${port} (e2e/server.mjs)…`);
  const child = spawn(process.execPath, [path.join(root, "e2e/server.mjs"), String(port)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(base, child, 120_000);
  return { base, stop: () => child.kill("SIGTERM") };
}

async function login(browser, base) {
  const ctx = await browser.newContext({ baseURL: base });
  const page = await ctx.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  const state = await ctx.storageState();
  await ctx.close();
  return state;
}

/** One cold load of `/`: bytes by resource type until the Overview is usable, its time, API calls. */
async function loadOnce(browser, base, state, profile) {
  const ctx = await browser.newContext({ baseURL: base, storageState: state });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (profile.conditions) await cdp.send("Network.emulateNetworkConditions", profile.conditions);
  const reqs = new Map();
  let usable = false;
  cdp.on("Network.requestWillBeSent", (e) => {
    reqs.set(e.requestId, { url: e.request.url, type: e.type, encoded: 0, decoded: 0, afterUsable: usable });
  });
  cdp.on("Network.responseReceived", (e) => {
    const r = reqs.get(e.requestId);
    if (r) {
      r.type = e.type;
      r.encoding = e.response.headers["content-encoding"] ?? e.response.headers["Content-Encoding"];
    }
  });
  // Live changes the page was told about (a real change refetches the views; a repeat does not).
  const events = new Map();
  cdp.on("Network.eventSourceMessageReceived", (e) => {
    let kind = e.eventName;
    try {
      const d = JSON.parse(e.data);
      kind = d.type === "alert" ? `alert ${d.change}` : (d.type ?? kind);
    } catch {
      // a comment or keep-alive line
    }
    events.set(kind, (events.get(kind) ?? 0) + 1);
  });
  cdp.on("Network.dataReceived", (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.encoded = e.encodedDataLength;
  });
  await page.goto("/", { waitUntil: "commit" });
  // performance.now() counts from the navigation's start: the moment the tiles are drawn.
  const handle = await page.waitForFunction(
    () => {
      const h1 = document.querySelector("h1");
      const tiles = document.querySelectorAll("ul.tiles > li");
      return h1?.textContent === "Overview" && tiles.length > 0 ? performance.now() : false;
    },
    null,
    { polling: "raf", timeout: profile.timeoutMs },
  );
  const ms = await handle.jsonValue();
  usable = true;
  // Requests already sent are counted even if they finish later (the scripts the page needed); API
  // calls are counted for SETTLE_MS more (the live stream connects, duplicates show up after).
  await page.waitForTimeout(SETTLE_MS);
  const before = [...reqs.values()].filter((r) => !r.afterUsable);
  const sum = (type, key) => before.filter((r) => r.type === type).reduce((n, r) => n + r[key], 0);
  const api = new Map();
  for (const r of reqs.values()) {
    const u = new URL(r.url);
    if (!u.pathname.startsWith("/api/trpc/")) continue;
    for (const p of u.pathname.slice("/api/trpc/".length).split(",")) api.set(p, (api.get(p) ?? 0) + 1);
  }
  const scripts = before.filter((r) => r.type === "Script");
  await ctx.close();
  return {
    ms,
    jsTransferred: sum("Script", "encoded"),
    jsDecoded: sum("Script", "decoded"),
    jsFiles: scripts.length,
    jsEncodings: [...new Set(scripts.map((r) => r.encoding ?? "identity"))].join(","),
    cssTransferred: sum("Stylesheet", "encoded"),
    totalTransferred: before.reduce((n, r) => n + r.encoded, 0),
    api: Object.fromEntries([...api].sort()),
    events: Object.fromEntries([...events].sort()),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

const given = opt("url", null);
const server = given ? { base: given.replace(/\/$/, ""), stop: () => {} } : await startConsole();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
  ],
});
const results = {};
try {
  if (given) await waitHealthy(server.base, null, 10_000);
  const state = await login(browser, server.base);
  // One warm-up load: the server's first answers (module loading, JIT) are not the browser's cost.
  await loadOnce(browser, server.base, state, PROFILES[0]);
  for (const profile of PROFILES) {
    const runs = [];
    log(`${profile.name}: ${RUNS} cold loads…`);
    for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(browser, server.base, state, profile));
    results[profile.name] = {
      usableMs: Math.round(median(runs.map((r) => r.ms))),
      usableMsRuns: runs.map((r) => Math.round(r.ms)),
      jsTransferred: median(runs.map((r) => r.jsTransferred)),
      jsDecoded: median(runs.map((r) => r.jsDecoded)),
      jsFiles: runs[0].jsFiles,
      jsEncodings: runs[0].jsEncodings,
      cssTransferred: median(runs.map((r) => r.cssTransferred)),
      totalTransferred: median(runs.map((r) => r.totalTransferred)),
      api: runs[0].api,
      events: runs[0].events,
    };
  }
} finally {
  await browser.close();
  server.stop();
}

if (JSON_OUT) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else {
  const lines = [`first load of / (logged in, empty cache), median of ${RUNS} runs, ${server.base}`];
  for (const [name, r] of Object.entries(results)) {
    lines.push(
      `  ${name.padEnd(9)} usable Overview ${String(r.usableMs).padStart(6)} ms (runs ${r.usableMsRuns.join(", ")})`,
      `            JS ${kb(r.jsTransferred)} transferred (${kb(r.jsDecoded)} decoded, ${r.jsFiles} files, ${r.jsEncodings}); CSS ${kb(r.cssTransferred)}; everything ${kb(r.totalTransferred)}`,
    );
  }
  const api = results.loopback?.api ?? {};
  const dup = Object.entries(api).filter(([, n]) => n > 1);
  lines.push(
    `  API calls until ${SETTLE_MS / 1000} s after usable (loopback): ${Object.entries(api)
      .map(([p, n]) => `${p}×${n}`)
      .join(" ")}`,
    dup.length
      ? `  called more than once: ${dup.map(([p, n]) => `${p}×${n}`).join(" ")}`
      : "  no procedure called more than once",
    `  live events meanwhile: ${
      Object.entries(results.loopback?.events ?? {})
        .map(([k, n]) => `${k}×${n}`)
        .join(" ") || "none"
    }`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}
