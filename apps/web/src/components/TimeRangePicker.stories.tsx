import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, userEvent, within } from "storybook/test";
import type { TimeRange } from "../lib/timeRange";
import { expects } from "../mocks/stories";
import { TimeRangePicker, type TimeRangePickerProps } from "./TimeRangePicker";

/** The shared time-range picker (BGP events, audit log, timeline): relative and absolute ranges, zone explicit. */
function Controlled(props: Omit<TimeRangePickerProps, "onChange">) {
  const [value, setValue] = useState<TimeRange>(props.value);
  return (
    <div style={{ minHeight: "22rem" }}>
      <TimeRangePicker {...props} value={value} onChange={setValue} />
      <p className="muted small">
        URL: <code>from={value.from}</code> <code>to={value.to}</code>
      </p>
    </div>
  );
}

const meta = {
  title: "Components/TimeRangePicker",
  component: Controlled,
} satisfies Meta<typeof Controlled>;

export default meta;
type Story = StoryObj<typeof meta>;

export const AllTime: Story = {
  args: { value: { from: "", to: "" } },
  parameters: expects("populated", "All time"),
};

export const LastHourOpen: Story = {
  args: { value: { from: "now-1h", to: "" } },
  parameters: expects("populated", "Last 1 hour"),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: /Time range: Last 1 hour/ }));
    await expect(canvas.getByRole("button", { name: "Last 1 hour" })).toHaveAttribute("aria-pressed", "true");
  },
};

export const Absolute: Story = {
  args: { value: { from: "2026-12-06T12:09Z", to: "2026-12-06T13:09Z" } },
  parameters: expects("populated", "2026-12-06 12:09:00 UTC → 2026-12-06 13:09:00 UTC"),
};

/** A zone-less time in the URL: the picker opens with the text on its field and the reason. */
export const InvalidFromUrl: Story = {
  args: {
    value: { from: "", to: "" },
    raw: { from: "2026-12-06T12:09" },
    issues: { from: "no time zone: add Z for UTC or an offset such as +01:00 (2026-12-06T12:09Z)" },
  },
  parameters: expects("error", /no time zone: add Z for UTC/),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText("From")).toHaveAttribute("aria-invalid", "true");
    await expect(canvas.getByLabelText("From")).toHaveValue("2026-12-06T12:09");
  },
};
