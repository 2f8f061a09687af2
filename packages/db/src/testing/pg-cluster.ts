/**
 * A throw-away PostgreSQL 15 cluster for tests, benchmarks and the migration script (never used
 * by the product). Debian's postgresql-15 binaries; initdb refuses root, so as root the cluster
 * runs as the `postgres` user. Non-standard port, loopback only, socket folder under /tmp, trust
 * auth; `stop()` shuts it down immediately and removes the folder.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

export const PG_BIN = process.env.NETOPS_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PgCluster {
  port: number;
  dir: string;
  /** postgres://postgres@127.0.0.1:<port>/<db> */
  url(db: string): string;
  /** CREATE DATABASE (optionally from a template), synchronously through psql. */
  createDatabase(name: string, template?: string): string;
  dropDatabase(name: string): void;
  stop(): void;
}

export function pgAvailable(): boolean {
  return existsSync(path.join(PG_BIN, "initdb"));
}

function asPostgres(bin: string, args: string[]): string {
  const full = path.join(PG_BIN, bin);
  if (userInfo().uid !== 0)
    return execFileSync(full, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  // su's -c takes one shell string: quote every argument.
  const cmd = [full, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  return execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", cmd], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Starts a cluster on `port` and waits for it. Without a port it tries ports from 55000 + pid on,
 * moving on while one is taken (a test process that runs several files may start more than one
 * cluster, and other runs on the machine pick theirs the same way).
 */
export function startPgCluster(port?: number): PgCluster {
  if (port !== undefined) return startPgClusterOn(port);
  const base = 55_000 + (process.pid % 4000);
  for (let attempt = 0; ; attempt++) {
    try {
      return startPgClusterOn(55_000 + ((base - 55_000 + attempt * 389) % 4000));
    } catch (err) {
      if (!(err instanceof PortTaken) || attempt === 7) throw err;
    }
  }
}

class PortTaken extends Error {}

function startPgClusterOn(port: number): PgCluster {
  if (!pgAvailable()) throw new Error(`PostgreSQL 15 not found in ${PG_BIN} (apt-get install postgresql-15)`);
  const dir = mkdtempSync(path.join(tmpdir(), "netops-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  asPostgres("initdb", [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  // fsync stays on: the durability tests kill servers, not the cluster, and the benchmarks
  // measure what a deployment gets.
  try {
    asPostgres("pg_ctl", [
      "-D",
      data,
      "-w",
      "-l",
      path.join(dir, "pg.log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300`,
      "start",
    ]);
  } catch (err) {
    const log = readFileSafe(path.join(dir, "pg.log"));
    rmSync(dir, { recursive: true, force: true });
    if (/Address already in use/.test(log)) throw new PortTaken(`port ${port} is taken`);
    throw new Error(`${(err as Error).message}\n${log.trim().split("\n").slice(-5).join("\n")}`);
  }
  const psql = (db: string, sql: string) =>
    execFileSync(
      path.join(PG_BIN, "psql"),
      [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-d",
        db,
        "-v",
        "ON_ERROR_STOP=1",
        "-qAtc",
        sql,
      ],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  const url = (db: string) => `postgresql://postgres@127.0.0.1:${port}/${db}`;
  return {
    port,
    dir,
    url,
    createDatabase(name, template) {
      psql("postgres", `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
      return url(name);
    },
    dropDatabase(name) {
      psql("postgres", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
    stop() {
      spawnSync(
        "su",
        ["postgres", "-s", "/bin/sh", "-c", `${PG_BIN}/pg_ctl -D '${data}' -m immediate stop`],
        { stdio: "ignore" },
      );
      if (userInfo().uid !== 0)
        spawnSync(path.join(PG_BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], { stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
