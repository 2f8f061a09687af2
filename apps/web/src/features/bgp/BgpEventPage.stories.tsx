import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { atRoute, expects, inScenario, withMsw } from "../../mocks/stories";
import { BgpEventPage } from "./BgpEventPage";

/** One event: the NOTIFICATION decoded in the browser from the stored bytes, the hex, the octet count. */
const meta = {
  title: "Pages/BGP/BgpEventPage",
  component: BgpEventPage,
  parameters: atRoute("/bgp/events/:id", "/bgp/events/1"),
} satisfies Meta<typeof BgpEventPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", "Decoded NOTIFICATION"),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText("Decoded NOTIFICATION");
    // "Example: [REF056255] upgrading the router, back in 30 minutes" is 61 ASCII octets.
    await expect(canvas.getByText("61 of 255")).toBeVisible();
    await expect(canvas.getByText("REF056255")).toBeVisible();
  },
};

/** Cyrillic text: more octets than characters, and the count says so. */
export const MultiByteText: Story = {
  parameters: {
    ...atRoute("/bgp/events/:id", "/bgp/events/3"),
    ...inScenario("populated", /Плановые работы/),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText("Decoded NOTIFICATION");
    await expect(canvas.getByText("132 of 255 — over 128: RFC 8203-only peers reject it")).toBeVisible();
  },
};

/** Administrative Reset without a communication: nothing to show but the status. */
export const NoCommunication: Story = {
  name: "Empty (no communication)",
  parameters: {
    ...atRoute("/bgp/events/:id", "/bgp/events/4"),
    ...withMsw(scenarios.populated()),
    ...expects("empty", "none (absent)"),
  },
};

export const Loading: Story = {
  parameters: inScenario("loading", /Loading the event…/),
};

export const NotFound: Story = {
  name: "Error (no such event)",
  parameters: {
    ...atRoute("/bgp/events/:id", "/bgp/events/999"),
    ...withMsw(scenarios.populated()),
    ...expects("error", /Could not load the event/),
  },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load the event/),
};
