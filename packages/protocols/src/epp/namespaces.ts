/** Namespace URIs of the EPP core (RFC 5730) and the object/extension mappings we understand. */
export const NS = {
  epp: "urn:ietf:params:xml:ns:epp-1.0",
  eppcom: "urn:ietf:params:xml:ns:eppcom-1.0",
  host: "urn:ietf:params:xml:ns:host-1.0",
  domain: "urn:ietf:params:xml:ns:domain-1.0",
  contact: "urn:ietf:params:xml:ns:contact-1.0",
  secDNS: "urn:ietf:params:xml:ns:secDNS-1.1",
  rgp: "urn:ietf:params:xml:ns:rgp-1.0",
} as const;

export type ObjectKind = "host" | "domain" | "contact";

export const OBJECT_NS: Record<ObjectKind, string> = {
  host: NS.host,
  domain: NS.domain,
  contact: NS.contact,
};
