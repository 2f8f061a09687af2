import { alertDetailFixture, alertEventFixture, deliveryFixture, fixtureTime } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { expects, STORY_NOW } from "../../mocks/stories";
import { AlertDetail } from "./AlertDetail";

const detail = alertDetailFixture({
  alert: {
    severity: "critical",
    summary: "Example: webhook receiver example-pager failing",
    labels: { check: "webhook", receiver: "example-pager" },
    count: 4,
  },
  events: [
    alertEventFixture({ at: fixtureTime(-90), kind: "fired" }),
    alertEventFixture({ at: fixtureTime(-30), kind: "repeated", note: "severity warning → critical" }),
  ],
  deliveries: [
    deliveryFixture({ alertId: 1, event: "firing" }),
    deliveryFixture({
      alertId: 1,
      event: "firing",
      status: "failed",
      lastStatus: 503,
      lastError: "HTTP 503",
    }),
  ],
});

/** One alert with fixture props (Pages/AlertDetailPage has the connected states). */
const meta = {
  title: "Alerts/AlertDetail",
  component: AlertDetail,
  args: { data: detail, role: "operator", now: STORY_NOW, onAck: fn(), onUnack: fn(), onResolve: fn() },
  parameters: { layout: "padded" },
} satisfies Meta<typeof AlertDetail>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: expects("populated", "Example: webhook receiver example-pager failing"),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: /^Acknowledge alert/ }));
    await expect(args.onAck).toHaveBeenCalledWith(expect.objectContaining({ id: detail.alert.id }));
  },
};

export const Acknowledged: Story = {
  args: {
    data: {
      ...detail,
      alert: {
        ...detail.alert,
        state: "acknowledged",
        acknowledgedAt: fixtureTime(-5),
        acknowledgedBy: "operator",
      },
    },
  },
  parameters: expects("populated", "Unack"),
};

export const Resolved: Story = {
  args: {
    data: {
      ...detail,
      alert: { ...detail.alert, state: "resolved", resolvedAt: fixtureTime(-1), resolvedBy: "auto" },
    },
  },
  parameters: expects("populated", /by auto/),
};

export const NoHistory: Story = {
  name: "Empty (no history, no deliveries)",
  args: { data: alertDetailFixture({ events: [], deliveries: [] }) },
  parameters: expects("empty", "No webhook deliveries for this alert."),
};

export const Viewer: Story = {
  args: { role: "viewer" },
  parameters: expects("populated", "Webhook deliveries"),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole("button", { name: /^Acknowledge/ })).toBeNull();
  },
};
