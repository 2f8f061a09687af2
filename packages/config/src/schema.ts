import { parseCidr } from "@netops/protocols/dhcp";
import { z } from "zod";
import { BGP_ENV_KEYS, bgpConfigSchema } from "./bgp";
import { RSERPOOL_ENV_KEYS, rserpoolConfigSchema } from "./rserpool";

/** An outbound destination: `host`, `host:port`, `[IPv6]:port` or a bare IPv6 address (the service's port when none). */
const destination = z
  .string()
  .trim()
  .regex(
    /^(\[[0-9A-Fa-f:.]+\](:\d{1,5})?|[A-Za-z0-9._-]+(:\d{1,5})?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/,
    "host, host:port or [IPv6]:port",
  );

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
        /**
         * Most calls in one batched API request (tRPC runs them in parallel, so one request could
         * cost as much as thousands). The web app batches at most 10 (apps/web/src/trpc.ts).
         */
        maxBatchSize: z.coerce.number().int().min(10).max(1000).default(20),
        /**
         * How long a replica answers the same list query (alerts, BGP events, leases) from the bytes
         * it computed (ms; 0: never). Changes to alerts and silences, and mutations through this
         * replica, drop the answers at once; other changes show within this time.
         */
        listCacheMs: z.coerce.number().int().min(0).max(10_000).default(1000),
        /**
         * Load balancers / TLS proxies (addresses or prefixes) whose X-Forwarded-For is believed, so
         * login throttles and the audit log see the browser's address, not the balancer's.
         */
        trustedProxies: z
          .preprocess(
            // The variable's form: "10.0.0.5,192.0.2.0/28".
            (v) =>
              typeof v === "string"
                ? v
                    .split(",")
                    .map((s) => s.trim())
                    .filter((s) => s.length > 0)
                : v,
            z
              .array(z.string().refine((s) => parseCidr(s.trim()) !== null, "not an address or prefix"))
              .max(100),
          )
          .default([]),
      })
      .strict()
      .default({
        host: "127.0.0.1",
        port: 3000,
        maxBodyBytes: 1024 * 1024,
        maxBatchSize: 20,
        listCacheMs: 1000,
        trustedProxies: [],
      }),
    database: z
      .object({
        url: z
          .string()
          .regex(/^(file:|postgres(ql)?:\/\/)/, "expected a SQLite file: URL or a postgres:// URL")
          .optional(),
        /**
         * PostgreSQL: connections this replica's Prisma client may hold (default 10, createDb).
         * Requests beyond it wait for one; keep replicas × (pool + 6) under max_connections.
         */
        pool: z.coerce.number().int().min(1).max(500).optional(),
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
        /**
         * How long a replica trusts a session it has checked (no database read per request). The
         * replica that ends a session forgets it at once; on the others a revoked session works at
         * most this long. 0: read the session on every request.
         */
        sessionCacheSeconds: z.coerce.number().min(0).max(60).default(5),
      })
      .strict()
      .default({
        sessionTtlHours: 12,
        loginMaxFailures: 10,
        loginWindowSeconds: 900,
        sessionCacheSeconds: 5,
      }),
    alerts: z
      .object({
        webhookTimeoutMs: z.coerce.number().int().min(100).max(60_000).default(5000),
        webhookMaxAttempts: z.coerce.number().int().min(1).max(20).default(6),
        webhookBackoffMs: z.coerce.number().int().min(10).max(3_600_000).default(2000),
        historyDays: z.coerce.number().int().min(1).max(3650).default(90),
        /** Finished webhook deliveries older than this are deleted by housekeeping. */
        webhookHistoryDays: z.coerce.number().int().min(1).max(3650).default(30),
        /** Deliveries in flight at once, across receivers (each receiver has at most one). */
        webhookConcurrency: z.coerce.number().int().min(1).max(64).default(8),
        /** Re-send a firing, unacknowledged alert after this many minutes (Alertmanager: 4 h); 0 = never. */
        repeatIntervalMinutes: z.coerce.number().int().min(0).max(10_080).default(240),
      })
      .strict()
      .default({
        webhookTimeoutMs: 5000,
        webhookMaxAttempts: 6,
        webhookBackoffMs: 2000,
        historyDays: 90,
        webhookHistoryDays: 30,
        webhookConcurrency: 8,
        repeatIntervalMinutes: 240,
      }),
    jobs: z
      .object({ intervalSeconds: z.coerce.number().min(0.1).max(86400).default(15) })
      .strict()
      .default({ intervalSeconds: 15 }),
    /** DNS zones (ZONEMD): where zone copies may be read from, and the limits of a fetch. */
    dns: z
      .object({
        /** Zone files may only be read from inside these folders. */
        zoneDirs: z.array(z.string().min(1)).max(50).default([]),
        /** https URLs the console may fetch zones from (exact URLs; nothing else is fetched). */
        httpsUrls: z
          .array(z.url({ protocol: /^https$/ }))
          .max(50)
          .default([]),
        maxZoneBytes: z.coerce
          .number()
          .int()
          .min(1024)
          .default(512 * 1024 * 1024),
        maxRecords: z.coerce.number().int().min(10).default(5_000_000),
        fetchTimeoutSeconds: z.coerce.number().min(1).max(3600).default(300),
        /** Recursive resolver ("IP:PORT", "[IPv6]:PORT") for a zone's NS names; none: NS names are not resolved. */
        resolver: z.string().min(1).max(100).nullable().default(null),
        /** AXFR/SOA servers (host[:port], 53 by default) besides public addresses on port 53; loopback/private ones must be listed. */
        allowedServers: z.array(destination).max(200).default([]),
      })
      .strict()
      .default({
        allowedServers: [],
        zoneDirs: [],
        httpsUrls: [],
        maxZoneBytes: 512 * 1024 * 1024,
        maxRecords: 5_000_000,
        fetchTimeoutSeconds: 300,
        resolver: null,
      }),
    /** DHCP lease-file sources: the folders they may be read from, and how large a file may be. */
    dhcp: z
      .object({
        /** Lease files may only be read from inside these folders (symlinks resolved); none: no file source. */
        leaseDirs: z
          .preprocess(
            // The variable's form: "/var/lib/kea,/var/lib/dhcp".
            (v) =>
              typeof v === "string"
                ? v
                    .split(",")
                    .map((s) => s.trim())
                    .filter((s) => s.length > 0)
                : v,
            z.array(z.string().min(1).startsWith("/", "an absolute folder path")).max(50),
          )
          .default([]),
        /** Kea Control Agents (host[:port], 8000 by default) a kea-api source URL may point at. */
        keaAgents: z.array(destination).max(50).default([]),
        /** Kea control sockets may only be used inside these folders (symlinks resolved); none: no socket source. */
        keaSocketDirs: z
          .array(z.string().min(1).startsWith("/", "an absolute folder path"))
          .max(20)
          .default([]),
        /** A lease file larger than this is refused rather than read. */
        maxLeaseFileBytes: z.coerce
          .number()
          .int()
          .min(1024)
          .default(1024 * 1024 * 1024),
      })
      .strict()
      .default({ leaseDirs: [], keaAgents: [], keaSocketDirs: [], maxLeaseFileBytes: 1024 * 1024 * 1024 }),
    /** RDAP client: bootstrap overrides, hosts beyond the IANA bootstrap, limits. */
    rdap: z
      .object({
        enabled: z.boolean().default(true),
        /** Base URLs per TLD/suffix (dns), prefix (ip), AS or "from-to" range (asn), handle tag (tags). */
        bootstrap: z
          .object({
            dns: z.record(z.string().min(1), z.array(z.url()).min(1)).default({}),
            ip: z.record(z.string().min(1), z.array(z.url()).min(1)).default({}),
            asn: z.record(z.string().min(1), z.array(z.url()).min(1)).default({}),
            tags: z.record(z.string().min(1), z.array(z.url()).min(1)).default({}),
            /** For queries the bootstrap cannot place (entity searches, untagged handles). */
            default: z.array(z.url()).max(10).default([]),
          })
          .strict()
          .default({ dns: {}, ip: {}, asn: {}, tags: {}, default: [] }),
        /** Hosts that may be contacted besides those the bootstrap lists: host (port 443, 80 for an http host) or host:port. */
        allowedHosts: z.array(z.string().min(1).max(253)).max(200).default([]),
        /** Hosts allowed to resolve to private/loopback addresses (a lab server). */
        privateHosts: z.array(z.string().min(1).max(253)).max(20).default([]),
        /** Hosts allowed over plain http (a lab server); everything else is https only. */
        httpHosts: z.array(z.string().min(1).max(253)).max(20).default([]),
        timeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
        perHostConcurrency: z.coerce.number().int().min(1).max(32).default(2),
        maxBodyBytes: z.coerce
          .number()
          .int()
          .min(1024)
          .max(64 * 1024 * 1024)
          .default(4 * 1024 * 1024),
        /** RFC 9224 registries (dns.json, ipv4.json …) are refreshed from here, https only. */
        bootstrapUrl: z.url().default("https://data.iana.org/rdap/"),
        /** Period of the bootstrap refresh; 0 keeps the shipped snapshot and contacts no one. */
        // At most 24 days: a longer period would overflow the scheduler's timer (2^31 ms).
        bootstrapRefreshHours: z.coerce
          .number()
          .min(0)
          .max(24 * 24)
          .default(24),
      })
      .strict()
      .default({
        enabled: true,
        bootstrap: { dns: {}, ip: {}, asn: {}, tags: {}, default: [] },
        bootstrapUrl: "https://data.iana.org/rdap/",
        bootstrapRefreshHours: 24,
        allowedHosts: [],
        privateHosts: [],
        httpHosts: [],
        timeoutMs: 10_000,
        perHostConcurrency: 2,
        maxBodyBytes: 4 * 1024 * 1024,
      }),
    /** BGP collectors: BMP and syslog listeners, followed log files, ticket links (see ./bgp.ts). */
    bgp: bgpConfigSchema,
    /** RSerPool listeners (ASAP announce, ENRP presence, CSP) and alert thresholds (see ./rserpool.ts). */
    rserpool: rserpoolConfigSchema,
    /** Registry (EPP) sessions and the transcript's retention. */
    epp: z
      .object({
        /** A command without a response within this time fails its session. */
        commandTimeoutSeconds: z.coerce.number().min(1).max(600).default(30),
        /** <hello> after this much idle time (below the registry's idle timeout). */
        keepaliveSeconds: z.coerce.number().min(5).max(3600).default(240),
        /** Cached hosts older than this are re-read with <host:info> by the job. */
        hostRefreshMinutes: z.coerce.number().min(1).max(10_080).default(15),
        /** Transcript rows are purged after this many days, or beyond this many rows. */
        transcriptDays: z.coerce.number().int().min(1).max(3650).default(90),
        transcriptMaxRows: z.coerce.number().int().min(1000).max(50_000_000).default(200_000),
        /** Registry servers (host[:port], 700 by default) besides public addresses on port 700; loopback/private ones must be listed. */
        allowedServers: z.array(destination).max(50).default([]),
      })
      .strict()
      .default({
        allowedServers: [],
        commandTimeoutSeconds: 30,
        keepaliveSeconds: 240,
        hostRefreshMinutes: 15,
        transcriptDays: 90,
        transcriptMaxRows: 200_000,
      }),
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
  NETOPS_MAX_BATCH_SIZE: ["server", "maxBatchSize"],
  NETOPS_LIST_CACHE_MS: ["server", "listCacheMs"],
  NETOPS_TRUSTED_PROXIES: ["server", "trustedProxies"],
  DATABASE_URL: ["database", "url"],
  NETOPS_DB_POOL: ["database", "pool"],
  NETOPS_LOG_LEVEL: ["log", "level"],
  NETOPS_SESSION_TTL_HOURS: ["auth", "sessionTtlHours"],
  NETOPS_LOGIN_MAX_FAILURES: ["auth", "loginMaxFailures"],
  NETOPS_LOGIN_WINDOW_SECONDS: ["auth", "loginWindowSeconds"],
  NETOPS_SESSION_CACHE_SECONDS: ["auth", "sessionCacheSeconds"],
  NETOPS_WEBHOOK_TIMEOUT_MS: ["alerts", "webhookTimeoutMs"],
  NETOPS_WEBHOOK_MAX_ATTEMPTS: ["alerts", "webhookMaxAttempts"],
  NETOPS_WEBHOOK_BACKOFF_MS: ["alerts", "webhookBackoffMs"],
  NETOPS_ALERT_HISTORY_DAYS: ["alerts", "historyDays"],
  NETOPS_WEBHOOK_HISTORY_DAYS: ["alerts", "webhookHistoryDays"],
  NETOPS_WEBHOOK_CONCURRENCY: ["alerts", "webhookConcurrency"],
  NETOPS_ALERT_REPEAT_MINUTES: ["alerts", "repeatIntervalMinutes"],
  NETOPS_JOB_INTERVAL_SECONDS: ["jobs", "intervalSeconds"],
  NETOPS_DHCP_LEASE_DIRS: ["dhcp", "leaseDirs"],
  NETOPS_DHCP_MAX_LEASE_FILE_BYTES: ["dhcp", "maxLeaseFileBytes"],
  ...BGP_ENV_KEYS,
  ...RSERPOOL_ENV_KEYS,
};
