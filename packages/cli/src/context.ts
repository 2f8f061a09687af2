import path from "node:path";
import { fileURLToPath } from "node:url";
import { composeConsole, type Services } from "@netops/api";
import { type LoadedConfig, loadConfig, loadSecretKey } from "@netops/config";
import { createDb, migrateDatabase } from "@netops/db";
import pino from "pino";
import type { Io } from "./io";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The same services the server uses, on the configured database (migrated first). */
export async function withServices<T>(io: Io, fn: (s: Services, c: LoadedConfig) => Promise<T>): Promise<T> {
  const config = loadConfig({ root: repoRoot, env: io.env });
  await migrateDatabase(config.database.url);
  const db = createDb(config.database.url, { pool: config.database.pool });
  // The same composition root as the server, from the same configuration (every module's options).
  const composed = composeConsole({
    config,
    env: io.env,
    db,
    logger: pino({ level: "silent" }),
    secretKey: loadSecretKey(config.database.dataDir ?? path.dirname(config.database.url.slice("file:".length)), io.env).key,
  });
  try {
    return await fn(composed.services, config);
  } finally {
    await composed.close();
    await db.$disconnect();
  }
}
