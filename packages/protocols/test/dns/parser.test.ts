import { describe, expect, it } from "vitest";
import {
  type IncludeRequest,
  ZoneParser,
  nameToText,
  parseZone,
  parseZoneStream,
  recordToText,
  toHex,
} from "../../src/dns/index";

const one = (text: string, origin = "example.") => {
  const r = parseZone(text, { origin });
  expect(r.errors.map((e) => e.message)).toEqual([]);
  expect(r.records).toHaveLength(1);
  return r.records[0]!;
};

describe("master file syntax (RFC 1035 §5)", () => {
  it("handles $ORIGIN, $TTL, @, relative names and omitted owner/TTL/class", () => {
    const r = parseZone(
      [
        "$ORIGIN Example.",
        "$TTL 1h30m",
        "@ IN SOA ns1 hostmaster.example. 1 2 3 4 5",
        "  NS ns1 ; comment",
        "www 300 A 192.0.2.1",
        "    IN 60 A 192.0.2.2",
        "$ORIGIN sub",
        "x CH 120 TXT hello",
      ].join("\n"),
    );
    expect(r.errors).toEqual([]);
    const [soa, ns, a1, a2, txt] = r.records;
    expect(nameToText(soa!.owner)).toBe("example.");
    expect(soa!.ttl).toBe(5400);
    expect(nameToText(ns!.owner)).toBe("example.");
    expect(toHex(ns!.rdata)).toBe("036e7331076578616d706c6500"); // ns1.example., lower-cased
    expect([nameToText(a1!.owner), a1!.ttl, toHex(a1!.rdata)]).toEqual(["www.example.", 300, "c0000201"]);
    // Blank owner = previous owner; class and TTL in the other order.
    expect([nameToText(a2!.owner), a2!.ttl, a2!.class]).toEqual(["www.example.", 60, 1]);
    expect([nameToText(txt!.owner), txt!.class, txt!.ttl]).toEqual(["x.sub.example.", 3, 120]);
  });

  it("without $TTL, an omitted TTL is the last stated one (RFC 1035) or the default (ldns mode)", () => {
    const text = "$ORIGIN example.\na 999 A 192.0.2.1\nb A 192.0.2.2\n";
    expect(parseZone(text).records[1]!.ttl).toBe(999);
    expect(parseZone(text, { omittedTtl: "default" }).records[1]!.ttl).toBe(3600);
    expect(parseZone(text, { omittedTtl: "default", defaultTtl: 60 }).records[1]!.ttl).toBe(60);
  });

  it("TTL units", () => {
    expect(one("a 1W2d3h4m5s A 192.0.2.1").ttl).toBe(7 * 86400 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
    expect(one("a 2H A 192.0.2.1").ttl).toBe(7200);
  });

  it("joins lines in parentheses and ignores comments inside them", () => {
    const rec = one(
      [
        "@ 86400 IN SOA ns1 admin ( ; primary, contact",
        "   2018031900 ; serial",
        "   1800 900 604800 86400 )",
      ].join("\r\n"),
    );
    expect(toHex(rec.rdata.subarray(rec.rdata.length - 20))).toBe("7848b91c000007080000038400093a8000015180");
  });

  it("decodes \\DDD and \\X escapes in names and strings", () => {
    const rec = one('a\\.b\\065\\032c TXT "x\\"y" \\059\\\\');
    expect(toHex(rec.owner)).toBe("06612e62612063076578616d706c6500");
    expect(nameToText(rec.owner)).toBe("a\\.ba\\032c.example.");
    expect(toHex(rec.rdata)).toBe(
      `03${toHex(new TextEncoder().encode('x"y'))}02${toHex(new TextEncoder().encode(";\\"))}`,
    );
  });

  it("keeps a quoted ';' and '(' in strings", () => {
    const rec = one('a TXT "a;b(c" "" d');
    expect(toHex(rec.rdata)).toBe("05613b62286300" + "0164");
  });

  it("encodes non-ASCII text as UTF-8, or byte-for-byte in latin1 mode", () => {
    expect(toHex(one('a TXT "é"').rdata)).toBe("02c3a9");
    const r = parseZone('a TXT "\u00e9"', { origin: "example.", latin1: true });
    expect(toHex(r.records[0]!.rdata)).toBe("01e9");
  });

  it("accepts CLASSnnn and TYPEnnn", () => {
    const rec = one("a CLASS1 TYPE1 192.0.2.1");
    expect([rec.class, rec.type, toHex(rec.rdata)]).toEqual([1, 1, "c0000201"]);
  });

  it("generic RDATA round-trips and equals the known type's encoding (RFC 3597)", () => {
    const unknown = one("a TYPE65534 \\# 3 010203");
    expect([unknown.type, toHex(unknown.rdata)]).toEqual([65534, "010203"]);
    expect(recordToText(unknown)).toBe("a.example. 3600 IN TYPE65534 \\# 3 010203");
    expect(toHex(one(recordToText(unknown)).rdata)).toBe("010203");
    expect(one("a TYPE1 \\# 4 c0000201").rdata).toEqual(one("a A 192.0.2.1").rdata);
    // Names inside generic RDATA of a known type are canonicalised like the text form.
    expect(one("a TYPE2 \\# 13 034e5331074558414d504c4500").rdata).toEqual(one("a NS NS1.EXAMPLE.").rdata);
    expect(one("a NULL \\# 0").rdata).toHaveLength(0);
    expect(one("a MX \\# ( 3 000a 00 )").rdata).toEqual(one("a MX 10 .").rdata);
  });

  it("feeding the text in tiny chunks gives the same records", () => {
    const text = "$ORIGIN example.\n@ 3600 IN SOA ns1 admin ( 1 2\n 3 4 5 )\nwww A 192.0.2.1\n\t AAAA ::1\n";
    const whole = parseZone(text).records.map(recordToText);
    const p = new ZoneParser();
    const chunked: string[] = [];
    for (let i = 0; i < text.length; i += 3) chunked.push(...p.push(text.slice(i, i + 3)).map(recordToText));
    chunked.push(...p.end().map(recordToText));
    expect(chunked).toEqual(whole);
    expect(whole).toHaveLength(3);
  });

  it("streams bytes through parseZoneStream", async () => {
    const bytes = new TextEncoder().encode('$ORIGIN example.\na TXT "\u00e9"\nb A 192.0.2.9\n');
    async function* source() {
      yield bytes.subarray(0, 20);
      yield bytes.subarray(20);
    }
    const out: string[] = [];
    for await (const batch of parseZoneStream(source())) {
      expect(batch.errors).toEqual([]);
      out.push(...batch.records.map((r) => toHex(r.rdata)));
    }
    expect(out).toEqual(["02c3a9", "c0000209"]);
  });
});

describe("errors carry file, line, column and reason", () => {
  const errs = (text: string, opts = {}) =>
    parseZone(text, { origin: "example.", file: "z.zone", ...opts }).errors;

  it("reports a bad address at its column and keeps parsing", () => {
    const r = parseZone("a A 192.0.2.1\nb A 192.0.2.300\nc A 192.0.2.3\n", {
      origin: "example.",
      file: "z.zone",
    });
    expect(r.records).toHaveLength(2);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: "z.zone", line: 2, column: 5, code: "bad_rdata" });
    expect(r.errors[0]!.message).toBe("z.zone:2:5: invalid IPv4 address '192.0.2.300'");
  });

  it("unknown class", () => {
    expect(errs("a 300 XY A 192.0.2.1")[0]).toMatchObject({
      code: "unknown_class",
      line: 1,
      column: 7,
      reason: "unknown class 'XY'",
    });
  });

  it("unknown type, missing type, missing rdata, extra rdata", () => {
    expect(errs("a IN FOO 1")[0]).toMatchObject({ code: "unknown_type", column: 6 });
    expect(errs("a 300 IN")[0]).toMatchObject({ code: "syntax", reason: "missing RR type" });
    expect(errs("a MX 10")[0]!.reason).toBe("MX: missing domain name");
    expect(errs("a A 192.0.2.1 extra")[0]).toMatchObject({
      column: 15,
      reason: "A: unexpected extra data 'extra'",
    });
  });

  it("ZONEMD with a digest shorter than 12 octets", () => {
    expect(errs("@ ZONEMD 1 1 1 0011223344")[0]).toMatchObject({ line: 1, column: 16, code: "bad_rdata" });
  });

  it("unterminated quote, unbalanced and unclosed parentheses", () => {
    expect(errs('a TXT "abc\nb A 192.0.2.1')[0]).toMatchObject({ line: 1, column: 7, code: "syntax" });
    expect(errs("a A 192.0.2.1 )")[0]).toMatchObject({ line: 1, column: 15 });
    const e = errs("a 300 IN SOA ns1 admin ( 1 2 3 4 5\n");
    expect(e[0]).toMatchObject({ line: 1, column: 24, reason: "unclosed '(' at end of file" });
  });

  it("a failed multi-line entry is reported once and skipped", () => {
    const r = parseZone('a TXT ( "x\n  more )\nb A 192.0.2.1\n', { origin: "example." });
    expect(r.errors).toHaveLength(1);
    expect(r.records.map((x) => nameToText(x.owner))).toEqual(["b.example."]);
  });

  it("relative names without an origin", () => {
    expect(parseZone("www A 192.0.2.1").errors[0]!.reason).toMatch(/no \$ORIGIN/);
  });

  it("bad \\DDD escapes", () => {
    expect(errs("a\\256 A 192.0.2.1")[0]!.reason).toMatch(/out of range/);
    expect(errs("a\\25 A 192.0.2.1")[0]!.reason).toMatch(/three digits/);
  });

  it("unsupported directive", () => {
    expect(errs("$GENERATE 1-10 a$ A 192.0.2.$")[0]).toMatchObject({ code: "directive", column: 1 });
  });

  it("stops after maxErrors", () => {
    const text = "a A x\n".repeat(50);
    const e = errs(text, { limits: { maxErrors: 5 } });
    expect(e).toHaveLength(6);
    expect(e[5]!.code).toBe("too_many_errors");
  });
});

