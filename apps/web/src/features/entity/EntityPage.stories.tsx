import type { Meta, StoryObj } from "@storybook/react-vite";
import { atRoute, inScenario, STORY_NOW } from "../../mocks/stories";
import { EntityPage } from "./EntityPage";

/** An address's entity page (route /ip/:value) against the mock API. */
const meta = {
  title: "Pages/Entity/EntityPage",
  component: EntityPage,
  args: { type: "ip", now: STORY_NOW },
} satisfies Meta<typeof EntityPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const at = atRoute("/ip/:value", "/ip/192.0.2.53?from=now-30d");

export const Populated: Story = {
  parameters: { ...at, ...inScenario("populated", /known to \d+ section/) },
};

export const Name: Story = {
  args: { type: "name" },
  parameters: {
    ...atRoute("/name/:value", "/name/ns1.shop.example?from=now-30d"),
    ...inScenario("populated", /known to \d+ section/),
  },
};

export const Empty: Story = {
  parameters: { ...at, ...inScenario("empty", /The console knows nothing about 192\.0\.2\.53/) },
};

export const Loading: Story = {
  parameters: { ...at, ...inScenario("loading", "Gathering everything about 192.0.2.53…") },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: { ...at, ...inScenario("error", /Could not load 192\.0\.2\.53/) },
};
