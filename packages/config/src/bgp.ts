// netops.yaml `bgp:` — the BGP collectors (issue 4). Every key also has a NETOPS_BGP_* variable (ENV_KEYS);
// list- and map-valued keys then take the variable's compact form, e.g. "ROUTER=/path,ROUTER2=/path2".
import { z } from "zod";

const LISTEN = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/;

/** "HOST:PORT" or "[IPv6]:PORT"; port 0 picks a free one (tests). */
const listenSchema = z
  .string()
  .trim()
  .regex(LISTEN, "expected HOST:PORT (e.g. 127.0.0.1:11019 or [::1]:11019)")
  // Only when the form matched: a malformed value gets the one message above.
  .refine((v) => Number(LISTEN.exec(v)?.[3] ?? 0) <= 65535, "port above 65535");

/** "A=B,C=D" (the variable's form) → { A: "B", C: "D" }; anything else passes through to the record schema. */
function pairRecord(v: unknown, ctx: z.RefinementCtx): unknown {
  if (typeof v !== "string") return v;
  const out: Record<string, string> = {};
  for (const item of v.split(",")) {
    const s = item.trim();
    if (!s) continue;
    const eq = s.indexOf("=");
    if (eq < 1 || eq === s.length - 1) {
      ctx.addIssue({ code: "custom", message: `expected ADDRESS=ROUTER, got "${s}"` });
      return z.NEVER;
    }
    out[s.slice(0, eq).trim()] = s.slice(eq + 1).trim();
  }
  return out;
}

/** "ROUTER=/path,…" (the variable's form); a bare path takes the file's base name as router. */
function fileList(v: unknown): unknown {
  if (typeof v !== "string") return v;
  return v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const eq = s.indexOf("=");
      const path = eq > 0 ? s.slice(eq + 1) : s;
      return { router: eq > 0 ? s.slice(0, eq) : (path.split("/").pop() ?? path), path };
    });
}

const logFileSchema = z
  .object({ router: z.string().trim().min(1).max(255), path: z.string().min(1) })
  .strict();

export const bgpConfigSchema = z
  .object({
    /** BMP (RFC 7854) listener; unset = none (demo mode uses a loopback port of its own). */
    bmpListen: listenSchema.optional(),
    bmpMaxConnections: z.coerce.number().int().min(1).max(10_000).default(64),
    /** Syslog receivers (RFC 5424/3164; TCP with RFC 6587 framing). */
    syslogUdpListen: listenSchema.optional(),
    syslogTcpListen: listenSchema.optional(),
    /**
     * SO_RCVBUF asked for the syslog UDP socket; the kernel caps it at net.core.rmem_max (the
     * console logs and shows the size it got). A full buffer loses lines: TCP syslog does not.
     */
    syslogUdpBufferBytes: z.coerce
      .number()
      .int()
      .min(65_536)
      .max(1024 * 1024 * 1024)
      .default(8 * 1024 * 1024),
    /** Read the syslog UDP socket in a worker thread, away from the busy main event loop. */
    syslogUdpWorker: z
      .preprocess(
        (v) => (v === "true" ? true : v === "false" ? false : v),
        z.boolean("expected true or false"),
      )
      .default(true),
    /** Sender address → router name, for syslog senders without a usable HOSTNAME. */
    syslogRouters: z
      .preprocess(pairRecord, z.record(z.string().min(1), z.string().trim().min(1).max(255)))
      .default({}),
    /** Router log files to follow (rotation- and truncation-safe). */
    logFiles: z.preprocess(fileList, z.array(logFileSchema).max(200)).default([]),
    filePollMs: z.coerce.number().int().min(50).max(60_000).default(1000),
    /** Ticket references in communication texts (a JavaScript regular expression). */
    ticketPattern: z
      .string()
      .min(1)
      .max(500)
      .refine((p) => {
        try {
          new RegExp(p, "g");
          return true;
        } catch {
          return false;
        }
      }, "not a valid regular expression")
      .optional(),
    /** Link for a ticket reference: an http(s) URL containing {ref}. */
    ticketUrl: z
      .string()
      .trim()
      .regex(/^https?:\/\/\S+\{(ref|raw)\}/, "expected an http(s) URL containing {ref}")
      .optional(),
  })
  .strict()
  .default({
    bmpMaxConnections: 64,
    syslogUdpBufferBytes: 8 * 1024 * 1024,
    syslogUdpWorker: true,
    syslogRouters: {},
    logFiles: [],
    filePollMs: 1000,
  });

export type BgpConfig = z.infer<typeof bgpConfigSchema>;

/** Environment variables of the bgp section (env wins over netops.yaml). */
export const BGP_ENV_KEYS: Record<string, string[]> = {
  NETOPS_BGP_BMP_LISTEN: ["bgp", "bmpListen"],
  NETOPS_BGP_BMP_MAX_CONNECTIONS: ["bgp", "bmpMaxConnections"],
  NETOPS_BGP_SYSLOG_UDP_LISTEN: ["bgp", "syslogUdpListen"],
  NETOPS_BGP_SYSLOG_TCP_LISTEN: ["bgp", "syslogTcpListen"],
  NETOPS_BGP_SYSLOG_UDP_BUFFER_BYTES: ["bgp", "syslogUdpBufferBytes"],
  NETOPS_BGP_SYSLOG_UDP_WORKER: ["bgp", "syslogUdpWorker"],
  NETOPS_BGP_SYSLOG_ROUTERS: ["bgp", "syslogRouters"],
  NETOPS_BGP_LOG_FILES: ["bgp", "logFiles"],
  NETOPS_BGP_FILE_POLL_MS: ["bgp", "filePollMs"],
  NETOPS_BGP_TICKET_PATTERN: ["bgp", "ticketPattern"],
  NETOPS_BGP_TICKET_URL: ["bgp", "ticketUrl"],
};
