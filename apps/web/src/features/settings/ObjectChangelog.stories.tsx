import type { Meta, StoryObj } from "@storybook/react-vite";
import { inScenario } from "../../mocks/stories";
import { ObjectChangelog } from "./ObjectChangelog";

/** An object's change log (audit entries by target), as on host, domain, zone, lease and webhook pages. */
const meta = {
  title: "Settings/ObjectChangelog",
  component: ObjectChangelog,
} satisfies Meta<typeof ObjectChangelog>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  args: { target: "alert 3" },
  parameters: inScenario("populated", "alerts.acknowledge"),
};

export const NoChanges: Story = {
  name: "Empty",
  args: { target: "example.net" },
  parameters: inScenario("populated", "No recorded changes to this object."),
};
