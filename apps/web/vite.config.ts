import { rmSync } from "node:fs";
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { precompressDist, sourceMapsOutOfDist } from "./vite-delivery";

const backend = "http://127.0.0.1:3000";

/** The MSW worker lives in public/ for dev:mock and Storybook; a production build must not ship it. */
function dropMockWorker(): Plugin {
  let outDir = "dist";
  return {
    name: "netops-drop-mock-worker",
    apply: "build",
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      if (process.env.VITE_MOCK !== "1") rmSync(path.join(outDir, "mockServiceWorker.js"), { force: true });
    },
  };
}

export default defineConfig({
  // Source maps go to apps/web/sourcemaps (not served, gitignored); scripts/check-web-bundle.mjs reads them.
  plugins: [
    react(),
    dropMockWorker(),
    sourceMapsOutOfDist(path.resolve(import.meta.dirname, "sourcemaps")),
    precompressDist(),
  ],
  server: {
    proxy: {
      // SSE subscriptions go through the same proxy; keep the connection open.
      "/api": { target: backend, changeOrigin: false, ws: false },
      "/healthz": { target: backend, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: backend, changeOrigin: false },
      "/healthz": { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Maps without a sourceMappingURL comment in the chunks, moved out of dist by sourceMapsOutOfDist.
    sourcemap: "hidden",
    // No inline module-preload polyfill script: the CSP allows only 'self' scripts.
    modulePreload: { polyfill: false },
  },
});
