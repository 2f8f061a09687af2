/** Inputs of the registry router; secrets are accepted here and never echoed back. */
import { HOST_STATUSES, hostNameProblem, NS } from "@netops/protocols/epp";
import { z } from "zod";

const pem = (kind: RegExp, what: string) =>
  z
    .string()
    .max(16_384)
    .refine((s) => kind.test(s), `must be a PEM ${what}`);

const CERT = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;
const KEY =
  /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

const endpointHost = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, "a host name or an IP address");

const uri = z
  .string()
  .min(1)
  .max(255)
  .regex(/^urn:|^https?:\/\//, "an XML namespace URI (urn:… or http…)");

const zone = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, "a suffix such as example or co.uk (no dots at the ends)");

export const connectionCreateSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, dot, dash, underscore"),
  host: endpointHost,
  port: z.number().int().min(1).max(65_535).default(700),
  servername: endpointHost.optional(),
  clientId: z.string().min(3).max(16),
  /** RFC 5730 pwType: 6 to 16 characters. Write-only. */
  password: z.string().min(6).max(16),
  clientCert: pem(CERT, "certificate"),
  /** Write-only. */
  clientKey: pem(KEY, "private key"),
  caCert: pem(CERT, "certificate"),
  objURIs: z.array(uri).max(16).default([NS.host, NS.domain, NS.contact]),
  extURIs: z.array(uri).max(16).default([]),
  zones: z.array(zone).min(1).max(64),
  poolSize: z.number().int().min(1).max(8).default(2),
  enabled: z.boolean().default(true),
});
export type ConnectionCreate = z.input<typeof connectionCreateSchema>;

/** Secrets left out keep their stored values. */
export const connectionUpdateSchema = connectionCreateSchema
  .partial()
  .omit({ name: true })
  .extend({ id: z.string().min(1).max(64) });
export type ConnectionUpdate = z.input<typeof connectionUpdateSchema>;

export const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .superRefine((n, ctx) => {
    const p = hostNameProblem(n);
    if (p) ctx.addIssue({ code: "custom", message: p });
  });

export const addrSchema = z.object({
  ip: z.enum(["v4", "v6"]),
  address: z.string().trim().min(1).max(45),
});

const statusSchema = z.object({ s: z.enum(HOST_STATUSES), text: z.string().max(200).optional() });

export const connectionRef = z.object({ connectionId: z.string().min(1).max(64) });

export const hostCreateSchema = connectionRef.extend({
  name: hostName,
  addrs: z.array(addrSchema).max(13).default([]),
});

export const hostUpdateSchema = connectionRef.extend({
  name: hostName,
  add: z
    .object({
      addrs: z.array(addrSchema).max(13).default([]),
      statuses: z.array(statusSchema).max(8).default([]),
    })
    .default({ addrs: [], statuses: [] }),
  rem: z
    .object({
      addrs: z.array(addrSchema).max(13).default([]),
      statuses: z.array(statusSchema).max(8).default([]),
    })
    .default({ addrs: [], statuses: [] }),
  newName: hostName.optional(),
});

export const hostRef = connectionRef.extend({ name: hostName });

export const transcriptSearchSchema = z.object({
  connectionId: z.string().min(1).max(64).optional(),
  /** Object name (host/domain) — exact, lower-cased. */
  object: z.string().trim().toLowerCase().max(253).optional(),
  command: z.string().max(32).optional(),
  code: z.number().int().min(1000).max(2599).optional(),
  /** clTRID or svTRID, exact. */
  trid: z.string().max(64).optional(),
  /** Text inside the (redacted) documents or the message. */
  q: z.string().max(200).optional(),
  failedOnly: z.boolean().default(false),
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TranscriptSearch = z.input<typeof transcriptSearchSchema>;
