// npm run db:pg-migration — writes the PostgreSQL twin of every SQLite migration that lacks one:
// prisma/postgres/migrations/<same name>/migration.sql. The schema before and after the SQLite
// migration is read back from SQLite (`prisma db pull`), switched to PostgreSQL, and diffed by
// `prisma migrate diff --script` against a throw-away PostgreSQL cluster (the JS schema engine
// needs a server to diff on). Run it after adding a SQLite migration; a test fails until you do.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { withoutFtsModels } from "../src/fts";
import { applyMigrations, migrationsDir, pgMigrationsDir } from "../src/migrate";
import { startPgCluster } from "../src/testing/pg-cluster";

const root = path.resolve(import.meta.dirname, "../../..");
const pgConfig = path.join(import.meta.dirname, "pg.config.ts");

function sqliteNames(): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The datamodel SQLite holds after the migrations up to `upto` (inclusive), as a PostgreSQL schema. */
function pulledAsPg(work: string, upto: string): string {
  const dir = mkdtempSync(path.join(work, "s-"));
  const url = `file:${path.join(dir, "m.db")}`;
  applyMigrations(url, { upto });
  const out = execFileSync("npx", ["prisma", "db", "pull", "--print"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  // Adapter warnings come first; then "// prisma/schema/<file>" headers, generator and datasource.
  // The FTS5 tables of partial search are SQLite's own (PostgreSQL's twin uses pg_trgm indexes).
  const body = withoutFtsModels(out.slice(out.search(/^(\/\/ prisma\/schema\/|generator |datasource )/m)));
  const file = path.join(dir, "schema.prisma");
  writeFileSync(file, body.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'));
  return file;
}

function main() {
  const missing = sqliteNames().filter((n) => !existsSync(path.join(pgMigrationsDir, n, "migration.sql")));
  if (missing.length === 0) {
    console.log("every SQLite migration has its PostgreSQL twin");
    return;
  }
  const all = sqliteNames();
  const work = mkdtempSync(path.join(tmpdir(), "netops-pgmig-"));
  const cluster = startPgCluster();
  try {
    const env = { ...process.env, DATABASE_URL: cluster.createDatabase("diff") };
    for (const name of missing) {
      const i = all.indexOf(name);
      const prev = i > 0 ? pulledAsPg(work, all[i - 1] as string) : null;
      const next = pulledAsPg(work, name);
      const args = ["prisma", "migrate", "diff", "--config", pgConfig, "--script"];
      args.push(
        ...(prev ? ["--from-schema-datamodel", prev] : ["--from-empty"]),
        "--to-schema-datamodel",
        next,
      );
      const sql = execFileSync("npx", args, {
        cwd: root,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      mkdirSync(path.join(pgMigrationsDir, name), { recursive: true });
      writeFileSync(path.join(pgMigrationsDir, name, "migration.sql"), sql);
      console.log(`wrote prisma/postgres/migrations/${name}/migration.sql`);
    }
  } finally {
    cluster.stop();
  }
}

main();
