import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3117);

// Debian's Chromium, never a downloaded browser; flags keep it off the network it cannot reach.
export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // The flows share one console's state (an acknowledged alert, a changed setting), so they run one
  // at a time; the layout pass only reads pages, so its four width × theme runs go two at a time
  // once the flows are done (about two minutes of the e2e stage saved).
  workers: 2,
  projects: [
    { name: "flows", testIgnore: /layout\.spec\.ts$/, workers: 1 },
    { name: "layout", testMatch: /layout\.spec\.ts$/, fullyParallel: true, dependencies: ["flows"] },
  ],
  retries: 0,
  reporter: [["list"], ["json"]],
  outputDir: "../.test-results/playwright",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node e2e/server.mjs ${PORT}`,
    cwd: "..",
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
