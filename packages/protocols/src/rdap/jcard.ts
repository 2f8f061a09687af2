/**
 * jCard (RFC 7095) decoding into a ContactCard. Structure errors make the whole card invalid
 * (a finding; the entity keeps no contact); odd but well-formed properties are kept raw.
 */
import { type Findings, index } from "./findings";
import type { ContactCard } from "./schemas";

type Property = ContactCard["properties"][number];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): boolean =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Checks one jCard property; returns the reason it is invalid, or null. */
function propertyProblem(p: unknown): string | null {
  if (!Array.isArray(p)) return "a property is not an array";
  if (p.length < 4) return `property has ${p.length} elements; needs name, parameters, type and a value`;
  const [name, params, type, ...values] = p;
  if (typeof name !== "string" || name === "") return "property name is not a non-empty string";
  if (!isPlainObject(params)) return `parameters of ${name} are not an object`;
  if (typeof type !== "string") return `value type of ${name} is not a string`;
  for (const v of values) {
    if (isScalar(v)) continue;
    // Structured values (RFC 7095 §3.3.1.3): an array whose components are scalars or arrays of scalars.
    if (!Array.isArray(v)) return `value of ${name} is an object`;
    for (const c of v) {
      if (isScalar(c)) continue;
      if (!Array.isArray(c) || !c.every(isScalar)) return `value of ${name} is nested too deep`;
    }
  }
  return null;
}

export function decodeJCard(raw: unknown, path: string, findings: Findings): ContactCard | undefined {
  if (!Array.isArray(raw) || raw.length !== 2) {
    findings.error("jcard.structure", path, 'vcardArray is not ["vcard", [properties]]');
    return undefined;
  }
  if (raw[0] !== "vcard") {
    findings.error("jcard.label", index(path, 0), `first element is ${JSON.stringify(raw[0])}, not "vcard"`);
    return undefined;
  }
  const props = raw[1];
  if (!Array.isArray(props)) {
    findings.error("jcard.properties", index(path, 1), "properties are not an array");
    return undefined;
  }
  const properties: Property[] = [];
  for (const [i, p] of props.entries()) {
    const problem = propertyProblem(p);
    if (problem) {
      findings.error("jcard.property", index(index(path, 1), i), problem);
      return undefined;
    }
    const [name, parameters, type, ...values] = p as [string, Record<string, unknown>, string, ...unknown[]];
    properties.push({ name: name.toLowerCase(), parameters, type, values });
  }
  if (!properties.some((p) => p.name === "version"))
    findings.warn("jcard.version", path, "jCard has no version property (RFC 6350 requires VERSION:4.0)");
  return toCard(properties, path, findings);
}

const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
/** A structured component may be a string or a list of strings. */
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : str(v) ? [str(v) as string] : [];
const types = (params: Record<string, unknown>): string[] => strs(params.type).map((t) => t.toLowerCase());
const pref = (params: Record<string, unknown>): number | undefined => {
  const n = Number(params.pref);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : undefined;
};
const firstText = (p: Property): string | undefined => str(p.values[0]);

function toCard(properties: Property[], path: string, findings: Findings): ContactCard {
  const card: ContactCard = {
    org: [],
    emails: [],
    phones: [],
    addresses: [],
    urls: [],
    languages: [],
    contactUris: [],
    properties,
  };
  for (const p of properties) {
    const text = firstText(p);
    switch (p.name) {
      case "fn":
        card.fn ??= text;
        break;
      case "kind":
        card.kind ??= text?.toLowerCase();
        break;
      case "title":
        card.title ??= text;
        break;
      case "role":
        card.role ??= text;
        break;
      case "org":
        // ORG is structured (org name; unit; …); most servers send a plain string.
        card.org.push(...(Array.isArray(p.values[0]) ? strs(p.values[0]) : strs(p.values[0])));
        break;
      case "n": {
        const v = p.values[0];
        const c = Array.isArray(v) ? v : [v];
        card.name = {
          family: strs(c[0]).filter(Boolean),
          given: strs(c[1]).filter(Boolean),
          additional: strs(c[2]).filter(Boolean),
          prefixes: strs(c[3]).filter(Boolean),
          suffixes: strs(c[4]).filter(Boolean),
        };
        break;
      }
      case "email":
        if (text) card.emails.push({ address: text, types: types(p.parameters), pref: pref(p.parameters) });
        break;
      case "tel": {
        if (!text) break;
        // tel: URIs carry the extension as ";ext=" (RFC 3966); text values keep it as sent.
        const m = /^tel:([^;]*)(?:.*;ext=([^;]*))?/i.exec(text);
        card.phones.push({
          number: m ? (m[1] ?? text) : text,
          types: types(p.parameters),
          extension: m?.[2] || undefined,
          pref: pref(p.parameters),
        });
        break;
      }
      case "adr": {
        const v = p.values[0];
        const c = Array.isArray(v) ? v : [];
        const label = str(p.parameters.label);
        const part = (i: number) => strs(c[i]).filter(Boolean).join(", ") || undefined;
        card.addresses.push({
          label,
          types: types(p.parameters),
          poBox: part(0),
          extended: part(1),
          street: strs(c[2]).filter(Boolean),
          locality: part(3),
          region: part(4),
          postalCode: part(5),
          country: part(6),
          countryCode: str(p.parameters.cc),
        });
        if (!Array.isArray(v) && !label)
          findings.warn("jcard.adr", path, "adr value is not structured and has no label parameter");
        break;
      }
      case "url":
        if (text) card.urls.push(text);
        break;
      case "lang":
        if (text) card.languages.push({ tag: text, pref: pref(p.parameters) });
        break;
      case "contact-uri":
        if (text) card.contactUris.push(text);
        break;
    }
  }
  return card;
}
