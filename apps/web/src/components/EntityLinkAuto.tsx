/**
 * An identifier whose kind is not known in advance (an alert label's value, a transcript's object,
 * a poll message's object) as a link to its entity page when the search's query classifier reads it
 * as an address, prefix, MAC, name or AS number; as plain text otherwise. One classifier for the
 * search box and for these links, so what links here is what the search finds.
 */
import { classifyQuery, type EntityRef } from "@netops/protocols";
import { EntityLink } from "./EntityLink";

/** Label keys whose bare numbers are AS numbers (`asn=64496`); elsewhere a number is an id or a count. */
const AS_KEYS = /^(?:as|asn|peer[-_]?as|origin[-_]?as|local[-_]?as|remote[-_]?as)$/i;

export interface IdentifierOptions {
  /** The value's field or label name: decides whether a bare number is an AS number. */
  field?: string | undefined;
}

/**
 * The entity a value names, or null. Addresses, prefixes and MACs in any notation, dotted names
 * (a trailing dot is dropped), and `AS64496`; a bare number only under an AS key (`asn`), since
 * `message=12` or `pool=2` are ids. Text, handles and partial addresses name no entity.
 */
export function identifierEntity(value: string, { field }: IdentifierOptions = {}): EntityRef | null {
  const q = classifyQuery(value);
  const e = q.entity;
  if (!e) return null;
  if (e.type === "as" && !/^as ?\d+$/i.test(q.q) && !(field && AS_KEYS.test(field))) return null;
  return e;
}

/** The value as it was written, linked to its entity page when it names one (identifierEntity). */
export function IdentifierLink({
  value,
  code = true,
  className,
  ...opts
}: { value: string | null | undefined; code?: boolean; className?: string } & IdentifierOptions) {
  if (value === null || value === undefined || value === "") return <span className="muted">—</span>;
  const e = identifierEntity(value, opts);
  if (!e) return code ? <code className={className}>{value}</code> : value;
  return (
    <EntityLink kind={e.type} value={e.value} code={code} {...(className ? { className } : {})}>
      {value}
    </EntityLink>
  );
}

/** `host:port` or `[v6]:port` → its host and port; null when the text is not an endpoint. */
export function splitEndpoint(value: string): { host: string; port: string } | null {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value) ?? /^([^:\s/]+):(\d{1,5})$/.exec(value);
  return m?.[1] && m[2] ? { host: m[1], port: m[2] } : null;
}

/** An endpoint (`192.0.2.53:53`, `epp.example:700`) with its host linked; other text as IdentifierLink shows it. */
export function EndpointLink({ value, className }: { value: string; className?: string }) {
  const ep = splitEndpoint(value);
  if (!ep) return <IdentifierLink value={value} {...(className ? { className } : {})} />;
  return (
    <span className={className}>
      <IdentifierLink value={ep.host} />
      <code>:{ep.port}</code>
    </span>
  );
}
