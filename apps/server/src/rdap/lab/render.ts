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
  if (e.city || e.country)
    props.push([
      "adr",
      { ...(e.cc ? { cc: e.cc } : {}) },
      "text",
      ["", "", "", e.city ?? "", "", "", e.country ?? ""],
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
    events: [{ eventAction: "registration", eventDate: e.registered }],
    status: ["active"],
    links: [self(base, `entity/${e.handle}`)],
  };
}

export function nameserverJson(base: string, n: LabNameserver): Json {
  return {
    objectClassName: "nameserver",
    handle: n.handle,
    ldhName: n.name,
    ipAddresses: { ...(n.v4.length ? { v4: n.v4 } : {}), ...(n.v6.length ? { v6: n.v6 } : {}) },
    status: n.status,
    events: [{ eventAction: "registration", eventDate: n.registered }],
    links: [self(base, `nameserver/${n.name}`)],
  };
}

export interface DomainParts {
  registrar: LabEntity | null;
  registrant: LabEntity | null;
  nameservers: LabNameserver[];
}

/**
 * The registry's view redacts the registrant's email (RFC 9537) and points at the registrar's
 * copy (`related`); the registrar's view (`registrar: true`) shows it in full.
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
  if (parts.registrant)
    entities.push(entityJson(base, parts.registrant, { roles: ["registrant"], redactEmail: redact }));
  const links: Json[] = [self(base, view.registrar ? `registrar/domain/${d.name}` : `domain/${d.name}`)];
  if (!view.registrar)
    links.push({
      value: `${base}domain/${d.name}`,
      rel: "related",
      href: `${base}registrar/domain/${d.name}`,
      type: RDAP_MEDIA_TYPE,
      title: "the registrar's RDAP record",
    });
  return {
    objectClassName: "domain",
    handle: d.handle,
    ldhName: d.name,
    status: d.status,
    events: [
      { eventAction: "registration", eventDate: d.registered },
      { eventAction: "last changed", eventDate: d.lastChanged },
      { eventAction: "expiration", eventDate: d.expires },
    ],
    nameservers: parts.nameservers.map((n) => nameserverJson(base, n)),
    entities,
    links,
    ...(redact && parts.registrant
      ? {
          redacted: [
            {
              name: { type: "Registrant Email" },
              reason: { description: "lab registry policy: the registrar publishes contact details" },
              prePath: "$.entities[?(@.roles[0]=='registrant')].vcardArray[1][?(@[0]=='email')]",
              method: "removal",
            },
          ],
        }
      : {}),
  };
}
