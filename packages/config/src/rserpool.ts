// netops.yaml `rserpool:` — the RSerPool listeners and alert thresholds (issue 13). Every key also has a
// NETOPS_RSERPOOL_* variable (RSERPOOL_ENV_KEYS). Listeners start only with `listen: true`.
import { z } from "zod";

const ENDPOINT = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/;

/** "GROUP-OR-ADDRESS:PORT" or "[IPv6]:PORT": a multicast group is joined, any other address is bound. */
const endpoint = z
  .string()
  .trim()
  .regex(ENDPOINT, "expected ADDRESS:PORT (e.g. 239.0.0.50:3863 or [ff05::133]:3863)")
  .refine((v) => Number(ENDPOINT.exec(v)?.[3] ?? 0) <= 65535, "port above 65535");

const bool = z.preprocess(
  (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v),
  z.boolean("expected true or false"),
);

/** "POOL=N,…" (the variable's form) → { POOL: N }. */
function minimums(v: unknown, ctx: z.RefinementCtx): unknown {
  if (typeof v !== "string") return v;
  const out: Record<string, number> = {};
  for (const item of v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = item.lastIndexOf("=");
    const n = Number(item.slice(eq + 1));
    if (eq < 1 || !Number.isInteger(n)) {
      ctx.addIssue({ code: "custom", message: `expected POOL=COUNT, got "${item}"` });
      return z.NEVER;
    }
    out[item.slice(0, eq).trim()] = n;
  }
  return out;
}

export const rserpoolConfigSchema = z
  .object({
    /** Start the UDP listeners (announce, presence, CSP). */
    listen: bool.default(false),
    /** ASAP Server Announce channel (rsplib's default group; IANA's is 224.0.1.185 / FF0X::133). */
    announce: endpoint.default("239.0.0.50:3863"),
    /** ENRP Presence channel (rsplib's default group, IANA enrp-udp port). */
    presence: endpoint.default("239.0.0.51:9901"),
    /** Component Status Protocol reports (rsplib's cspmonitor port). */
    csp: endpoint.default("0.0.0.0:2960"),
    /** Local address of the interface multicast groups are joined on (default: the system's choice). */
    interface: z.string().trim().min(1).max(64).optional(),
    /** A registrar with no Presence for this long is silent (rsplib: heartbeat 2.4 s, max-time-last-heard 5 s). */
    registrarSilenceSeconds: z.coerce.number().min(1).max(86_400).default(10),
    /** Registrars whose checksum disagrees with the known handlespace for longer than this raise an alert. */
    checksumGraceSeconds: z.coerce.number().min(0).max(86_400).default(30),
    /** Takeovers and unreachable reports stay alerted for this long after they were seen. */
    eventAlertMinutes: z.coerce.number().min(1).max(10_080).default(60),
    /** Pools that must keep at least this many registered PEs. */
    poolMinimum: z
      .preprocess(minimums, z.record(z.string().min(1).max(255), z.number().int().min(1).max(100_000)))
      .default({}),
    /** Largest capture accepted by an upload. */
    maxCaptureBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(256 * 1024 * 1024),
  })
  .strict()
  .default({
    listen: false,
    announce: "239.0.0.50:3863",
    presence: "239.0.0.51:9901",
    csp: "0.0.0.0:2960",
    registrarSilenceSeconds: 10,
    checksumGraceSeconds: 30,
    eventAlertMinutes: 60,
    poolMinimum: {},
    maxCaptureBytes: 256 * 1024 * 1024,
  });

export const RSERPOOL_ENV_KEYS: Record<string, string[]> = {
  NETOPS_RSERPOOL_LISTEN: ["rserpool", "listen"],
  NETOPS_RSERPOOL_ANNOUNCE: ["rserpool", "announce"],
  NETOPS_RSERPOOL_PRESENCE: ["rserpool", "presence"],
  NETOPS_RSERPOOL_CSP: ["rserpool", "csp"],
  NETOPS_RSERPOOL_INTERFACE: ["rserpool", "interface"],
  NETOPS_RSERPOOL_REGISTRAR_SILENCE_SECONDS: ["rserpool", "registrarSilenceSeconds"],
  NETOPS_RSERPOOL_CHECKSUM_GRACE_SECONDS: ["rserpool", "checksumGraceSeconds"],
  NETOPS_RSERPOOL_EVENT_ALERT_MINUTES: ["rserpool", "eventAlertMinutes"],
  NETOPS_RSERPOOL_POOL_MINIMUM: ["rserpool", "poolMinimum"],
  NETOPS_RSERPOOL_MAX_CAPTURE_BYTES: ["rserpool", "maxCaptureBytes"],
};
