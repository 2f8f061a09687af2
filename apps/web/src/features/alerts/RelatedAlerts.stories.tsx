import { alertFixture } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expects, STORY_NOW } from "../../mocks/stories";
import { RelatedAlerts } from "./RelatedAlerts";

const q = <T,>(data: T) => ({ data, error: null, isPending: false });

/** An alert page's "Other alerts about this object" (alerts.related). */
const meta = {
  title: "Alerts/RelatedAlerts",
  component: RelatedAlerts,
  args: {
    now: STORY_NOW,
    query: q({
      object: "/dns/1",
      items: [
        alertFixture({ id: 41, summary: "Example: zone example.test stale", state: "resolved" }),
        alertFixture({ id: 40, summary: "Example: zone example.test unfetchable", severity: "critical" }),
      ],
    }),
  },
  parameters: { layout: "padded" },
} satisfies Meta<typeof RelatedAlerts>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = { parameters: expects("populated", "Example: zone example.test stale") };

export const NoOthers: Story = {
  args: { query: q({ object: "/dns/1", items: [] }) },
  parameters: expects("empty", "No other alerts about this object."),
};

export const NoObject: Story = {
  args: { query: q({ object: null, items: [] }) },
  parameters: expects("empty", "This alert names no object to relate it by."),
};
