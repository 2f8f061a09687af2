import { createReadStream, existsSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Files a browser asks for by name (icons, scripts, maps): when missing they are a 404, not the app's
 * HTML page (a client route never ends in one of these; hostnames in routes end in a TLD).
 */
const FILE_EXTENSIONS = new Set([
  ...Object.keys(TYPES).filter((e) => e !== ".html"),
  ".map",
  ".mjs",
  ".br",
  ".gz",
  ".webmanifest",
  ".woff",
  ".webp",
]);

/** Never served: source maps stay out of a public build, and precompressed copies go out only by negotiation. */
const NEVER_SERVED = new Set([".map", ".br", ".gz"]);

/** Precompressed siblings the build writes (apps/web/vite-delivery.ts), best first. */
const ENCODINGS = [
  { token: "br", suffix: ".br" },
  { token: "gzip", suffix: ".gz" },
] as const;

/**
 * The codings an Accept-Encoding header allows (RFC 9110 §12.5.3): listed with q > 0, or covered by
 * `*` with q > 0 and not listed with q=0.
 */
export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const star = q.get("*");
  const ok = new Set<string>();
  for (const { token } of ENCODINGS) {
    const v = q.get(token) ?? star;
    if (v !== undefined && v > 0) ok.add(token);
  }
  return ok;
}

/**
 * Serves the built web app; unknown paths get index.html so client-side routes survive a reload.
 * A text file goes out as its precompressed .br or .gz sibling when the client accepts it. Hashed
 * assets (/assets/) are cached for a year as immutable; everything else (index.html) is revalidated.
 * `pathname` is already percent-decoded (http.ts answers 400 to a path that cannot be decoded).
 */
export function createStaticHandler(webDist: string | null, onError: (err: Error, file: string) => void) {
  const root = webDist ? path.resolve(webDist) : null;
  const index = root ? path.join(root, "index.html") : null;
  const notFound = (res: ServerResponse) => {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" });
    res.end("not found\n");
  };
  return (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    if (!root || !index || !existsSync(index)) {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      res.end("The web app is not built. Run `npm start` (it builds it) or `npm run build`.\n");
      return;
    }
    const ext = path.extname(pathname).toLowerCase();
    if (NEVER_SERVED.has(ext)) {
      notFound(res);
      return;
    }
    let file = path.normalize(path.join(root, pathname));
    // Never serve outside the build folder.
    if (!file.startsWith(root + path.sep)) file = index;
    let st = existsSync(file) ? statSync(file) : null;
    if (!st?.isFile()) {
      if (FILE_EXTENSIONS.has(ext) || pathname.startsWith("/assets/")) {
        notFound(res);
        return;
      }
      file = index;
      st = statSync(index);
    }
    const immutable = file.startsWith(path.join(root, "assets") + path.sep);
    const headers: Record<string, string | number> = {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    };
    const accepted = acceptedEncodings(req.headers["accept-encoding"]);
    let body = file;
    let size = st.size;
    let negotiated = false;
    for (const { token, suffix } of ENCODINGS) {
      const alt = `${file}${suffix}`;
      const altSt = existsSync(alt) ? statSync(alt) : null;
      if (!altSt?.isFile()) continue;
      negotiated = true;
      if (body === file && accepted.has(token)) {
        body = alt;
        size = altSt.size;
        headers["content-encoding"] = token;
      }
    }
    // Caches must keep one copy per coding when there is a choice.
    if (negotiated) headers.vary = "accept-encoding";
    headers["content-length"] = size;
    res.writeHead(200, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    // pipeline closes the file when the client goes away mid-file (pipe() would leave it open), and
    // on a read error cuts the connection: the headers are out, and a short body must not pass for
    // the whole file.
    pipeline(createReadStream(body), res, (err) => {
      if (err && (err as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") onError(err, body);
    });
  };
}
