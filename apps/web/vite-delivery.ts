// Build steps for how the web app is delivered (apps/server/src/static.ts serves the result):
// source maps kept out of the served folder, and every text file precompressed (brotli, gzip) so the
// server sends bytes it need not compress on each request.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin, ResolvedConfig } from "vite";

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

/**
 * The app's own build folder, or null for another build that loads this config (Storybook's, whose
 * output is not served by the console).
 */
function appOutDir(c: ResolvedConfig): string | null {
  const out = path.resolve(c.root, c.build.outDir);
  return out === path.resolve(c.root, "dist") ? out : null;
}

/**
 * Moves every `.map` out of the build folder into `mapsDir` (same relative paths, so the maps'
 * relative `sources` still resolve): the maps are for our tools (scripts/check-web-bundle.mjs) and
 * error triage, not for anyone who can reach the server. Pair with `build.sourcemap: "hidden"` so
 * no chunk points at a map.
 */
export function sourceMapsOutOfDist(mapsDir: string): Plugin {
  let outDir: string | null = null;
  return {
    name: "netops-source-maps-out-of-dist",
    apply: "build",
    configResolved(c) {
      outDir = appOutDir(c);
    },
    buildStart() {
      // Maps of an earlier build would outlive their chunks (the build folder is emptied, this is not).
      if (outDir) rmSync(mapsDir, { recursive: true, force: true });
    },
    writeBundle() {
      if (!outDir) return;
      for (const f of walk(outDir)) {
        if (!f.endsWith(".map")) continue;
        const to = path.join(mapsDir, path.relative(outDir, f));
        mkdirSync(path.dirname(to), { recursive: true });
        renameSync(f, to);
      }
    },
  };
}

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

/** Writes `<file>.br` and `<file>.gz` beside each text file, where they are smaller than the file. */
export function precompress(dir: string): { files: number; bytes: number; br: number; gz: number } {
  const sum = { files: 0, bytes: 0, br: 0, gz: 0 };
  for (const f of [...walk(dir)]) {
    if (!COMPRESSIBLE.test(f)) continue;
    const raw = readFileSync(f);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: statSync(f).size,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    sum.files++;
    sum.bytes += raw.length;
    // A tiny file can grow when compressed: then the server sends it as it is.
    if (br.length < raw.length) writeFileSync(`${f}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${f}.gz`, gz);
    sum.br += Math.min(br.length, raw.length);
    sum.gz += Math.min(gz.length, raw.length);
  }
  return sum;
}

/** Precompresses the build folder once everything (including public/ files) is written. */
export function precompressDist(): Plugin {
  let outDir: string | null = null;
  return {
    name: "netops-precompress",
    apply: "build",
    // After the other closeBundle steps (dropMockWorker deletes a file that must not be compressed).
    enforce: "post",
    configResolved(c) {
      outDir = appOutDir(c);
    },
    closeBundle() {
      if (!outDir) return;
      const s = precompress(outDir);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      this.info(`precompressed ${s.files} files: ${kb(s.bytes)} → br ${kb(s.br)}, gzip ${kb(s.gz)}`);
    },
  };
}
