import { writeChunk as write } from "../../export/write-chunk";
import type { FeatureRoute } from "../../modules/contract";

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
