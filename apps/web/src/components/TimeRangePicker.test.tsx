import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setZoneMode } from "../lib/timeZoneMode";
import { TimeRangePicker } from "./TimeRangePicker";

const NOW = Date.parse("2026-12-06T12:30:00Z");
const savedTz = process.env.TZ;
afterEach(() => {
  act(() => setZoneMode("utc"));
  process.env.TZ = savedTz;
});

const setup = (value = { from: "", to: "" }, extra: Partial<Parameters<typeof TimeRangePicker>[0]> = {}) => {
  const onChange = vi.fn();
  render(<TimeRangePicker value={value} onChange={onChange} now={() => NOW} {...extra} />);
  return onChange;
};

describe("<TimeRangePicker>", () => {
  it("offers quick relative ranges that go to the URL as now-…", () => {
    const onChange = setup();
    fireEvent.click(screen.getByRole("button", { name: "Time range: All time" }));
    fireEvent.click(screen.getByRole("button", { name: "Last 6 hours" }));
    expect(onChange).toHaveBeenCalledWith({ from: "now-6h", to: "" });
  });

  it("reads typed times in the display zone and writes them zoned (UTC) for the URL", () => {
    process.env.TZ = "Europe/Berlin";
    act(() => setZoneMode("local"));
    const onChange = setup();
    fireEvent.click(screen.getByRole("button", { name: /Time range/ }));
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-12-06 12:09" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "now" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply time range" }));
    expect(onChange).toHaveBeenCalledWith({ from: "2026-12-06T11:09Z", to: "now" });
  });

  it("shows what is wrong on the field and applies nothing", () => {
    const onChange = setup();
    fireEvent.click(screen.getByRole("button", { name: /Time range/ }));
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "yesterday" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply time range" }));
    expect(screen.getByLabelText("From")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("From")).toHaveAccessibleDescription(
      "not a time (now-1h, or 2026-12-06T12:09Z)",
    );
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "now" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "now-1h" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply time range" }));
    expect(screen.getByRole("alert")).toHaveTextContent("the start is not before the end");
    expect(onChange).not.toHaveBeenCalled();
  });

  it("opens on a bad URL value, showing its text and the reason on the field", () => {
    setup({ from: "", to: "" }, { raw: { from: "2026-12-06T12:09" }, issues: { from: "no time zone" } });
    expect(screen.getByRole("button", { name: "Time range: Invalid time range" })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(screen.getByLabelText("From")).toHaveValue("2026-12-06T12:09");
    expect(screen.getByLabelText("From")).toHaveAccessibleDescription("no time zone");
  });
});
