import type { Meta, StoryObj } from "@storybook/react-vite";
import { atRoute, inScenario, STORY_NOW } from "../../mocks/stories";
import { RegistryConnectionsPage } from "./RegistryConnectionsPage";
import { connectionsError, noConnection } from "./stories-setup";

/** Registry connections (route /registry/connections): greeting, sessions, RTTs. */
const meta = {
  title: "Pages/Registry/RegistryConnectionsPage",
  component: RegistryConnectionsPage,
  args: { now: STORY_NOW },
  parameters: atRoute("/registry/connections"),
} satisfies Meta<typeof RegistryConnectionsPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = { parameters: inScenario("populated", "Mock EPP registry (MOCK DATA)") };
export const Loading: Story = { parameters: inScenario("loading", /Loading registry connections…/) };
export const EmptyState: Story = { name: "Empty", parameters: noConnection() };
export const ErrorState: Story = { name: "Error", parameters: connectionsError() };
