import { describe, expect, it } from "vitest";
import { readUrlState, writeUrlState } from "../../lib/urlState";
import { type AlertFilters, alertFiltersSchema, DEFAULT_FILTERS, nextSort, toListInput } from "./filters";

const read = (qs: string) => readUrlState(alertFiltersSchema, new URLSearchParams(qs));
const parse = (qs: string) => read(qs).value;
const serializeAlertFilters = (f: AlertFilters) => writeUrlState(alertFiltersSchema, f);

describe("reading the alert filters from the URL", () => {
  it("defaults to what needs attention (firing + acknowledged)", () => {
    expect(parse("")).toEqual(DEFAULT_FILTERS);
  });

  it("reads every parameter", () => {
    expect(
      parse(
        "state=firing&severity=critical,warning&source=bgp,dhcp&q=%20ns1%20&group=source&silenced=exclude&sort=lastSeen&order=asc",
      ),
    ).toEqual({
      state: ["firing"],
      severity: ["critical", "warning"],
      source: ["dhcp", "bgp"],
      q: "ns1",
      silenced: "exclude",
      group: "source",
      sort: "lastSeen",
      order: "asc",
    });
  });

  it("orders worst severity first, then newest, when the URL names no order; a bad one is reported", () => {
    expect(parse("").sort).toBe("severity");
    expect(parse("").order).toBe("desc");
    const { value, issues } = read("sort=colour&order=up");
    expect([value.sort, value.order]).toEqual(["severity", "desc"]);
    expect(Object.keys(issues).sort()).toEqual(["order", "sort"]);
  });

  it("treats state=all and an empty state as every state", () => {
    expect(parse("state=all").state).toEqual([]);
    expect(parse("state=").state).toEqual([]);
  });

  it("drops unknown values, duplicates and bad modes, and says which", () => {
    const { value: f, issues } = read(
      "state=firing,bogus,firing&severity=urgent&source=ftp&silenced=maybe&group=zone",
    );
    expect(f.state).toEqual(["firing"]);
    expect(f.severity).toEqual([]);
    expect(f.source).toEqual([]);
    expect(f.silenced).toBe("include");
    expect(f.group).toBeNull();
    expect(Object.keys(issues).sort()).toEqual(["group", "severity", "silenced", "source", "state"]);
    expect(issues.state).toMatch(/“bogus”.*firing, acknowledged, resolved/);
    expect(issues.silenced).toMatch(/“maybe”/);
  });

  it("reports nothing for a clean URL", () => {
    expect(read("state=firing&severity=critical&q=x").issues).toEqual({});
  });

  it("caps the search text at the API's limit, and says so", () => {
    const { value, issues } = read(`q=${"x".repeat(300)}`);
    expect(value.q).toHaveLength(200);
    expect(issues.q).toMatch(/200 characters/);
  });
});

describe("writing the alert filters to the URL", () => {
  it("leaves defaults out of the URL", () => {
    expect(serializeAlertFilters(DEFAULT_FILTERS).toString()).toBe("");
  });

  it("writes lists in canonical order", () => {
    const p = serializeAlertFilters({
      ...DEFAULT_FILTERS,
      state: ["acknowledged", "firing", "resolved"],
      severity: ["info", "critical"],
      source: ["system", "zonemd"],
      q: " serial ",
      group: "source",
      silenced: "only",
    });
    expect(p.get("state")).toBe("firing,acknowledged,resolved");
    expect(p.get("severity")).toBe("critical,info");
    expect(p.get("source")).toBe("zonemd,system");
    expect(p.get("q")).toBe("serial");
    expect(p.get("group")).toBe("source");
    expect(p.get("silenced")).toBe("only");
  });

  it("writes state=all for every state", () => {
    expect(serializeAlertFilters({ ...DEFAULT_FILTERS, state: [] }).get("state")).toBe("all");
  });

  it("round-trips", () => {
    const qs = "state=resolved&severity=critical&source=epp&q=example.net&group=source&silenced=exclude";
    const f = parse(qs);
    expect(parse(serializeAlertFilters(f).toString())).toEqual(f);
    expect(serializeAlertFilters(f).toString()).toBe(new URLSearchParams(qs).toString());
  });
});

describe("toListInput", () => {
  it("sends only the filters that are set", () => {
    expect(toListInput(DEFAULT_FILTERS)).toEqual({
      state: ["firing", "acknowledged"],
      silenced: "include",
      sort: "severity",
      order: "desc",
      limit: 100,
    });
    expect(
      toListInput(
        { ...DEFAULT_FILTERS, state: [], q: " x ", severity: ["info"], sort: "count", order: "asc" },
        50,
      ),
    ).toEqual({
      severity: ["info"],
      q: "x",
      silenced: "include",
      sort: "count",
      order: "asc",
      limit: 50,
    });
  });

  it("flips the direction of the sorted column, and starts another at its natural first", () => {
    expect(nextSort({ sort: "severity", order: "desc" }, "severity")).toEqual({
      sort: "severity",
      order: "asc",
    });
    expect(nextSort({ sort: "severity", order: "desc" }, "summary")).toEqual({
      sort: "summary",
      order: "asc",
    });
    expect(nextSort({ sort: "summary", order: "asc" }, "lastSeen")).toEqual({
      sort: "lastSeen",
      order: "desc",
    });
  });
});
