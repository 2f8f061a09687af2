import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { expects, inScenario, resettableMockApi, withMsw } from "../../mocks/stories";
import { OverviewPage } from "./OverviewPage";

/** The overview against the mock API (MSW): health tiles and firing alerts. */
const meta = {
  title: "Pages/OverviewPage",
  component: OverviewPage,
} satisfies Meta<typeof OverviewPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const acking = resettableMockApi();

export const Populated: Story = {
  parameters: inScenario("populated", /\d+ silenced, 1 webhook receiver/),
};

export const Loading: Story = {
  parameters: inScenario("loading", /Loading the overview…/),
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No firing alerts."),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load the overview/),
};

/** Ack from the overview: the mock API records it and the alert leaves the firing list. */
export const AckFromOverview: Story = {
  beforeEach: acking.reset,
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
