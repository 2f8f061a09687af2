import { act, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { formatTime } from "../lib/time";
import { setZoneMode, ZONE_KEY } from "../lib/timeZoneMode";
import { Time } from "./Time";
import { ZoneToggle } from "./ZoneToggle";

const ISO = "2026-11-21T07:05:09.000Z";
const savedTz = process.env.TZ;
afterEach(() => {
  act(() => setZoneMode("utc"));
  process.env.TZ = savedTz;
});

describe("<Time>", () => {
  it("shows UTC as text and the local time on hover", () => {
    render(<Time iso={ISO} />);
    const el = screen.getByText("2026-11-21 07:05:09 UTC");
    expect(el.tagName).toBe("TIME");
    expect(el).toHaveAttribute("datetime", ISO);
    expect(el).toHaveAttribute("title", formatTime(ISO, "local"));
    expect(el.getAttribute("title")).toMatch(/^2026-11-2\d \d\d:\d\d:09 GMT/);
  });

  it("adds the age when asked", () => {
    render(<Time iso={ISO} relative now={Date.parse("2026-11-21T07:10:09Z")} />);
    expect(screen.getByText("2026-11-21 07:05:09 UTC")).toBeInTheDocument();
    expect(screen.getByText("(5m ago)")).toBeInTheDocument();
  });

  it("can show only the age, keeping both zones in the title", () => {
    render(<Time iso={ISO} relative="only" now={Date.parse("2026-11-21T09:05:09Z")} />);
    const el = screen.getByText("2h ago");
    expect(el.getAttribute("title")).toContain("2026-11-21 07:05:09 UTC");
    expect(el.getAttribute("title")).toContain(formatTime(ISO, "local"));
  });

  it("shows a dash for no time", () => {
    render(<Time iso={null} />);
    expect(screen.getByText("—")).toBeInTheDocument();
  });

  it("follows the console's UTC/local toggle everywhere at once, and remembers it", async () => {
    process.env.TZ = "Europe/Berlin";
    render(
      <>
        <ZoneToggle />
        <Time iso={ISO} />
        <Time iso="2026-07-01T12:00:00Z" relative now={Date.parse("2026-07-01T12:05:00Z")} />
      </>,
    );
    expect(screen.getByText("2026-11-21 07:05:09 UTC")).toBeInTheDocument();
    act(() => screen.getByRole("button", { name: /Show times in local time/ }).click());
    expect(screen.getByText("2026-11-21 08:05:09 GMT+1")).toHaveAttribute("title", "2026-11-21 07:05:09 UTC");
    expect(screen.getByText("2026-07-01 14:00:00 GMT+2")).toBeInTheDocument();
    expect(localStorage.getItem(ZONE_KEY)).toBe("local");
    act(() => screen.getByRole("button", { name: "Show times in UTC" }).click());
    expect(screen.getByText("2026-11-21 07:05:09 UTC")).toBeInTheDocument();
    expect(localStorage.getItem(ZONE_KEY)).toBe("utc");
  });
});
