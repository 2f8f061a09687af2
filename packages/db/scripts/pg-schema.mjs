// The PostgreSQL twin of prisma/schema/*.prisma: the same models with the datasource provider
// switched, written to packages/db/.pg-schema/ (generated, not committed) and the client
// generated from it into packages/db/src/generated-pg. One set of models, two clients.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../../..");
export const pgSchemaDir = path.join(root, "packages/db/.pg-schema");

/** Writes the PostgreSQL schema folder from prisma/schema; returns its path. */
export function writePgSchema(dir = pgSchemaDir) {
  const src = path.join(root, "prisma/schema");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(src).filter((f) => f.endsWith(".prisma"))) {
    let text = readFileSync(path.join(src, f), "utf8");
    if (/datasource\s+db\s*\{/.test(text)) {
      const before = text;
      text = text
        .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
        .replace(
          /output\s*=\s*"[^"]*"/,
          `output = "${path.relative(dir, path.join(root, "packages/db/src/generated-pg"))}"`,
        );
      if (text === before) throw new Error(`${f}: no sqlite datasource/generator output to switch`);
    }
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

/** A postgres URL for the CLI to read engineType from (never connected to by generate/diff). */
export const placeholderPgUrl = "postgresql://netops@127.0.0.1:1/netops";

export function generatePgClient() {
  const dir = writePgSchema();
  // --config /dev/null-like: the root prisma.config.ts names the SQLite adapter and schema;
  // generate only reads the schema given here.
  execFileSync("npx", ["prisma", "generate", "--schema", dir, "--config", path.join(here, "pg.config.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: placeholderPgUrl },
    stdio: "inherit",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) generatePgClient();
