/** A tiny XML writer: elements are built as values and serialised with escaping done once, here. */
import type { XmlElement } from "./xml";

export interface XNode {
  name: string;
  attrs: [string, string][];
  children: (XNode | string)[];
}

type AttrInput = Record<string, string | number | boolean | undefined | null>;
type Child = XNode | string | number | undefined | null | false | Child[];

/** `x("host:name", {}, "ns1.example")` — undefined/null/false children and attributes are dropped. */
export function x(name: string, attrs: AttrInput = {}, ...children: Child[]): XNode {
  const a: [string, string][] = [];
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) a.push([k, String(v)]);
  const out: (XNode | string)[] = [];
  const add = (c: Child): void => {
    if (c === undefined || c === null || c === false) return;
    if (Array.isArray(c)) for (const d of c) add(d);
    else out.push(typeof c === "number" ? String(c) : c);
  };
  for (const c of children) add(c);
  return { name, attrs: a, children: out };
}

export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(s: string): string {
  // Literal TAB/LF/CR would be normalised to spaces by a reader; references keep them.
  return escapeText(s)
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

export function serialize(node: XNode, indent = "  ", level = 0): string {
  const pad = indent === "" ? "" : `\n${indent.repeat(level)}`;
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("");
  if (node.children.length === 0) return `${pad}<${node.name}${attrs}/>`;
  if (node.children.every((c) => typeof c === "string")) {
    return `${pad}<${node.name}${attrs}>${escapeText(node.children.join(""))}</${node.name}>`;
  }
  // Mixed content is not used by EPP; elements only, indented.
  const inner = node.children
    .map((c) => (typeof c === "string" ? escapeText(c) : serialize(c, indent, level + 1)))
    .join("");
  return `${pad}<${node.name}${attrs}>${inner}${pad}</${node.name}>`;
}

export function serializeDocument(root: XNode): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>${serialize(root)}\n`;
}

/**
 * Turns a parsed element back into a writer node, declaring each prefix where the scope needs it,
 * so a fragment (a result `<value>`, an unknown extension) can be carried as standalone XML.
 */
export function fromParsed(el: XmlElement, scope: ReadonlyMap<string, string | null> = new Map()): XNode {
  const local = new Map(scope);
  const attrs: [string, string][] = [];
  const declare = (prefix: string | null, ns: string | null): void => {
    const key = prefix ?? "";
    if (key === "xml") return;
    if ((local.get(key) ?? null) === ns && (local.has(key) || ns === null)) return;
    local.set(key, ns);
    attrs.push([prefix ? `xmlns:${prefix}` : "xmlns", ns ?? ""]);
  };
  declare(el.prefix, el.ns);
  for (const a of el.attributes) if (a.prefix) declare(a.prefix, a.ns);
  for (const a of el.attributes) attrs.push([a.prefix ? `${a.prefix}:${a.name}` : a.name, a.value]);
  const children: (XNode | string)[] = [];
  for (const c of el.children) {
    if (c.kind === "text") {
      if (c.text.trim() !== "" || el.children.every((d) => d.kind === "text")) children.push(c.text);
    } else children.push(fromParsed(c, local));
  }
  return { name: el.prefix ? `${el.prefix}:${el.name}` : el.name, attrs, children };
}

export function elementToXml(el: XmlElement): string {
  return serialize(fromParsed(el), "");
}
