import { describe, expect, it } from "vitest";
import { EppDecodeError, XmlError, decodeEpp, parseXml, redactEpp } from "../../src/epp";

function xmlError(input: string | Uint8Array, limits = {}): XmlError {
  try {
    parseXml(input, limits);
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  throw new Error("parsed without error");
}

describe("safe XML parser", () => {
  it("resolves namespaces, default and prefixed, and keeps positions", () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a xmlns="urn:a" xmlns:b="urn:b">\n  <b:c b:x="1" y="2">t&amp;&#x41;&#66;<![CDATA[<raw>]]></b:c><d xmlns=""/></a>',
    );
    expect(root).toMatchObject({ name: "a", ns: "urn:a", line: 2, column: 1 });
    const c = root.children.find((n) => n.kind === "element");
    expect(c).toMatchObject({ name: "c", prefix: "b", ns: "urn:b", line: 3, column: 3 });
    expect(c?.kind === "element" && c.attributes).toEqual([
      { name: "x", prefix: "b", ns: "urn:b", value: "1" },
      { name: "y", prefix: null, ns: null, value: "2" },
    ]);
    expect(c?.kind === "element" && c.children).toEqual([{ kind: "text", text: "t&AB<raw>" }]);
    const d = root.children.filter((n) => n.kind === "element")[1];
    expect(d).toMatchObject({ name: "d", ns: null });
  });

  it("normalises line ends and attribute white space", () => {
    const root = parseXml('<a v="x\ty&#9;z">1\r\n2\r3</a>');
    expect(root.attributes[0]?.value).toBe("x y\tz");
    expect(root.children).toEqual([{ kind: "text", text: "1\n2\n3" }]);
  });

  it("refuses a billion-laughs bomb at the DOCTYPE, before any expansion", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><epp xmlns="urn:ietf:params:xml:ns:epp-1.0">&lol2;</epp>`;
    const e = xmlError(bomb);
    expect(e.code).toBe("doctype-forbidden");
    expect(e.line).toBe(1);
    expect(e.column).toBe(22);
  });

  it("refuses external entities (XXE) and never reads them", () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE epp [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<epp>&xxe;</epp>`;
    expect(xmlError(xxe)).toMatchObject({ code: "doctype-forbidden", line: 2 });
    // Without a DOCTYPE, a reference to an undeclared entity is not expanded either.
    expect(xmlError("<epp>&xxe;</epp>")).toMatchObject({ code: "entity-forbidden", line: 1, column: 6 });
    expect(xmlError('<epp a="&xxe;"/>').code).toBe("entity-forbidden");
  });

  it("enforces size, depth, node, attribute and name limits", () => {
    expect(xmlError(`<a>${"x".repeat(2000)}</a>`, { maxBytes: 1000 }).code).toBe("too-large");
    expect(xmlError(new TextEncoder().encode(`<a>${"é".repeat(600)}</a>`), { maxBytes: 1000 }).code).toBe(
      "too-large",
    );
    expect(xmlError(`${"<a>".repeat(40)}${"</a>".repeat(40)}`).code).toBe("too-deep");
    expect(() => parseXml(`${"<a>".repeat(32)}${"</a>".repeat(32)}`)).not.toThrow();
    expect(xmlError(`<a>${"<b/>".repeat(200)}</a>`, { maxNodes: 100 }).code).toBe("too-many-nodes");
    expect(xmlError(`<a ${Array.from({ length: 40 }, (_, i) => `a${i}="1"`).join(" ")}/>`).code).toBe(
      "too-many-attributes",
    );
    expect(xmlError(`<${"n".repeat(300)}/>`).code).toBe("name-too-long");
  });

  it.each([
    ["", "unexpected-eof"],
    ["<a>", "unexpected-eof"],
    ["<a></b>", "mismatched-tag"],
    ["<a><b></a></b>", "mismatched-tag"],
    ["<a/><b/>", "malformed"],
    ["text<a/>", "malformed"],
    ["<a x=1/>", "malformed"],
    ['<a x="1" x="2"/>', "duplicate-attribute"],
    ['<a xmlns:p="urn:1" xmlns:q="urn:1" p:x="1" q:x="2"/>', "duplicate-attribute"],
    ["<p:a/>", "unbound-prefix"],
    ['<a p:x="1"/>', "unbound-prefix"],
    ['<a x="<"/>', "malformed"],
    ["<a>&#0;</a>", "bad-char-ref"],
    ["<a>&#xD800;</a>", "bad-char-ref"],
    ["<a>&amp</a>", "malformed"],
    ["<a>\u0001</a>", "invalid-char"],
    ["<a>]]></a>", "malformed"],
    ["<a><!-- a -- b --></a>", "malformed"],
    ["<a><!ELEMENT a ANY></a>", "malformed"],
    ['<?xml version="1.0" encoding="ISO-8859-1"?><a/>', "bad-encoding"],
    ["<a/><?xml version='1.0'?>", "malformed"],
    ["<a><!DOCTYPE a></a>", "doctype-forbidden"],
  ])("rejects %j with %s", (input, code) => {
    expect(xmlError(input).code).toBe(code);
  });

  it("rejects bytes that are not UTF-8", () => {
    expect(xmlError(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])).code).toBe(
      "bad-encoding",
    );
  });

  it("reports EPP-level problems with a path", () => {
    const e = (() => {
      try {
        decodeEpp(
          '<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><response><result code="2999"><msg>?</msg></result><trID><svTRID>abc</svTRID></trID></response></epp>',
        );
      } catch (err) {
        return err as EppDecodeError;
      }
    })();
    expect(e).toBeInstanceOf(EppDecodeError);
    expect(e?.code).toBe("unknown-result-code");
    expect(e?.path).toBe("/epp/response/result");
    expect(() => decodeEpp("<foo/>")).toThrow(/not \{urn:ietf:params:xml:ns:epp-1.0\}epp/);
    expect(() =>
      decodeEpp('<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><greeting><svID>x</svID></greeting></epp>'),
    ).toThrow(/\/epp\/greeting: <svcMenu> is required/);
    expect(() =>
      decodeEpp(
        '<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><info><host:info xmlns:host="urn:ietf:params:xml:ns:host-1.0"/></info></command></epp>',
      ),
    ).toThrow(/\/epp\/command\/info\/host:info: <name> is required/);
  });

  it("redacts passwords and authInfo for transcripts, and withholds unparseable documents", () => {
    const login =
      '<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><login><clID>ClientX</clID><pw>s3cret-pw</pw><newPW>n3w-pw</newPW><options><version>1.0</version><lang>en</lang></options><svcs><objURI>urn:ietf:params:xml:ns:host-1.0</objURI></svcs></login></command></epp>';
    const r = redactEpp(login);
    expect(r).not.toMatch(/s3cret|n3w-pw/);
    expect(r).toContain("<clID>ClientX</clID>");
    expect(decodeEpp(r)).toMatchObject({ command: { cmd: "login", pw: "[redacted]", newPW: "[redacted]" } });
    const info =
      '<epp xmlns="urn:ietf:params:xml:ns:epp-1.0"><command><info><d:info xmlns:d="urn:ietf:params:xml:ns:domain-1.0"><d:name>example.com</d:name><d:authInfo><d:pw roid="X-REP">2fooBAR</d:pw></d:authInfo></d:info></info></command></epp>';
    expect(redactEpp(info)).not.toContain("2fooBAR");
    expect(redactEpp(info)).toContain("example.com");
    expect(redactEpp("<pw>secret")).toMatch(/^\[unparseable document, 10 bytes withheld/);
  });
});
