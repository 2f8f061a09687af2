import { sampleAlerts } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { expects, inScenario } from "../../mocks/stories";
import { BulkBar } from "./BulkBar";

const open = sampleAlerts().filter((a) => a.state !== "resolved");

/** The bar over the Alerts list when rows are selected. */
const meta = {
  title: "Alerts/BulkBar",
  component: BulkBar,
  args: { selected: open, onAck: fn(), onResolve: fn(), onClear: fn() },
  parameters: { layout: "padded", ...inScenario("populated", "4 selected") },
} satisfies Meta<typeof BulkBar>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Selected: Story = {};

/** Resolve asks first. */
export const ResolveAsksFirst: Story = {
  parameters: expects("interaction", "4 selected"),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Resolve 4" }));
    await expect(args.onResolve).not.toHaveBeenCalled();
    await userEvent.click(canvas.getByRole("button", { name: "Yes" }));
    await expect(args.onResolve).toHaveBeenCalledWith(open.map((a) => a.id));
  },
};

/** Some alerts were not changed (resolved meanwhile): said per alert. */
export const PartlyRefused: Story = {
  args: { note: "1 not changed: #4 alert 4 is resolved" },
  parameters: expects("populated", "1 not changed: #4 alert 4 is resolved"),
};

export const SilenceForm: Story = {
  parameters: expects("interaction", "One silence per alert, matching exactly its source and labels."),
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole("button", { name: "Silence 4…" }));
  },
};
