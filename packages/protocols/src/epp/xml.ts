/**
 * A small, safe XML 1.0 + Namespaces parser for EPP documents.
 *
 * Safety is the point, not completeness: a DOCTYPE is refused outright (so there is no internal
 * subset, no entity declarations, nothing to expand or fetch), only the five predefined entities
 * and numeric character references are decoded, and input size, nesting depth, node count,
 * attribute count and name length are all bounded. Every failure is an {@link XmlError} with a
 * code and a 1-based line:column.
 */

import { utf8Length } from "./utf8";

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
export const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

export interface XmlAttribute {
  /** Local name (without prefix). */
  name: string;
  prefix: string | null;
  /** Namespace URI; unprefixed attributes have none (Namespaces in XML §6.2). */
  ns: string | null;
  value: string;
}

export interface XmlElement {
  kind: "element";
  name: string;
  prefix: string | null;
  ns: string | null;
  attributes: XmlAttribute[];
  children: XmlNode[];
  /** 1-based position of the start tag, for error messages. */
  line: number;
  column: number;
}

export interface XmlText {
  kind: "text";
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export const XML_ERROR_CODES = [
  "too-large",
  "too-deep",
  "too-many-nodes",
  "too-many-attributes",
  "name-too-long",
  "doctype-forbidden",
  "entity-forbidden",
  "bad-char-ref",
  "invalid-char",
  "bad-encoding",
  "unbound-prefix",
  "duplicate-attribute",
  "mismatched-tag",
  "unexpected-eof",
  "malformed",
] as const;
export type XmlErrorCode = (typeof XML_ERROR_CODES)[number];

export class XmlError extends Error {
  override readonly name = "XmlError";
  constructor(
    readonly code: XmlErrorCode,
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${reason}`);
  }
}

export interface XmlLimits {
  /** Largest document in bytes (UTF-8) — checked before anything is decoded. */
  maxBytes: number;
  maxDepth: number;
  /** Elements + text nodes. */
  maxNodes: number;
  maxAttributes: number;
  maxNameLength: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 1 << 20,
  maxDepth: 32,
  maxNodes: 50_000,
  maxAttributes: 32,
  maxNameLength: 256,
};

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

// XML 1.0 NameStartChar / NameChar, BMP plus astral planes (the `u` flag makes \u{...} work).
const NAME_START =
  "A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}";
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// A QName token allows ':'; prefixes are split and checked afterwards.
const NAME_RE = new RegExp(`[:${NAME_START}][:${NAME_CHAR}]*`, "uy");
/** Index of the first character outside XML 1.0 `Char` (controls but TAB/LF/CR, lone surrogates, U+FFFE/F), or -1. */
function findInvalidChar(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xe000 && c <= 0xfffd) continue;
    return i;
  }
  return -1;
}

/** Decodes bytes as UTF-8 (the only encoding EPP allows, RFC 5730 §2.4), refusing bad sequences. */
export function decodeUtf8(bytes: Uint8Array, limits: Partial<XmlLimits> = {}): string {
  const max = limits.maxBytes ?? DEFAULT_XML_LIMITS.maxBytes;
  if (bytes.length > max)
    throw new XmlError("too-large", `document is ${bytes.length} bytes, limit ${max}`, 1, 1);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new XmlError("bad-encoding", "document is not valid UTF-8", 1, 1);
  }
}

export function parseXml(input: string | Uint8Array, limits: Partial<XmlLimits> = {}): XmlElement {
  const lim: XmlLimits = { ...DEFAULT_XML_LIMITS, ...limits };
  let text: string;
  if (typeof input === "string") {
    // Cheap upper bound first: a UTF-8 byte count never exceeds 3 × UTF-16 units.
    if (
      input.length > lim.maxBytes ||
      (input.length * 3 > lim.maxBytes && utf8Length(input) > lim.maxBytes)
    ) {
      throw new XmlError("too-large", `document exceeds ${lim.maxBytes} bytes`, 1, 1);
    }
    text = input;
  } else {
    text = decodeUtf8(input, lim);
  }
  return new Parser(text, lim).parseDocument();
}

interface Scope {
  prefixes: Map<string, string | null>;
}

class Parser {
  private pos = 0;
  private nodes = 0;
  private readonly src: string;

  constructor(
    input: string,
    private readonly lim: XmlLimits,
  ) {
    // XML §2.11: line ends are normalised to LF before parsing.
    let s = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    s = s.replace(/\r\n?/g, "\n");
    this.src = s;
  }

  private fail(code: XmlErrorCode, reason: string, at = this.pos): never {
    let line = 1;
    let lastNl = -1;
    for (let i = 0; i < at && i < this.src.length; i++) {
      if (this.src.charCodeAt(i) === 10) {
        line++;
        lastNl = i;
      }
    }
    throw new XmlError(code, reason, line, at - lastNl);
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
    return this.pos > start;
  }

  private expect(s: string, what: string): void {
    if (!this.startsWith(s)) {
      if (this.pos >= this.src.length)
        this.fail("unexpected-eof", `document ends where ${what} was expected`);
      this.fail("malformed", `expected ${what}`);
    }
    this.pos += s.length;
  }

  private readName(what: string): string {
    NAME_RE.lastIndex = this.pos;
    const m = NAME_RE.exec(this.src);
    if (!m) {
      if (this.pos >= this.src.length)
        this.fail("unexpected-eof", `document ends where ${what} was expected`);
      this.fail("malformed", `expected ${what}`);
    }
    const name = m[0];
    if (name.length > this.lim.maxNameLength)
      this.fail("name-too-long", `${what} longer than ${this.lim.maxNameLength} characters`);
    this.pos += name.length;
    return name;
  }

  private checkChars(s: string, at: number): void {
    const i = findInvalidChar(s);
    if (i >= 0) {
      const hex = s.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
      this.fail("invalid-char", `character U+${hex} is not allowed in XML`, at + i);
    }
  }

  parseDocument(): XmlElement {
    if (this.startsWith("<?xml") && /[\s?]/.test(this.src[5] ?? "")) this.parseXmlDecl();
    this.parseMisc();
    if (this.startsWith("<!DOCTYPE")) {
      this.fail(
        "doctype-forbidden",
        "DOCTYPE declarations are not accepted (no DTDs, no entity declarations)",
      );
    }
    if (this.pos >= this.src.length) this.fail("unexpected-eof", "document has no root element");
    if (!this.startsWith("<")) this.fail("malformed", "text before the root element");
    const root = this.parseElement({ prefixes: new Map([["xml", XML_NS]]) }, 1);
    this.parseMisc();
    if (this.startsWith("<!DOCTYPE")) this.fail("doctype-forbidden", "DOCTYPE declarations are not accepted");
    if (this.pos < this.src.length) this.fail("malformed", "content after the root element");
    return root;
  }

  private parseXmlDecl(): void {
    const end = this.src.indexOf("?>", this.pos);
    if (end < 0) this.fail("unexpected-eof", "unterminated XML declaration");
    const decl = this.src.slice(this.pos + 5, end);
    const m =
      /^\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\3)?(\s+standalone\s*=\s*(["'])(yes|no)\6)?\s*$/.exec(
        decl,
      );
    if (!m) this.fail("malformed", "malformed XML declaration");
    const enc = m[4]?.toLowerCase();
    if (enc !== undefined && enc !== "utf-8" && enc !== "us-ascii") {
      this.fail("bad-encoding", `encoding "${m[4]}" is not supported (EPP uses UTF-8)`);
    }
    this.pos = end + 2;
  }

  /** Comments, processing instructions and white space between top-level constructs. */
  private parseMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.startsWith("<!--")) this.parseComment();
      else if (this.startsWith("<?")) this.parsePI();
      else return;
    }
  }

  private parseComment(): void {
    const start = this.pos;
    const end = this.src.indexOf("-->", this.pos + 4);
    if (end < 0) this.fail("unexpected-eof", "unterminated comment");
    const body = this.src.slice(this.pos + 4, end);
    if (body.includes("--") || body.endsWith("-")) this.fail("malformed", "'--' inside a comment", start);
    this.checkChars(body, this.pos + 4);
    this.pos = end + 3;
  }

  private parsePI(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.readName("processing instruction target");
    if (target.toLowerCase() === "xml")
      this.fail("malformed", "XML declaration not at the start of the document", start);
    const end = this.src.indexOf("?>", this.pos);
    if (end < 0) this.fail("unexpected-eof", "unterminated processing instruction");
    this.pos = end + 2;
  }

  private countNode(): void {
    if (++this.nodes > this.lim.maxNodes) this.fail("too-many-nodes", `more than ${this.lim.maxNodes} nodes`);
  }

  private parseElement(parent: Scope, depth: number): XmlElement {
    if (depth > this.lim.maxDepth) this.fail("too-deep", `elements nested deeper than ${this.lim.maxDepth}`);
    this.countNode();
    const start = this.pos;
    this.pos++; // '<'
    const qname = this.readName("element name");
    const raw: { qname: string; value: string; at: number }[] = [];
    let selfClosing = false;
    for (;;) {
      const hadSpace = this.skipSpace();
      if (this.startsWith("/>")) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.startsWith(">")) {
        this.pos++;
        break;
      }
      if (this.pos >= this.src.length) this.fail("unexpected-eof", `unterminated start tag <${qname}>`);
      if (!hadSpace) this.fail("malformed", `expected white space, '>' or '/>' in <${qname}>`);
      const at = this.pos;
      const an = this.readName("attribute name");
      this.skipSpace();
      this.expect("=", `'=' after attribute ${an}`);
      this.skipSpace();
      const value = this.readAttValue();
      if (raw.some((r) => r.qname === an)) this.fail("duplicate-attribute", `attribute ${an} repeated`, at);
      if (raw.length >= this.lim.maxAttributes)
        this.fail("too-many-attributes", `more than ${this.lim.maxAttributes} attributes on <${qname}>`, at);
      raw.push({ qname: an, value, at });
    }

    // Namespace declarations first, then resolve names within the new scope.
    let scope = parent;
    for (const a of raw) {
      let declared: string | undefined;
      if (a.qname === "xmlns") declared = "";
      else if (a.qname.startsWith("xmlns:")) declared = a.qname.slice(6);
      if (declared === undefined) continue;
      if (scope === parent) scope = { prefixes: new Map(parent.prefixes) };
      if (declared === "xml" || declared === "xmlns") {
        if (declared === "xmlns" || a.value !== XML_NS)
          this.fail("malformed", `prefix ${declared} cannot be redeclared`, a.at);
        continue;
      }
      if (declared !== "" && a.value === "")
        this.fail("malformed", `prefix ${declared} cannot be undeclared (XML Namespaces 1.0)`, a.at);
      scope.prefixes.set(declared, a.value === "" ? null : a.value);
    }

    const [prefix, local] = this.splitQName(qname, start + 1);
    const ns = this.resolve(scope, prefix, true, start + 1);
    const attributes: XmlAttribute[] = [];
    for (const a of raw) {
      if (a.qname === "xmlns" || a.qname.startsWith("xmlns:")) continue;
      const [ap, al] = this.splitQName(a.qname, a.at);
      const ans = ap === null ? null : this.resolve(scope, ap, false, a.at);
      if (attributes.some((x) => x.name === al && x.ns === ans))
        this.fail("duplicate-attribute", `attribute {${ans}}${al} repeated`, a.at);
      attributes.push({ name: al, prefix: ap, ns: ans, value: a.value });
    }
    const pos = this.lineCol(start);
    const el: XmlElement = {
      kind: "element",
      name: local,
      prefix,
      ns,
      attributes,
      children: [],
      line: pos[0],
      column: pos[1],
    };
    if (selfClosing) return el;

    let textBuf = "";
    const flush = () => {
      if (textBuf === "") return;
      this.countNode();
      el.children.push({ kind: "text", text: textBuf });
      textBuf = "";
    };
    for (;;) {
      const lt = this.src.indexOf("<", this.pos);
      if (lt < 0) this.fail("unexpected-eof", `element <${qname}> is not closed`, this.src.length);
      if (lt > this.pos) {
        textBuf += this.decodeText(this.src.slice(this.pos, lt), this.pos);
        this.pos = lt;
      }
      if (this.startsWith("</")) {
        const closeAt = this.pos;
        this.pos += 2;
        const closing = this.readName("end tag name");
        this.skipSpace();
        this.expect(">", `'>' to close </${closing}>`);
        if (closing !== qname)
          this.fail("mismatched-tag", `end tag </${closing}> does not match <${qname}>`, closeAt);
        flush();
        return el;
      }
      if (this.startsWith("<!--")) this.parseComment();
      else if (this.startsWith("<![CDATA[")) {
        const end = this.src.indexOf("]]>", this.pos + 9);
        if (end < 0) this.fail("unexpected-eof", "unterminated CDATA section");
        const body = this.src.slice(this.pos + 9, end);
        this.checkChars(body, this.pos + 9);
        textBuf += body;
        this.pos = end + 3;
      } else if (this.startsWith("<!DOCTYPE"))
        this.fail("doctype-forbidden", "DOCTYPE declarations are not accepted");
      else if (this.startsWith("<!")) this.fail("malformed", "markup declarations are not accepted");
      else if (this.startsWith("<?")) this.parsePI();
      else {
        flush();
        el.children.push(this.parseElement(scope, depth + 1));
      }
    }
  }

  // Start tags arrive in document order, so line numbers are counted incrementally (linear overall).
  private lcPos = 0;
  private lcLine = 1;
  private lcLastNl = -1;
  private lineCol(at: number): [number, number] {
    for (let i = this.lcPos; i < at; i++) {
      if (this.src.charCodeAt(i) === 10) {
        this.lcLine++;
        this.lcLastNl = i;
      }
    }
    this.lcPos = Math.max(this.lcPos, at);
    return [this.lcLine, at - this.lcLastNl];
  }

  private splitQName(q: string, at: number): [string | null, string] {
    const i = q.indexOf(":");
    if (i < 0) return [null, q];
    const prefix = q.slice(0, i);
    const local = q.slice(i + 1);
    if (prefix === "" || local === "" || local.includes(":"))
      this.fail("malformed", `"${q}" is not a valid qualified name`, at);
    return [prefix, local];
  }

  private resolve(scope: Scope, prefix: string | null, isElement: boolean, at: number): string | null {
    if (prefix === null) return isElement ? (scope.prefixes.get("") ?? null) : null;
    const ns = scope.prefixes.get(prefix);
    if (ns === undefined || ns === null)
      this.fail("unbound-prefix", `namespace prefix "${prefix}" is not declared`, at);
    return ns;
  }

  private readAttValue(): string {
    const q = this.src[this.pos];
    if (q !== '"' && q !== "'") {
      if (this.pos >= this.src.length) this.fail("unexpected-eof", "document ends inside a start tag");
      this.fail("malformed", "attribute value must be quoted");
    }
    const end = this.src.indexOf(q, this.pos + 1);
    if (end < 0) this.fail("unexpected-eof", "unterminated attribute value");
    const raw = this.src.slice(this.pos + 1, end);
    const lt = raw.indexOf("<");
    if (lt >= 0) this.fail("malformed", "'<' is not allowed in an attribute value", this.pos + 1 + lt);
    const at = this.pos + 1;
    this.pos = end + 1;
    // §3.3.3: literal white space becomes a space; character references keep theirs.
    return this.decodeRefs(raw.replace(/[\t\n]/g, " "), at);
  }

  private decodeText(raw: string, at: number): string {
    const bad = raw.indexOf("]]>");
    if (bad >= 0) this.fail("malformed", "']]>' is not allowed in text", at + bad);
    return this.decodeRefs(raw, at);
  }

  private decodeRefs(raw: string, at: number): string {
    this.checkChars(raw, at);
    if (!raw.includes("&")) return raw;
    let out = "";
    let i = 0;
    for (;;) {
      const amp = raw.indexOf("&", i);
      if (amp < 0) return out + raw.slice(i);
      out += raw.slice(i, amp);
      const semi = raw.indexOf(";", amp);
      if (semi < 0 || semi - amp > 12)
        this.fail("malformed", "'&' must start an entity or character reference", at + amp);
      const ref = raw.slice(amp + 1, semi);
      if (ref.startsWith("#")) {
        const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref);
        const cp = m ? Number.parseInt(m[1] ?? m[2] ?? "", m[1] ? 16 : 10) : Number.NaN;
        const ok =
          cp === 0x9 ||
          cp === 0xa ||
          cp === 0xd ||
          (cp >= 0x20 && cp <= 0xd7ff) ||
          (cp >= 0xe000 && cp <= 0xfffd) ||
          (cp >= 0x10000 && cp <= 0x10ffff);
        if (!ok) this.fail("bad-char-ref", `&${ref}; is not a valid XML character reference`, at + amp);
        out += String.fromCodePoint(cp);
      } else {
        const v = PREDEFINED[ref];
        if (v === undefined) {
          this.fail(
            "entity-forbidden",
            `entity &${ref.slice(0, 40)}; is not one of the five predefined entities and is never expanded`,
            at + amp,
          );
        }
        out += v;
      }
      i = semi + 1;
    }
  }
}

// ---------- Navigation helpers used by the EPP decoders ----------

export function elementChildren(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === "element");
}

/** Concatenated text content of the element's direct text children. */
export function textContent(el: XmlElement): string {
  let s = "";
  for (const c of el.children) if (c.kind === "text") s += c.text;
  return s;
}

export function attribute(el: XmlElement, name: string): string | undefined {
  return el.attributes.find((a) => a.ns === null && a.name === name)?.value;
}

export function qualifiedName(el: XmlElement): string {
  return el.prefix ? `${el.prefix}:${el.name}` : el.name;
}
