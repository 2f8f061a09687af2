import { act, render, screen } from "@testing-library/react";
import { MemoryRouter, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultUrlState, readUrlState, useUrlState, writeUrlState } from "./urlState";

const schema = z.object({
  text: z.string().trim().max(5).default(""),
  mode: z.enum(["a", "b", "c"]).default("a"),
  tags: z.array(z.enum(["x", "y", "z"])).default([]),
  wanted: z.array(z.enum(["x", "y", "z"])).default(["x", "y"]),
  ids: z.array(z.number().int().positive()).default([]),
  count: z.number().int().min(1).max(9).default(3),
  on: z.boolean().default(false),
  pick: z.enum(["one"]).nullable().default(null),
});
const read = (qs: string) => readUrlState(schema, new URLSearchParams(qs));

describe("readUrlState", () => {
  it("gives every default for an empty URL, with no issues", () => {
    expect(read("")).toEqual({
      value: { text: "", mode: "a", tags: [], wanted: ["x", "y"], ids: [], count: 3, on: false, pick: null },
      issues: {},
      raw: {},
    });
    expect(defaultUrlState(schema)).toEqual(read("").value);
  });

  it("reads each kind of field", () => {
    expect(read("text=%20hi%20&mode=c&tags=z,x,z&wanted=all&ids=4,2&count=9&on=1&pick=one")).toEqual({
      value: {
        text: "hi",
        mode: "c",
        tags: ["x", "z"],
        wanted: [],
        ids: [4, 2],
        count: 9,
        on: true,
        pick: "one",
      },
      issues: {},
      raw: {},
    });
    expect(read("wanted=").value.wanted).toEqual([]);
    expect(read("tags=Y").value.tags).toEqual(["y"]);
  });

  it("falls back per field and reports each value it could not use", () => {
    const { value, issues } = read("mode=d&count=12&on=yes&pick=two&ids=1,-2,abc&tags=x,w&text=abcdefgh");
    expect(value).toMatchObject({
      mode: "a",
      count: 3,
      on: false,
      pick: null,
      ids: [1],
      tags: ["x"],
      text: "abcde",
    });
    expect(Object.keys(issues).sort()).toEqual(["count", "ids", "mode", "on", "pick", "tags", "text"]);
    expect(issues.mode).toMatch(/^“d”: /);
    expect(issues.count).toMatch(/^“12”: /);
    expect(issues.ids).toBe("ignored “-2”, “abc”");
    expect(issues.tags).toBe("ignored “w” (allowed: x, y, z)");
    expect(issues.text).toBe("cut to 5 characters");
    // What the URL said, for the form to show in the field beside its issue.
    expect(read("count=12&mode=d").raw).toEqual({ count: "12", mode: "d" });
  });

  it("does not report parameters the schema does not own", () => {
    expect(read("conn=7&other=x").issues).toEqual({});
  });
});

describe("writeUrlState", () => {
  it("leaves every default out", () => {
    expect(writeUrlState(schema, defaultUrlState(schema)).toString()).toBe("");
  });

  it("writes what differs, lists in the enum's order, an empty list that is not the default as 'all'", () => {
    const p = writeUrlState(schema, {
      ...defaultUrlState(schema),
      text: " hi ",
      tags: ["z", "x"],
      wanted: [],
      ids: [3, 1],
      count: 4,
      on: true,
      pick: "one",
    });
    expect(p.toString()).toBe("text=hi&tags=x%2Cz&wanted=all&ids=3%2C1&count=4&on=1&pick=one");
  });

  it("round-trips", () => {
    const qs = "text=ab&mode=b&tags=y&wanted=z&ids=5&count=1&on=1&pick=one";
    expect(writeUrlState(schema, read(qs).value).toString()).toBe(new URLSearchParams(qs).toString());
  });

  it("keeps the parameters the schema does not own, and drops the ones it replaces", () => {
    const keep = new URLSearchParams("conn=7&mode=b&on=1");
    expect(writeUrlState(schema, { ...defaultUrlState(schema), mode: "c" }, keep).toString()).toBe(
      "conn=7&mode=c",
    );
  });
});

function Probe() {
  const [state, setState, issues] = useUrlState(schema);
  const location = useLocation();
  return (
    <div>
      <p data-testid="search">{location.search}</p>
      <p data-testid="mode">{state.mode}</p>
      <p data-testid="issues">{Object.keys(issues).join(",")}</p>
      <button type="button" onClick={() => setState({ mode: "b", on: true })}>
        change
      </button>
      <button type="button" onClick={() => setState({ mode: "a", on: false })}>
        reset
      </button>
    </div>
  );
}

describe("useUrlState", () => {
  it("reads the URL, reports what it ignored, and writes changes keeping other parameters", () => {
    render(
      <MemoryRouter initialEntries={["/x?conn=7&mode=zz&count=2"]}>
        <Probe />
      </MemoryRouter>,
    );
    expect(screen.getByTestId("mode").textContent).toBe("a");
    expect(screen.getByTestId("issues").textContent).toBe("mode");
    act(() => screen.getByText("change").click());
    expect(screen.getByTestId("search").textContent).toBe("?conn=7&mode=b&count=2&on=1");
    expect(screen.getByTestId("issues").textContent).toBe("");
    act(() => screen.getByText("reset").click());
    expect(screen.getByTestId("search").textContent).toBe("?conn=7&count=2");
  });
});
