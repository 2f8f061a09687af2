/**
 * An address, prefix, MAC, name or AS number as a link to its entity page (`/ip/192.0.2.53`,
 * `/name/ns1.example`, …), where everything the console knows about it is gathered. Every table and
 * detail view shows identifiers through this, so links go both ways. A handle (RDAP, EPP id) has no
 * entity page; it links to the search for it.
 */
import { type EntityType, entityUrl } from "@netops/protocols";
import { Link } from "react-router";

export type EntityLinkKind = EntityType | "handle";

/** Characters a path segment may carry as they are (addresses, MACs, names, AS numbers). */
const SAFE = /^[A-Za-z0-9.:_-]+$/;
const segment = (s: string) => (SAFE.test(s) ? s : encodeURIComponent(s));

/** The value as its page's URL: readable when it is a plain identifier, encoded otherwise. */
export function entityHref(kind: EntityLinkKind, value: string): string {
  const v = value.trim();
  if (kind === "handle") return `/search?q=${encodeURIComponent(v)}`;
  // A prefix keeps its one slash (`/prefix/198.18.0.0/15`).
  const m = kind === "prefix" ? /^([^/]+)\/(\d{1,3})$/.exec(v) : null;
  if (m?.[1] && m[2]) return entityUrl({ type: kind, value: `${segment(m[1])}/${m[2]}` });
  return entityUrl({ type: kind, value: segment(v) });
}

const TITLES: Record<EntityLinkKind, string> = {
  ip: "address",
  prefix: "prefix",
  mac: "MAC address",
  name: "name",
  as: "AS",
  handle: "handle",
};

export interface EntityLinkProps {
  kind: EntityLinkKind;
  value: string | null | undefined;
  /** Text to show instead of the value (e.g. `AS64496`, a U-label name). */
  children?: React.ReactNode;
  /** Shown as code (monospace); default true. */
  code?: boolean;
  className?: string;
}

export function EntityLink({ kind, value, children, code = true, className }: EntityLinkProps) {
  if (value === null || value === undefined || value.trim() === "") return <span className="muted">—</span>;
  const text = children ?? (kind === "as" && /^\d+$/.test(value.trim()) ? `AS${value.trim()}` : value);
  return (
    <Link
      to={entityHref(kind, value)}
      className={className ? `entity-link ${className}` : "entity-link"}
      title={kind === "handle" ? `Search for ${value}` : `Everything about this ${TITLES[kind]}`}
    >
      {code ? <code>{text}</code> : text}
    </Link>
  );
}
