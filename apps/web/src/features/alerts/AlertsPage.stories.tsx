import { createMockApi, populatedState } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { atRoute, expects, inScenario, resettableMockApi, withMsw } from "../../mocks/stories";
import { AlertsPage } from "./AlertsPage";

/** The alert list page against the mock API (MSW): filters in the URL, actions through tRPC. */
const meta = {
  title: "Pages/AlertsPage",
  component: AlertsPage,
  parameters: atRoute("/alerts"),
} satisfies Meta<typeof AlertsPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const SUMMARY = "Example: background job example-job failed";
const acking = resettableMockApi();

export const Populated: Story = {
  parameters: inScenario("populated", SUMMARY),
};

export const Loading: Story = {
  parameters: inScenario("loading", /Loading alerts…/),
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No alerts match these filters."),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load alerts/),
};

/** Clicking Ack calls alerts.acknowledge; the row then shows "acknowledged" and Unack. */
export const Acknowledge: Story = {
  beforeEach: acking.reset,
  parameters: { ...withMsw(acking.handlers), ...expects("interaction", SUMMARY) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const ack = await canvas.findByRole("button", {
      name: new RegExp(`^Acknowledge alert \\d+: ${SUMMARY}`),
    });
    await userEvent.click(ack);
    await waitFor(() =>
      expect(acking.state.alerts.find((a) => a.summary === SUMMARY)?.state).toBe("acknowledged"),
    );
    await canvas.findByRole("button", { name: new RegExp(`^Unacknowledge alert \\d+: ${SUMMARY}`) });
  },
};

/** A viewer sees the list without action buttons. */
export const AsViewer: Story = {
  parameters: {
    ...withMsw(createMockApi({ state: populatedState("mock-user-viewer") }).handlers),
    ...expects("populated", SUMMARY),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(SUMMARY);
    await expect(canvas.queryByRole("button", { name: /^Acknowledge/ })).toBeNull();
  },
};

/** Only resolved alerts, from the URL. */
export const ResolvedFilter: Story = {
  parameters: {
    ...atRoute("/alerts", "/alerts?state=resolved"),
    ...inScenario("populated", "Example: DHCP pool example-pool exhausted"),
  },
};
