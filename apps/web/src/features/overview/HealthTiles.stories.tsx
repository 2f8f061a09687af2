import { overviewFixture } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expects } from "../../mocks/stories";
import { HealthTiles } from "./HealthTiles";

/** Overview tiles with fixture props (Pages/OverviewPage has the connected states). */
const meta = {
  title: "Overview/HealthTiles",
  component: HealthTiles,
  args: { subsystems: overviewFixture().subsystems },
  parameters: { layout: "padded" },
} satisfies Meta<typeof HealthTiles>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: expects("populated", "Example: 0 silenced, 1 webhook receiver"),
};

export const Failing: Story = {
  args: {
    subsystems: overviewFixture({
      subsystems: [
        {
          subsystem: "alerts",
          health: "failing",
          summary: "Example: 2 silenced, 0 webhook receivers",
          firing: { critical: 4, warning: 3, info: 0 },
          acknowledged: 1,
        },
        { subsystem: "system", health: "degraded", summary: "Example: 1 job(s) failing: example-job" },
      ],
    }).subsystems,
  },
  parameters: expects("populated", "4 critical, 3 warning firing, 1 acknowledged"),
};

export const AllOk: Story = {
  args: {
    subsystems: overviewFixture({
      subsystems: [
        {
          subsystem: "alerts",
          health: "ok",
          summary: "Example: 0 silenced",
          firing: { critical: 0, warning: 0, info: 0 },
        },
      ],
    }).subsystems,
  },
  parameters: expects("empty", "Example: 0 silenced"),
};
