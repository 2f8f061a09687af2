import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// One Vitest run covers every workspace: node-side packages here, the web app (jsdom) in its own project.
export default defineConfig({
  test: {
    // One fork per core, at least two. Vitest's default (cores − 1) ran everything in one fork on
    // 2 cores, while the tests spend much of their time waiting on real servers, sockets and
    // timers. Two forks overlap those waits: 885 s → 591 s for this run on 2 cores, same results.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: [
            "packages/*/src/**/*.test.ts",
            "packages/*/test/**/*.test.ts",
            "apps/server/{src,test}/**/*.test.ts",
          ],
          testTimeout: 30_000,
          // NETOPS_TEST_DB=postgres: the same tests on a throw-away PostgreSQL 15 cluster.
          globalSetup: ["packages/db/src/testing/pg-global-setup.ts"],
          hookTimeout: 60_000,
        },
      },
      "apps/web/vitest.config.ts",
    ],
  },
});
