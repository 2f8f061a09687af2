import { secret } from "@netops/protocols";
import { DNS_FAILED_STATUSES, isTsigAlgorithm, nameFromText, nameToText } from "@netops/protocols/dns";
import { z } from "zod";

export const CHECK_STATUSES = [
  "verified",
  "no_zonemd",
  "serial_mismatch",
  "digest_mismatch",
  "unsupported_only",
  "malformed",
  "fetch_failed",
] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** Statuses where the copy contradicts its own ZONEMD (or could not be read as a zone). */
export const FAILED_STATUSES = DNS_FAILED_STATUSES as ReadonlySet<CheckStatus>;

/** A zone name as typed ("Example.COM" or "example.com.") → canonical absolute form. */
export const zoneNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .transform((s, ctx) => {
    try {
      return nameToText(nameFromText(s.endsWith(".") ? s : `${s}.`));
    } catch (e) {
      ctx.addIssue({ code: "custom", message: `not a domain name: ${(e as Error).message}` });
      return z.NEVER;
    }
  });

export const serverSchema = z.object({
  label: z.string().trim().min(1).max(100),
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(53),
  role: z.enum(["primary", "secondary"]),
});
export type ServerConfig = z.infer<typeof serverSchema>;

export const tsigInputSchema = z.object({
  name: zoneNameSchema,
  algorithm: z
    .string()
    .refine(isTsigAlgorithm, "one of hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384, hmac-sha512"),
  /** Base64; write-only. */
  secret: secret(
    z
      .string()
      .trim()
      .min(4)
      .max(1024)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64"),
  ),
});

const zoneFields = {
  sourceKind: z.enum(["file", "axfr", "https"]),
  source: z.string().trim().min(1).max(2048),
  tsig: tsigInputSchema.nullable().optional(),
  servers: z.array(serverSchema).max(20).default([]),
  serversFromNs: z.boolean().default(false),
  intervalSeconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 86400)
    .default(3600),
  mode: z.enum(["enforce", "log-only"]).default("enforce"),
  expectZonemd: z.boolean().default(true),
  enabled: z.boolean().default(true),
};

export const zoneCreateSchema = z.object({ name: zoneNameSchema, ...zoneFields });
export type ZoneCreateInput = z.input<typeof zoneCreateSchema>;

export const zoneUpdateSchema = z.object({
  id: z.string().min(1).max(64),
  sourceKind: zoneFields.sourceKind.optional(),
  source: zoneFields.source.optional(),
  /** null removes the key; absent keeps it. */
  tsig: tsigInputSchema.nullable().optional(),
  servers: z.array(serverSchema).max(20).optional(),
  serversFromNs: z.boolean().optional(),
  intervalSeconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 86400)
    .optional(),
  mode: z.enum(["enforce", "log-only"]).optional(),
  expectZonemd: z.boolean().optional(),
  enabled: z.boolean().optional(),
});
export type ZoneUpdateInput = z.input<typeof zoneUpdateSchema>;

export interface ZonemdCheckView {
  serial: number;
  scheme: number;
  hashAlgorithm: number;
  publishedDigest: string;
  computedDigest: string | null;
  outcome: string;
}

export interface ParseErrorView {
  file: string;
  line: number;
  column: number;
  reason: string;
}

export interface CheckView {
  id: number;
  startedAt: string;
  durationMs: number;
  trigger: string;
  source: string;
  status: CheckStatus;
  reason: string;
  accepted: boolean;
  serial: number | null;
  records: number;
  bytes: number;
  zonemd: ZonemdCheckView[];
  computedDigest: string | null;
  publishedDigest: string | null;
  hashAlgorithm: number | null;
  errors: ParseErrorView[];
  timing: { fetchMs?: number; parseMs?: number; hashMs?: number };
}

export interface ServerStateView {
  label: string;
  host: string;
  port: number;
  role: "primary" | "secondary";
  serial: number | null;
  error: string | null;
  checkedAt: string | null;
  /** When this server was first seen behind the reference serial (null: in step). */
  behindSince: string | null;
  /** Seconds behind tolerated before an alert: SOA refresh + retry. */
  toleranceSeconds: number | null;
  lagging: boolean;
}

export interface ZoneView {
  id: string;
  name: string;
  sourceKind: "file" | "axfr" | "https";
  source: string;
  tsig: { name: string; algorithm: string } | null;
  servers: ServerConfig[];
  /** Also watching the zone's NS set (addresses taken from the zone's own copy). */
  serversFromNs: boolean;
  /** The NS-derived servers found in the last accepted copy. */
  nsServers: ServerConfig[];
  intervalSeconds: number;
  mode: "enforce" | "log-only";
  expectZonemd: boolean;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** Status of the newest check ("pending" before the first). */
  status: CheckStatus | "pending";
  lastCheck: CheckView | null;
  /** The last accepted copy: what stays valid while later checks fail. */
  lastGood: CheckView | null;
  nextCheckAt: string | null;
  serverStates: ServerStateView[];
  serversCheckedAt: string | null;
}

export interface UploadVerdictView {
  status: Exclude<CheckStatus, "fetch_failed">;
  reason: string;
  origin: string | null;
  soaSerial: number | null;
  computedDigest: string | null;
  publishedDigest: string | null;
  hashAlgorithm: number | null;
  zonemd: ZonemdCheckView[];
  records: number;
  bytes: number;
  errors: ParseErrorView[];
  timing: { parseMs: number; hashMs: number; totalMs: number };
}
