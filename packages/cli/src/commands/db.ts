import { parseArgs } from "node:util";
import { loadConfig } from "@netops/config";
import { copySqliteToPostgres, engineOf } from "@netops/db";
import { repoRoot } from "../context";
import { Failure, type Io, print, UsageError } from "../io";

export const DB_HELP = `netops db copy --to postgres://USER@HOST/DB [--json]
    copies the console's SQLite database (DATABASE_URL, netops.yaml) into an empty PostgreSQL
    database, migrated first; stop the console while it runs`;

export async function dbCommand(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { to: { type: "string" }, json: { type: "boolean" } },
  });
  if (sub !== "copy") throw new UsageError(DB_HELP);
  const to = values.to;
  if (!to || !/^postgres(ql)?:\/\//i.test(to)) throw new UsageError(`--to: a postgres:// URL\n${DB_HELP}`);
  const from = loadConfig({ root: repoRoot, env: io.env }).database.url;
  if (engineOf(from) !== "sqlite")
    throw new UsageError("the configured database is not SQLite: nothing to copy from");
  let report: Awaited<ReturnType<typeof copySqliteToPostgres>>;
  try {
    report = await copySqliteToPostgres(from, to);
  } catch (e) {
    throw new Failure(`db copy: ${(e as Error).message}`);
  }
  const rows = report.tables.filter((t) => t.rows > 0).map((t) => [t.table, String(t.rows)]);
  print(io, values.json ?? false, report, [["TABLE", "ROWS"], ...rows]);
  if (!values.json) io.out(`${report.rows} rows in ${report.tables.length} tables copied\n`);
}
