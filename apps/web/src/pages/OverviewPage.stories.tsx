import { createMockApi, populatedState, scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { expects, withMsw } from "../mocks/stories";
import { OverviewPage } from "./OverviewPage";

/** The overview against the mock API (MSW): health tiles and firing alerts. */
const meta = {
  title: "Pages/OverviewPage",
  component: OverviewPage,
} satisfies Meta<typeof OverviewPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const acking = createMockApi();
/** Interaction stories start from fresh data each time (the store outlives a story visit). */
const resetAcking = () => {
  Object.assign(acking.state, populatedState());
};

export const Populated: Story = {
  parameters: {
    ...withMsw(scenarios.populated()),
    ...expects("populated", "4 active, 1 webhook receiver"),
  },
};

export const Loading: Story = {
  parameters: { ...withMsw(scenarios.loading()), ...expects("loading", /Loading the overview…/) },
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: { ...withMsw(scenarios.empty()), ...expects("empty", "No firing alerts.") },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: { ...withMsw(scenarios.error()), ...expects("error", /Could not load the overview/) },
};

/** Ack from the overview: the mock API records it and the alert leaves the firing list. */
export const AckFromOverview: Story = {
  beforeEach: resetAcking,
  parameters: { ...withMsw(acking.handlers), ...expects("interaction", "Health by subsystem") },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const summary = "Example: webhook receiver example-pager failing";
    const ack = await canvas.findByRole("button", {
      name: new RegExp(`^Acknowledge alert \\d+: ${summary}`),
    });
    await userEvent.click(ack);
    await waitFor(() =>
      expect(acking.state.alerts.find((a) => a.summary === summary)?.state).toBe("acknowledged"),
    );
    await waitFor(() =>
      expect(
        canvas.queryByRole("button", { name: new RegExp(`^Acknowledge alert \\d+: ${summary}`) }),
      ).toBeNull(),
    );
  },
};
