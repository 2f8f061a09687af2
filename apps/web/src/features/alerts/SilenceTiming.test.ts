import { describe, expect, it } from "vitest";
import { resolveTiming, timingOf } from "./SilenceTiming";

const NOW = Date.parse("2026-11-21T06:00:00Z");
/** The fields keep instants (they show them in the display zone). */
const local = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

describe("silence timing", () => {
  it("starts now by default and ends after the duration", () => {
    expect(resolveTiming({ start: "", duration: "4h", end: "" }, NOW)).toEqual({
      endsAt: new Date(NOW + 4 * H).toISOString(),
    });
  });

  it("schedules ahead: the duration counts from the given start", () => {
    const t = resolveTiming({ start: local(NOW + 2 * H), duration: "1h", end: "" }, NOW);
    expect(t).toEqual({
      startsAt: new Date(NOW + 2 * H).toISOString(),
      endsAt: new Date(NOW + 3 * H).toISOString(),
    });
  });

  it("says what is wrong: a bad start, no end, an end before the start", () => {
    expect(resolveTiming({ start: "tomorrow", duration: "1h", end: "" }, NOW)).toHaveProperty("error");
    expect(resolveTiming({ start: "", duration: "custom", end: "" }, NOW)).toEqual({
      error: "Pick an end time.",
    });
    expect(
      resolveTiming({ start: local(NOW + 3 * H), duration: "custom", end: local(NOW + 2 * H) }, NOW),
    ).toEqual({ error: "The end must be after the start." });
  });

  it("opens an existing silence with its end, and its start when still pending", () => {
    const startsAt = new Date(Date.now() + 2 * H).toISOString();
    const pending = timingOf({ startsAt, endsAt: new Date(Date.now() + 5 * H).toISOString() });
    expect(pending.start).toBe(startsAt);
    expect(pending.duration).toBe("custom");
    const active = timingOf({
      startsAt: new Date(Date.now() - H).toISOString(),
      endsAt: new Date(Date.now() + H).toISOString(),
    });
    expect(active.start).toBe("");
  });
});
