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
 * Serves the built web app; unknown paths get index.html so client-side routes survive a reload.
 * `pathname` is already percent-decoded (http.ts answers 400 to a path that cannot be decoded).
 */
export function createStaticHandler(webDist: string | null, onError: (err: Error, file: string) => void) {
  const root = webDist ? path.resolve(webDist) : null;
  const index = root ? path.join(root, "index.html") : null;
  return (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    if (!root || !index || !existsSync(index)) {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      res.end("The web app is not built. Run `npm start` (it builds it) or `npm run build`.\n");
      return;
    }
    let file = path.normalize(path.join(root, pathname));
    // Never serve outside the build folder.
    if (!file.startsWith(root + path.sep)) file = index;
    let st = existsSync(file) ? statSync(file) : null;
    if (!st?.isFile()) {
      if (path.extname(pathname) && pathname.startsWith("/assets/")) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end("not found\n");
        return;
      }
      file = index;
      st = statSync(index);
    }
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "content-length": st.size,
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    // pipeline closes the file when the client goes away mid-file (pipe() would leave it open), and
    // on a read error cuts the connection: the headers are out, and a short body must not pass for
    // the whole file.
    pipeline(createReadStream(file), res, (err) => {
      if (err && (err as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") onError(err, file);
    });
  };
}
