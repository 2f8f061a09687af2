import { describe, expect, it } from "vitest";
import { decodeJCard, parseJsonText } from "../../src/rdap/index";
import { Findings } from "../../src/rdap/findings";
import { read } from "./helpers";

const decode = (rel: string) => {
  const j = parseJsonText(read(`responses/openrdap/jcard/${rel}`));
  if (!j.ok) return { json: j.reason };
  const f = new Findings();
  return { card: decodeJCard(j.value, "$.vcardArray", f), findings: f.list };
};

describe("jCard (RFC 7095) — openrdap's test set", () => {
  it("decodes the RFC 7095 example (Simon Perreault)", () => {
    const { card, findings } = decode("example.json");
    expect(findings).toEqual([]);
    expect(card).toMatchObject({
      fn: "Simon Perreault",
      name: {
        family: ["Perreault"],
        given: ["Simon"],
        additional: [],
        prefixes: [],
        suffixes: ["ing. jr", "M.Sc."],
      },
    });
    expect(card?.emails[0]?.address).toBe("simon.perreault@viagenie.ca");
    expect(card?.phones.map((p) => [p.number, p.types, p.extension])).toEqual([
      ["+1-418-656-9254", ["work", "voice"], "102"],
      ["+1-418-262-6501", ["work", "cell", "voice", "video", "text"], undefined],
    ]);
    expect(card?.addresses[0]).toMatchObject({
      types: ["work"],
      extended: "Suite D2-630",
      street: ["2875 Laurier"],
      locality: "Quebec",
      region: "QC",
      postalCode: "G1V 2M2",
      country: "Canada",
    });
    expect(card?.languages).toEqual([
      { tag: "fr", pref: 1 },
      { tag: "en", pref: 2 },
    ]);
  });

  it("keeps mixed-type values (mixed.json)", () => {
    const { card, findings } = decode("mixed.json");
    expect(findings).toEqual([]);
    expect(card?.properties[1]?.values).toEqual(["abc", true, 42, null, ["def", false, 43]]);
  });

  it.each([
    ["error_bad_properties_array.json", "jcard.properties"],
    ["error_bad_property_name.json", "jcard.property"],
    ["error_bad_property_parameters.json", "jcard.property"],
    ["error_bad_property_size.json", "jcard.property"],
    ["error_bad_property_type.json", "jcard.property"],
    ["error_bad_top_type.json", "jcard.structure"],
    ["error_bad_vcard_label.json", "jcard.label"],
    ["error_invalid_properties.json", "jcard.property"],
  ])("%s is an invalid card (%s)", (file, code) => {
    const { card, findings } = decode(file);
    expect(card).toBeUndefined();
    expect(findings?.map((f) => [f.code, f.severity])).toEqual([[code, "error"]]);
  });

  it.each([
    "error_bad_property_nest_depth.json",
    "error_bad_property_parameters_2.json",
    "error_invalid_json.json",
  ])("%s is not JSON at all (deliberately)", (file) => expect(decode(file).json).toMatch(/^not JSON: /));

  it("refuses values nested deeper than structured values allow", () => {
    const f = new Findings();
    expect(
      decodeJCard(["vcard", [["version", {}, "text", ["ok", ["ok", ["too deep"]]]]]], "$", f),
    ).toBeUndefined();
    expect(f.list[0]?.message).toBe("value of version is nested too deep");
  });
});
