import type { ServerResponse } from "node:http";
import type { FeatureRoute } from "../../modules/contract";

/**
 * Writes one chunk, waiting for 'drain' when the socket buffer is full, so a slow reader holds
 * back the database reads instead of the server buffering the whole export. False once the client
 * has gone away.
 */
function write(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}

/** GET /api/export/dhcp/leases.csv?<the lease table's URL filters>: every matching lease, streamed. */
export const dhcpRoutes: FeatureRoute[] = [
  {
    path: "/api/export/dhcp/leases.csv",
    role: "viewer",
    async handle({ services, url, res }) {
      const parsed = services.dhcp.exportFilter(url.searchParams);
      if ("issues" in parsed) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: parsed.issues.join("; "), issues: parsed.issues } }));
        return;
      }
      const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
      res.writeHead(200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="dhcp-leases-${stamp}Z.csv"`,
        "cache-control": "no-store",
      });
      try {
        for await (const chunk of services.dhcp.csvChunks(parsed.filter)) {
          if (!(await write(res, chunk))) return; // client gone: stop reading the database
        }
      } catch (err) {
        // The 200 is out: cut the connection so the download fails instead of looking complete.
        services.logger.error({ err }, "dhcp lease export failed");
        res.destroy();
        return;
      }
      res.end();
    },
  },
];
