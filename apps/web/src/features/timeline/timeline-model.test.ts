import type { TimelineEvent } from "@netops/protocols";
import { describe, expect, it } from "vitest";
import { readUrlState } from "../../lib/urlState";
import { bucketEvents, bucketStep, MAX_BUCKETS, stackedSeries } from "./buckets";
import { exportFileName, TIMELINE_CSV_HEADER, timelineCsv, timelineJson } from "./exportEvents";
import { parseEntityParam, timelineSchema } from "./filters";
import { apiRange } from "./TimelineView";

const T0 = Date.parse("2026-12-06T10:00:00Z") / 1000;
const at = (s: number) => new Date((T0 + s) * 1000).toISOString();

describe("buckets", () => {
  it("picks a round step giving at most MAX_BUCKETS", () => {
    expect(bucketStep(3600)).toBe(60);
    expect(bucketStep(24 * 3600)).toBe(15 * 60);
    expect(bucketStep(30 * 86_400)).toBe(6 * 3600);
    for (const span of [1, 600, 86_400, 400 * 86_400, 50 * 365 * 86_400])
      expect(Math.ceil(span / bucketStep(span))).toBeLessThanOrEqual(MAX_BUCKETS);
  });

  it("counts events per bucket and severity at their time, and leaves out those outside the range", () => {
    const b = bucketEvents(
      [
        { at: at(10), severity: "info" },
        { at: at(50), severity: "critical" },
        { at: at(125), severity: "warning" },
        { at: at(3599), severity: "info" },
        { at: at(3600), severity: "info" },
        { at: at(-1), severity: "info" },
        { at: "garbage", severity: "info" },
      ],
      T0,
      T0 + 3600,
    );
    expect(b.step).toBe(60);
    expect(b.x).toHaveLength(60);
    expect(b.x[0]).toBe(T0);
    expect(b.counts.info[0]).toBe(1);
    expect(b.counts.critical[0]).toBe(1);
    expect(b.counts.warning[2]).toBe(1);
    expect(b.counts.info[59]).toBe(1);
    const total = [...b.counts.info, ...b.counts.warning, ...b.counts.critical].reduce((a, c) => a + c, 0);
    expect(total).toBe(4);
    const s = stackedSeries(b);
    expect([s.info[0], s.warning[0], s.critical[0]]).toEqual([1, 1, 2]);
  });
});

const ev = (over: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id: "bgp:event:1",
  at: "2026-12-06T10:00:00.000Z",
  subsystem: "bgp",
  kind: "bgp-down",
  severity: "critical",
  title: "Session to 192.0.2.53 down",
  url: "/bgp/events/1",
  entity: { type: "ip", value: "192.0.2.53" },
  ...over,
});

describe("export", () => {
  it("writes RFC 4180 CSV with quoting and a guard against spreadsheet formulas", () => {
    const csv = timelineCsv([
      ev({ title: 'Shutdown: "maintenance", back at 12:00', detail: '=HYPERLINK("x")' }),
      ev({ entity: undefined }),
    ]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(TIMELINE_CSV_HEADER.trim());
    expect(lines[1]).toBe(
      '2026-12-06T10:00:00.000Z,bgp,bgp-down,critical,"Shutdown: ""maintenance"", back at 12:00","\'=HYPERLINK(""x"")",ip,192.0.2.53,/bgp/events/1',
    );
    expect(lines[2]).toBe(
      "2026-12-06T10:00:00.000Z,bgp,bgp-down,critical,Session to 192.0.2.53 down,,,,/bgp/events/1",
    );
    expect(lines[3]).toBe("");
  });

  it("writes JSON with the range and filters it was taken with", () => {
    const j = JSON.parse(
      timelineJson([ev()], {
        from: "2026-12-06T09:00:00.000Z",
        to: "2026-12-06T10:00:00.000Z",
        range: { from: "now-1h", to: "" },
        filters: { subsystems: ["bgp"] },
        truncated: false,
      }),
    );
    expect(j).toMatchObject({ count: 1, range: { from: "now-1h" }, truncated: false });
    expect(j.events[0].id).toBe("bgp:event:1");
  });

  it("names files after the range", () => {
    expect(exportFileName("2026-12-06T09:00:00.000Z", "2026-12-06T10:30:59.000Z", "csv")).toBe(
      "timeline-20261206T0900Z-20261206T1030Z.csv",
    );
  });
});

describe("timeline URL state", () => {
  it("opens on the last 24 hours and keeps a relative or zoned range, subsystems, severities and entity", () => {
    const d = readUrlState(timelineSchema, new URLSearchParams());
    expect(d.value).toMatchObject({ from: "now-24h", to: "", subsystem: [], severity: [], entity: "" });
    const r = readUrlState(
      timelineSchema,
      new URLSearchParams(
        "from=2026-12-06T11:00Z&to=now&subsystem=dhcp,bgp&severity=critical&entity=ip:192.0.2.53",
      ),
    );
    expect(r.issues).toEqual({});
    expect(r.value).toMatchObject({
      from: "2026-12-06T11:00Z",
      severity: ["critical"],
    });
    expect([...r.value.subsystem].sort()).toEqual(["bgp", "dhcp"]);
    expect(parseEntityParam(r.value.entity)).toEqual({ type: "ip", value: "192.0.2.53" });
  });

  it("refuses a zone-less time and an entity without a type, and says why", () => {
    const r = readUrlState(
      timelineSchema,
      new URLSearchParams("from=2026-12-06T11:00&entity=192.0.2.53&severity=loud"),
    );
    expect(r.issues.from).toMatch(/no time zone/);
    expect(r.issues.entity).toMatch(/type:value/);
    expect(r.issues.severity).toMatch(/loud/);
    expect(r.value.entity).toBe("");
  });

  it("gives the API both ends, open ones as the epoch and now", () => {
    const now = Date.parse("2026-12-06T12:00:00Z");
    expect(apiRange({ from: "now-1h", to: "", subsystem: [], severity: [] }, now)).toEqual({
      from: "2026-12-06T11:00:00.000Z",
      to: "2026-12-06T12:00:00.000Z",
    });
    expect(apiRange({ from: "", to: "2026-12-06T10:00+01:00", subsystem: [], severity: [] }, now)).toEqual({
      from: "1970-01-01T00:00:00.000Z",
      to: "2026-12-06T09:00:00.000Z",
    });
  });
});