describe("size limits", () => {
  const errs = (text: string) => parseZone(text, { origin: "example." }).errors;
  it("label over 63 octets", () => {
    expect(errs(`${"a".repeat(64)} A 192.0.2.1`)[0]).toMatchObject({ code: "limit", column: 1 });
    expect(errs(`${"a".repeat(63)} A 192.0.2.1`)).toEqual([]);
  });
  it("name over 255 octets", () => {
    const long = Array.from({ length: 5 }, () => "a".repeat(60)).join(".");
    expect(errs(`x CNAME ${long}.`)[0]).toMatchObject({ code: "limit", column: 9 });
  });
  it("TXT string over 255 octets", () => {
    expect(errs(`a TXT "${"x".repeat(256)}"`)[0]).toMatchObject({ code: "limit", column: 7 });
    expect(errs(`a TXT "${"x".repeat(255)}"`)).toEqual([]);
  });
  it("line over 64 KiB, whole or streamed", () => {
    const big = `a TXT ${"x".repeat(70_000)}\nb A 192.0.2.1\n`;
    const r = parseZone(big, { origin: "example." });
    expect(r.errors[0]).toMatchObject({ code: "limit", line: 1 });
    expect(r.records).toHaveLength(1);
    const p = new ZoneParser({ origin: "example." });
    const got = [];
    for (let i = 0; i < big.length; i += 4096) got.push(...p.push(big.slice(i, i + 4096)));
    got.push(...p.end());
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]!.reason).toMatch(/line longer than 65536/);
    expect(got.map((x) => nameToText(x.owner))).toEqual(["b.example."]);
  });
});

