import { alertFixture, sampleAlerts } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { expects, STORY_NOW } from "../../mocks/stories";
import { AlertList } from "./AlertList";

const alerts = sampleAlerts();
const firing = alerts.find((a) => a.state === "firing")!;

/** The alerts table with fixture props (Pages/AlertsPage has the connected states). */
const meta = {
  title: "Alerts/AlertList",
  component: AlertList,
  args: {
    items: alerts,
    role: "operator",
    now: STORY_NOW,
    onAck: fn(),
    onUnack: fn(),
    onResolve: fn(),
  },
  parameters: { layout: "padded" },
} satisfies Meta<typeof AlertList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: expects("populated", firing.summary),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      canvas.getByRole("button", { name: `Acknowledge alert ${firing.id}: ${firing.summary}` }),
    );
    await expect(args.onAck).toHaveBeenCalledWith(expect.objectContaining({ id: firing.id }));
  },
};

export const EmptyState: Story = {
  name: "Empty",
  args: { items: [], emptyText: "No alerts match these filters." },
  parameters: expects("empty", "No alerts match these filters."),
};

export const ViewerReadOnly: Story = {
  args: { role: "viewer" },
  parameters: expects("populated", firing.summary),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole("button", { name: /^Acknowledge/ })).toBeNull();
  },
};

export const GroupedBySource: Story = {
  args: { groupBy: "source" },
  parameters: expects("populated", "zonemd"),
};

export const Busy: Story = {
  args: {
    items: [alertFixture({ id: 901, summary: "Example: an alert with an action in flight" })],
    busyIds: new Set([901]),
  },
  parameters: expects("interaction", "Example: an alert with an action in flight"),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("button", { name: /^Acknowledge/ })).toBeDisabled();
  },
};

/** Sortable headings (the page keeps the order in the URL) and rows selected for a bulk action. */
export const SortedAndSelected: Story = {
  args: {
    sort: { sort: "severity", order: "desc", onSort: fn() },
    selected: new Set([firing.id]),
    onSelect: fn(),
    onAckGroup: fn(),
    groupBy: "source",
  },
  parameters: expects("interaction", firing.summary),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("columnheader", { name: /Severity/ })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    await userEvent.click(canvas.getByRole("button", { name: /^Last seen/ }));
    await expect(args.sort?.onSort).toHaveBeenCalledWith("lastSeen");
    await expect(
      canvas.getByRole("checkbox", { name: new RegExp(`^Select alert ${firing.id}:`) }),
    ).toBeChecked();
  },
};
