import type { Meta, StoryObj } from "@storybook/react-vite";
import { atRoute, inScenario } from "../../mocks/stories";
import { ReplicasPage } from "./ReplicasPage";

/** Settings → Replicas against the mock API: two live replicas, one killed (its lease ran out). */
const meta = {
  title: "Pages/Settings/ReplicasPage",
  component: ReplicasPage,
  parameters: atRoute("/settings/replicas"),
} satisfies Meta<typeof ReplicasPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", "Work waiting for an owner"),
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No replica has reported yet."),
};

export const LoadingState: Story = {
  name: "Loading",
  parameters: inScenario("loading", /Loading replicas…/),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load the replicas/),
};
