import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServices, type Services } from "@netops/api";
import { type LoadedConfig, loadConfig, loadSecretKey } from "@netops/config";
import { applyMigrations, createDb } from "@netops/db";
import pino from "pino";
import type { Io } from "./io";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The same services the server uses, on the configured database (migrated first). */
export async function withServices<T>(io: Io, fn: (s: Services, c: LoadedConfig) => Promise<T>): Promise<T> {
  const config = loadConfig({ root: repoRoot, env: io.env });
  applyMigrations(config.database.url);
  const db = createDb(config.database.url);
  const services = createServices(db, pino({ level: "silent" }), {
    sessionTtlHours: config.auth.sessionTtlHours,
    loginMaxFailures: config.auth.loginMaxFailures,
    loginWindowSeconds: config.auth.loginWindowSeconds,
    secretKey: loadSecretKey(path.dirname(config.database.url.slice("file:".length)), io.env).key,
    publicOrigin: config.server.publicOrigin ?? `http://${config.server.host}:${config.server.port}`,
    webhook: {
      timeoutMs: config.alerts.webhookTimeoutMs,
      maxAttempts: config.alerts.webhookMaxAttempts,
      backoffMs: config.alerts.webhookBackoffMs,
    },
  });
  try {
    return await fn(services, config);
  } finally {
    await db.$disconnect();
  }
}
