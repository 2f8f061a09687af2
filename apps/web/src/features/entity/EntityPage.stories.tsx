import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, waitFor, within } from "storybook/test";
import { atRoute, inScenario, STORY_NOW } from "../../mocks/stories";
import { EntityPage } from "./EntityPage";

/** An address's entity page (route /ip/:value) against the mock API. */
const meta = {
  title: "Pages/Entity/EntityPage",
  component: EntityPage,
  args: { type: "ip", now: STORY_NOW },
} satisfies Meta<typeof EntityPage>;

/** The sections come first, the timeline a moment later: wait for both. */
const settled: Story["play"] = async ({ canvasElement }) => {
  const canvas = within(canvasElement);
  await waitFor(() => expect(canvas.getByRole("heading", { name: "Timeline" })).toBeInTheDocument(), {
    timeout: 4000,
  });
  await waitFor(() => expect(canvas.queryByText(/^Loading/)).toBeNull(), { timeout: 4000 });
};

export default meta;
type Story = StoryObj<typeof meta>;

const at = atRoute("/ip/:value", "/ip/192.0.2.53?from=now-30d");

export const Populated: Story = {
  play: settled,
  parameters: { ...at, ...inScenario("populated", /known to \d+ section/) },
};

export const Name: Story = {
  play: settled,
  args: { type: "name" },
  parameters: {
    ...atRoute("/name/:value", "/name/ns1.shop.example?from=now-30d"),
    ...inScenario("populated", /known to \d+ section/),
  },
};

export const Empty: Story = {
  play: settled,
  parameters: { ...at, ...inScenario("empty", /The console knows nothing about 192\.0\.2\.53/) },
};

export const Loading: Story = {
  parameters: { ...at, ...inScenario("loading", "Gathering everything about 192.0.2.53…") },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: { ...at, ...inScenario("error", /Could not load 192\.0\.2\.53/) },
};
