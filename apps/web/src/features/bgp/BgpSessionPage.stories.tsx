import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { atRoute, expects, inScenario, withMsw } from "../../mocks/stories";
import { BgpSessionPage } from "./BgpSessionPage";

const SESSION = "/bgp/session?router=rtr1.example.net&peer=192.0.2.1";

/** One session's timeline, oldest first: each down with its message, each up. */
const meta = {
  title: "Pages/BGP/BgpSessionPage",
  component: BgpSessionPage,
  parameters: atRoute("/bgp/session", SESSION),
} satisfies Meta<typeof BgpSessionPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", "Example: [REF056255] upgrading the router, back in 30 minutes"),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole("list", { name: "Session timeline" });
    const items = within(list).getAllByRole("listitem");
    // Oldest first: the Administrative Reset (id 4) comes before the shutdown (id 1).
    await expect(items.length).toBe(3);
    await expect(items[items.length - 1]?.textContent).toContain("upgrading the router");
  },
};

export const Loading: Story = {
  parameters: inScenario("loading", /Loading the timeline…/),
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No events for this session."),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load the session/),
};

/** Without router and peer in the address there is nothing to ask for. */
export const MissingSession: Story = {
  parameters: {
    ...atRoute("/bgp/session"),
    ...withMsw(scenarios.populated()),
    ...expects("error", "Give both router and peer in the address."),
  },
};
