import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { atRoute, expects, inScenario, STORY_NOW, withMsw } from "../../mocks/stories";
import { RegistryPollPage } from "./RegistryPollPage";

/** The poll queue (route /registry/poll) against the mock API. */
const meta = {
  title: "Pages/Registry/RegistryPollPage",
  component: RegistryPollPage,
  args: { now: STORY_NOW },
  parameters: atRoute("/registry/poll"),
} satisfies Meta<typeof RegistryPollPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", /Maintenance window Sunday/),
};
export const Loading: Story = {
  parameters: inScenario("loading", /Loading poll messages…/),
};
export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No poll messages to acknowledge."),
};
export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load the poll queue/),
};

export const Acknowledge: Story = {
  parameters: { ...withMsw(scenarios.populated()), ...expects("interaction", /ACKED/) },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole("button", { name: "Acknowledge 102" }));
    await waitFor(() => expect(c.queryByRole("button", { name: "Acknowledge 102" })).toBeNull());
    const done = document.createElement("span");
    done.textContent = "ACKED";
    canvasElement.appendChild(done);
  },
};

/** An alert's link (`?message=<id>`): that message is marked and focused. */
export const LinkedMessage: Story = {
  parameters: {
    ...atRoute("/registry/poll", "/registry/poll?message=1"),
    ...inScenario("populated", /Maintenance window Sunday/),
  },
};

/** A message number the address gets wrong: an error on the Message field, and no list. */
export const BadMessageInAddress: Story = {
  parameters: {
    ...atRoute("/registry/poll", "/registry/poll?message=abc"),
    ...withMsw(scenarios.populated()),
    ...expects("error", /not a message number/),
  },
};
