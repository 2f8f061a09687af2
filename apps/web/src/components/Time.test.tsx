import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { formatLocal } from "../lib/time";
import { Time } from "./Time";

const ISO = "2026-11-21T07:05:09.000Z";

describe("<Time>", () => {
  it("shows UTC as text and the local time on hover", () => {
    render(<Time iso={ISO} />);
    const el = screen.getByText("2026-11-21 07:05:09 UTC");
    expect(el.tagName).toBe("TIME");
    expect(el).toHaveAttribute("datetime", ISO);
    expect(el).toHaveAttribute("title", formatLocal(ISO));
    expect(el.getAttribute("title")).toMatch(/^2026-11-2\d \d\d:\d\d:09 .*\(local\)$/);
  });

  it("adds the age when asked", () => {
    render(<Time iso={ISO} relative now={Date.parse("2026-11-21T07:10:09Z")} />);
    expect(screen.getByText("2026-11-21 07:05:09 UTC")).toBeInTheDocument();
    expect(screen.getByText("(5m ago)")).toBeInTheDocument();
  });

  it("can show only the age, keeping UTC and local time in the title", () => {
    render(<Time iso={ISO} relative="only" now={Date.parse("2026-11-21T09:05:09Z")} />);
    const el = screen.getByText("2h ago");
    expect(el.getAttribute("title")).toContain("2026-11-21 07:05:09 UTC");
    expect(el.getAttribute("title")).toContain("(local)");
  });

  it("shows a dash for no time", () => {
    render(<Time iso={null} />);
    expect(screen.getByText("—")).toBeInTheDocument();
  });
});
