/**
 * GET /api/export/<list>.csv and .json?input=<the list's input as JSON>: every row of the filtered
 * list, streamed page by page (the lease export's way: a slow reader holds back the reads). The
 * list is read through its tRPC procedure as the caller, so roles and validation are the page's;
 * an error before the first byte is a JSON answer with its status, one after it cuts the
 * connection so the download fails instead of looking complete.
 */
import type { ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import type { FeatureRoute } from "../modules/contract";
import { csvLine } from "./csv";
import { writeChunk } from "./write-chunk";
import { createExportCaller, EXPORT_LISTS, type ExportList, exportInputSchema } from "./lists";

const STATUS: Partial<Record<TRPCError["code"], number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
};

function fail(res: ServerResponse, status: number, message: string, issues: string[] = [message]) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ error: { message, issues } }));
}

/** A procedure's refusal as a status and the messages to show (zod issues as `field: reason`). */
function refusal(err: unknown): { status: number; issues: string[] } | null {
  if (!(err instanceof TRPCError)) return null;
  const cause = err.cause as { issues?: { path: (string | number)[]; message: string }[] } | undefined;
  const issues = cause?.issues?.map((i) => `${i.path.join(".") || "input"}: ${i.message}`) ?? [err.message];
  return { status: STATUS[err.code] ?? 500, issues };
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);

function exportRoute(list: ExportList, format: "csv" | "json"): FeatureRoute {
  return {
    path: `/api/export/${list.name}.${format}`,
    role: list.role,
    async handle({ services, user, ip, url, req, res }) {
      const extra = [...url.searchParams.keys()].filter((k) => k !== "input");
      if (extra.length > 0) return fail(res, 400, `unknown parameter ${extra[0]} (only input)`);
      const parsed = exportInputSchema.safeParse(url.searchParams.get("input") ?? "{}");
      if (!parsed.success) return fail(res, 400, parsed.error.issues[0]?.message ?? "bad input");
      const caller = createExportCaller({
        services,
        user,
        req: {
          method: "GET",
          headers: req.headers,
          ip,
          secure: false,
          setCookie: () => {},
        },
        audit: { written: false },
      });
      const { cursor: _c, limit: _l, ...input } = parsed.data;
      // The first page decides the answer: a refused input is a 400 with the procedure's reasons.
      let page: Awaited<ReturnType<ExportList["page"]>>;
      try {
        page = await list.page(caller, input);
      } catch (err) {
        const r = refusal(err);
        if (r && r.status < 500) return fail(res, r.status, r.issues.join("; "), r.issues);
        services.logger.error({ err, list: list.name }, "export failed");
        return fail(res, 500, "the export failed; see the server log");
      }
      res.writeHead(200, {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${list.name}-${stamp()}Z.${format}"`,
        "cache-control": "no-store",
      });
      let first = true;
      const rowsText = (rows: readonly Record<string, unknown>[]) => {
        if (format === "csv") return rows.map((r) => csvLine(list.columns.map((c) => r[c]))).join("");
        const text = rows.map((r, i) => `${first && i === 0 ? "" : ",\n"}${JSON.stringify(r)}`).join("");
        if (rows.length > 0) first = false;
        return text;
      };
      try {
        if (!(await writeChunk(res, format === "csv" ? csvLine(list.columns) : "[\n"))) return;
        for (let pages = 0; ; pages++) {
          if (page.rows.length > 0 && !(await writeChunk(res, rowsText(page.rows)))) return;
          // Bounded: 10,000 pages of 500 rows is more than any list the console keeps.
          if (!page.next || pages >= 10_000) break;
          page = await list.page(caller, page.next);
        }
        if (format === "json" && !(await writeChunk(res, "\n]\n"))) return;
      } catch (err) {
        services.logger.error({ err, list: list.name }, "export failed after the first page");
        res.destroy();
        return;
      }
      res.end();
    },
  };
}

/** Every list's CSV and JSON routes. */
export const exportRoutes: readonly FeatureRoute[] = EXPORT_LISTS.flatMap((l) => [
  exportRoute(l, "csv"),
  exportRoute(l, "json"),
]);
