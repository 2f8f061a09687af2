/** Transcript redaction: passwords and authInfo never reach logs or the transcript store. */
import { parseXml, type XmlElement, type XmlNode } from "./xml";
import { utf8Length } from "./utf8";
import { serialize, fromParsed } from "./xml-write";

export const REDACTED = "[redacted]";
const SECRET_ELEMENTS = new Set(["pw", "newPW"]);

function scrub(el: XmlElement, inSecret: boolean): XmlElement {
  const secret = inSecret || el.name === "authInfo" || SECRET_ELEMENTS.has(el.name);
  const children: XmlNode[] = el.children.map((c) => {
    if (c.kind === "element") return scrub(c, secret);
    return secret && c.text.trim() !== "" ? { kind: "text", text: REDACTED } : c;
  });
  return { ...el, children };
}

/**
 * The document with every `<pw>`, `<newPW>` and `<authInfo>` content replaced. A document that
 * does not parse is withheld entirely, since we cannot tell where its secrets are.
 */
export function redactEpp(doc: string | Uint8Array): string {
  try {
    return `<?xml version="1.0" encoding="UTF-8"?>${serialize(fromParsed(scrub(parseXml(doc), false)))}\n`;
  } catch (e) {
    const n = typeof doc === "string" ? utf8Length(doc) : doc.length;
    return `[unparseable document, ${n} bytes withheld: ${(e as Error).message}]`;
  }
}
