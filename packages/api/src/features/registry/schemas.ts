/** Inputs of the registry router; secrets are accepted here and never echoed back. */
import { secret } from "@netops/protocols";
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

/** The connection's fields without defaults: an update must not reset what it leaves out. */
const connectionFields = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, dot, dash, underscore"),
  host: endpointHost,
  port: z.number().int().min(1).max(65_535),
  servername: endpointHost.optional(),
  clientId: z.string().min(3).max(16),
  /** RFC 5730 pwType: 6 to 16 characters. Write-only. */
  password: secret(z.string().min(6).max(16)),
  clientCert: pem(CERT, "certificate"),
  /** Write-only. */
  clientKey: secret(pem(KEY, "private key")),
  caCert: pem(CERT, "certificate"),
  objURIs: z.array(uri).max(16),
  extURIs: z.array(uri).max(16),
  zones: z.array(zone).min(1).max(64),
  poolSize: z.number().int().min(1).max(8),
  enabled: z.boolean(),
});

export const connectionCreateSchema = connectionFields.extend({
  port: connectionFields.shape.port.default(700),
  objURIs: connectionFields.shape.objURIs.default([NS.host, NS.domain, NS.contact]),
  extURIs: connectionFields.shape.extURIs.default([]),
  poolSize: connectionFields.shape.poolSize.default(2),
  enabled: connectionFields.shape.enabled.default(true),
});
export type ConnectionCreate = z.input<typeof connectionCreateSchema>;

/** Fields left out (secrets included) keep their stored values. */
export const connectionUpdateSchema = connectionFields
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
  /** Routine exchanges (a `poll req` answered 1300, queue empty) flood the log; shown only when asked. */
  includeRoutine: z.boolean().default(false),
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TranscriptSearch = z.input<typeof transcriptSearchSchema>;

// ---------- domains (RFC 5731) and contacts (RFC 5733) ----------

const DOMAIN_CLIENT_STATUS = z.enum([
  "clientDeleteProhibited",
  "clientHold",
  "clientRenewProhibited",
  "clientTransferProhibited",
  "clientUpdateProhibited",
]);

/** RFC 5730 clIDType: 3 to 16 characters. */
export const contactId = z
  .string()
  .trim()
  .min(3)
  .max(16)
  .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, dot, dash, underscore");

const years = z.number().int().min(1).max(10);
const nsList = z
  .array(hostName)
  .max(13)
  .refine((l) => new Set(l).size === l.length, "a name server is listed twice");

export const domainRef = connectionRef.extend({ name: hostName });

export const domainCreateSchema = domainRef.extend({
  years: years.default(1),
  nameServers: nsList.default([]),
  registrant: contactId.optional(),
  contacts: z
    .array(z.object({ type: z.enum(["admin", "billing", "tech"]), id: contactId }))
    .max(8)
    .default([]),
});

const domainChange = z
  .object({ nameServers: nsList.default([]), statuses: z.array(DOMAIN_CLIENT_STATUS).max(5).default([]) })
  .default({ nameServers: [], statuses: [] });

export const domainUpdateSchema = domainRef
  .extend({ add: domainChange, rem: domainChange })
  .refine(
    (u) =>
      u.add.nameServers.length + u.add.statuses.length + u.rem.nameServers.length + u.rem.statuses.length > 0,
    { message: "nothing to change: add or remove a name server or a status", path: ["add"] },
  );

export const domainRenewSchema = domainRef.extend({
  years: years.default(1),
  /** The current expiry date (YYYY-MM-DD) the renewal applies to; read from the registry when left out. */
  curExpDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
    .optional(),
});

export const contactRef = connectionRef.extend({ id: contactId });

/** An answer to a pending transfer (RFC 5731 §3.2.4): the sponsor approves or rejects, the requester cancels. */
export const transferAnswerSchema = domainRef.extend({ op: z.enum(["approve", "reject", "cancel"]) });
