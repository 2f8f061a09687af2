import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expects, STORY_NOW, withMsw } from "../../mocks/stories";
import { RegistryConnectionsPage } from "./RegistryConnectionsPage";

/** Registry connections (route /registry/connections): greeting, sessions, RTTs. */
const meta = {
  title: "Pages/Registry/RegistryConnectionsPage",
  component: RegistryConnectionsPage,
  args: { now: STORY_NOW },
  parameters: { route: { path: "/registry/connections", initialEntries: ["/registry/connections"] } },
} satisfies Meta<typeof RegistryConnectionsPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: { ...withMsw(scenarios.populated()), ...expects("populated", "Mock EPP registry (MOCK DATA)") },
};
export const Loading: Story = {
  parameters: { ...withMsw(scenarios.loading()), ...expects("loading", /Loading registry connections…/) },
};
export const EmptyState: Story = {
  name: "Empty",
  parameters: { ...withMsw(scenarios.empty()), ...expects("empty", "No registry connection is configured.") },
};
export const ErrorState: Story = {
  name: "Error",
  parameters: {
    ...withMsw(scenarios.error()),
    ...expects("error", /Could not load the registry connections/),
  },
};