describe("$INCLUDE via the caller's resolver", () => {
  const files: Record<string, string> = {
    "main.zone": "$ORIGIN example.\n@ SOA ns admin 1 2 3 4 5\n$INCLUDE hosts.inc\nafter A 192.0.2.9\n",
    "hosts.inc": "www A 192.0.2.1\n$INCLUDE sub.inc sub.example.\n",
    "sub.inc": "x A 192.0.2.2\n",
    "loop-a.zone": "$ORIGIN example.\n$INCLUDE loop-b.zone\n",
    "loop-b.zone": "b A 192.0.2.3\n$INCLUDE loop-a.zone\n",
  };
  const resolver = (req: IncludeRequest) => {
    const content = files[req.path];
    if (content === undefined) throw new Error("not found");
    return { id: req.path, content: [content] };
  };

  it("includes files, with an optional origin that does not leak back", () => {
    const r = parseZone(files["main.zone"]!, { file: "main.zone", include: resolver });
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [nameToText(x.owner), x.file])).toEqual([
      ["example.", "main.zone"],
      ["www.example.", "hosts.inc"],
      ["x.sub.example.", "sub.inc"],
      ["after.example.", "main.zone"],
    ]);
  });

  it("refuses an include loop with a located error", () => {
    const r = parseZone(files["loop-a.zone"]!, { file: "loop-a.zone", include: resolver });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: "include_loop", file: "loop-b.zone", line: 2 });
    expect(r.errors[0]!.reason).toBe("$INCLUDE loop: loop-a.zone -> loop-b.zone -> loop-a.zone");
    expect(r.records).toHaveLength(1);
  });

  it("limits depth even when ids differ", () => {
    let n = 0;
    const r = parseZone("$INCLUDE f0\n", {
      origin: "example.",
      include: () => ({ id: `f${++n}`, content: `a${n} A 192.0.2.1\n$INCLUDE next\n` }),
      limits: { maxIncludeDepth: 3 },
    });
    expect(r.records).toHaveLength(3);
    expect(r.errors[0]).toMatchObject({ code: "include", reason: "$INCLUDE nested deeper than 3" });
  });

  it("reports a refused include and no resolver", () => {
    const r = parseZone("$INCLUDE missing.inc\n", { origin: "example.", file: "m", include: resolver });
    expect(r.errors[0]).toMatchObject({
      code: "include",
      line: 1,
      reason: "cannot include 'missing.inc': not found",
    });
    expect(parseZone("$INCLUDE x\n").errors[0]!.code).toBe("include");
  });
});
