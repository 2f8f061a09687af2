/** Lab records → RFC 9083 JSON objects (links absolute against the lab server's base URL). */
import { RDAP_MEDIA_TYPE } from "@netops/protocols/rdap";
import type { LabDomain, LabEntity, LabNameserver } from "./store";

type Json = Record<string, unknown>;

export const LAB_NOTICE: Json = {
  title: "NetOps lab RDAP server",
  description: ["Lab data for demonstrations and tests: every name, address and contact here is made up."],
  links: [],
};

const self = (base: string, path: string): Json => ({
  value: `${base}${path}`,
  rel: "self",
  href: `${base}${path}`,
  type: RDAP_MEDIA_TYPE,
});

function vcard(e: LabEntity, withEmail: boolean): unknown[] {
  const props: unknown[] = [
    ["version", {}, "text", "4.0"],
    ["fn", {}, "text", e.fn],
  ];
  if (e.org) props.push(["org", {}, "text", e.org]);
  if (withEmail && e.email) props.push(["email", {}, "text", e.email]);
  if (e.voice) props.push(["tel", { type: ["voice"] }, "uri", e.voice]);
  if (e.city || e.country || e.street?.length)
    // RFC 7095 §3.3.1.3: a structured value; a component with several values is an array.
    props.push([
      "adr",
      { ...(e.cc ? { cc: e.cc } : {}) },
      "text",
      [
        "",
        "",
        e.street && e.street.length > 1 ? e.street : (e.street?.[0] ?? ""),
        e.city ?? "",
        e.sp ?? "",
        e.pc ?? "",
        e.country ?? "",
      ],
    ]);
  return ["vcard", props];
}

export function entityJson(
  base: string,
  e: LabEntity,
  opts: { roles?: string[]; redactEmail?: boolean } = {},
): Json {
  return {
    objectClassName: "entity",
    handle: e.handle,
    vcardArray: vcard(e, !opts.redactEmail),
    roles: opts.roles ?? e.roles,
    ...(e.ianaId ? { publicIds: [{ type: "IANA Registrar ID", identifier: e.ianaId }] } : {}),
    ...(e.registered ? { events: [{ eventAction: "registration", eventDate: e.registered }] } : {}),
    status: e.status ?? ["active"],
    links: [self(base, `entity/${e.handle}`)],
  };
}

export function nameserverJson(base: string, n: LabNameserver): Json {
  return {
    objectClassName: "nameserver",
    handle: n.handle,
    ldhName: n.name,
    // Only glue is published: a host outside the registry's zones has no addresses here.
    ...(n.v4.length || n.v6.length
      ? { ipAddresses: { ...(n.v4.length ? { v4: n.v4 } : {}), ...(n.v6.length ? { v6: n.v6 } : {}) } }
      : {}),
    status: n.status,
    events: [
      { eventAction: "registration", eventDate: n.registered },
      ...(n.lastChanged ? [{ eventAction: "last changed", eventDate: n.lastChanged }] : []),
    ],
    links: [self(base, `nameserver/${n.name}`)],
  };
}

export interface DomainParts {
  registrar: LabEntity | null;
  /** One entry per contact, registrant first, with every role it holds for the domain. */
  contacts: { entity: LabEntity; roles: string[] }[];
  nameservers: LabNameserver[];
}

const EMAIL_REDACTION: Record<string, string> = {
  registrant: "Registrant Email",
  administrative: "Admin Email",
  technical: "Tech Email",
  billing: "Billing Email",
};

/**
 * The registry's view redacts the contacts' emails (RFC 9537) and points at the registrar's
 * copy (`related`); the registrar's view (`registrar: true`) shows them in full.
 */
export function domainJson(
  base: string,
  d: LabDomain,
  parts: DomainParts,
  view: { registrar?: boolean } = {},
): Json {
  const redact = !view.registrar;
  const entities: Json[] = [];
  if (parts.registrar) entities.push(entityJson(base, parts.registrar, { roles: ["registrar"] }));
  for (const c of parts.contacts)
    entities.push(entityJson(base, c.entity, { roles: c.roles, redactEmail: redact }));
  const links: Json[] = [self(base, view.registrar ? `registrar/domain/${d.name}` : `domain/${d.name}`)];
  if (!view.registrar)
    links.push({
      value: `${base}domain/${d.name}`,
      rel: "related",
      href: `${base}registrar/domain/${d.name}`,
      type: RDAP_MEDIA_TYPE,
      title: "the registrar's RDAP record",
    });
  const redactions = parts.contacts
    .filter((c) => c.entity.email)
    .map((c) => ({
      name: { type: EMAIL_REDACTION[c.roles[0] ?? ""] ?? "Contact Email" },
      reason: { description: "lab registry policy: the registrar publishes contact details" },
      prePath: `$.entities[?(@.handle=='${c.entity.handle}')].vcardArray[1][?(@[0]=='email')]`,
      method: "removal",
    }));
  return {
    objectClassName: "domain",
    handle: d.handle,
    ldhName: d.name,
    status: d.status,
    events: [
      { eventAction: "registration", eventDate: d.registered },
      ...(d.lastChanged ? [{ eventAction: "last changed", eventDate: d.lastChanged }] : []),
      ...(d.transferred ? [{ eventAction: "transfer", eventDate: d.transferred }] : []),
      { eventAction: "expiration", eventDate: d.expires },
    ],
    nameservers: parts.nameservers.map((n) => nameserverJson(base, n)),
    entities,
    links,
    ...(redact && redactions.length ? { redacted: redactions } : {}),
  };
}
