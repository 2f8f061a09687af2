import { z } from "zod";

/** Every configuration key, with its default. The README's configuration table mirrors this. */
export const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).default("127.0.0.1"),
        port: z.coerce.number().int().min(1).max(65535).default(3000),
        /** The origin browsers use to reach the console; cookie mutations from any other origin are refused. */
        publicOrigin: z.url().optional(),
        /** Directory of the built web app, served at /. */
        webDist: z.string().optional(),
        /** Largest request body accepted, in bytes. */
        maxBodyBytes: z.coerce
          .number()
          .int()
          .min(1024)
          .max(64 * 1024 * 1024)
          .default(1024 * 1024),
      })
      .strict()
      .default({ host: "127.0.0.1", port: 3000, maxBodyBytes: 1024 * 1024 }),
    database: z
      .object({
        url: z
          .string()
          .regex(/^file:/, "only SQLite file: URLs are supported")
          .optional(),
      })
      .strict()
      .default({}),
    log: z
      .object({
        level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
      })
      .strict()
      .default({ level: "info" }),
    auth: z
      .object({
        sessionTtlHours: z.coerce
          .number()
          .min(0.01)
          .max(24 * 30)
          .default(12),
        loginMaxFailures: z.coerce.number().int().min(1).max(1000).default(10),
        loginWindowSeconds: z.coerce.number().int().min(1).max(86400).default(900),
      })
      .strict()
      .default({ sessionTtlHours: 12, loginMaxFailures: 10, loginWindowSeconds: 900 }),
    alerts: z
      .object({
        webhookTimeoutMs: z.coerce.number().int().min(100).max(60_000).default(5000),
        webhookMaxAttempts: z.coerce.number().int().min(1).max(20).default(6),
        webhookBackoffMs: z.coerce.number().int().min(10).max(3_600_000).default(2000),
        historyDays: z.coerce.number().int().min(1).max(3650).default(90),
      })
      .strict()
      .default({ webhookTimeoutMs: 5000, webhookMaxAttempts: 6, webhookBackoffMs: 2000, historyDays: 90 }),
    jobs: z
      .object({ intervalSeconds: z.coerce.number().min(0.1).max(86400).default(15) })
      .strict()
      .default({ intervalSeconds: 15 }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Environment variables and the config path they set; env wins over netops.yaml. */
export const ENV_KEYS: Record<string, string[]> = {
  NETOPS_HOST: ["server", "host"],
  NETOPS_PORT: ["server", "port"],
  NETOPS_PUBLIC_ORIGIN: ["server", "publicOrigin"],
  NETOPS_WEB_DIST: ["server", "webDist"],
  NETOPS_MAX_BODY_BYTES: ["server", "maxBodyBytes"],
  DATABASE_URL: ["database", "url"],
  NETOPS_LOG_LEVEL: ["log", "level"],
  NETOPS_SESSION_TTL_HOURS: ["auth", "sessionTtlHours"],
  NETOPS_LOGIN_MAX_FAILURES: ["auth", "loginMaxFailures"],
  NETOPS_LOGIN_WINDOW_SECONDS: ["auth", "loginWindowSeconds"],
  NETOPS_WEBHOOK_TIMEOUT_MS: ["alerts", "webhookTimeoutMs"],
  NETOPS_WEBHOOK_MAX_ATTEMPTS: ["alerts", "webhookMaxAttempts"],
  NETOPS_WEBHOOK_BACKOFF_MS: ["alerts", "webhookBackoffMs"],
  NETOPS_ALERT_HISTORY_DAYS: ["alerts", "historyDays"],
  NETOPS_JOB_INTERVAL_SECONDS: ["jobs", "intervalSeconds"],
};
