import { alertFixture, fixtureTime } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";
import { expects, STORY_NOW } from "../../mocks/stories";
import { OnCallBoard } from "./OnCallBoard";

const SEVERITIES = ["critical", "critical", "warning", "warning", "warning", "info"] as const;
const many = Array.from({ length: 10 }, (_, i) =>
  alertFixture({
    id: 700 + i,
    severity: SEVERITIES[i % SEVERITIES.length],
    state: i === 9 ? "acknowledged" : "firing",
    acknowledgedBy: i === 9 ? "operator" : null,
    acknowledgedAt: i === 9 ? fixtureTime(-3) : null,
    summary: `Example: on-call alert ${i + 1} with a summary long enough to wrap on a phone`,
    labels: { zone: `zone-${i}.example.test`, check: "zonemd", server: "ns1.example.net" },
    firstSeenAt: fixtureTime(-10 - i),
  }),
);

/** The on-call cards: compact at phone widths, with Ack and Silence on each card. */
const meta = {
  title: "Alerts/OnCallBoard",
  component: OnCallBoard,
  args: { items: many, role: "operator", now: STORY_NOW, onAck: fn(), onSilence: fn() },
  parameters: { layout: "fullscreen" },
} satisfies Meta<typeof OnCallBoard>;

export default meta;
type Story = StoryObj<typeof meta>;

export const TenAlerts: Story = { parameters: expects("populated", "9 firing") };

export const AllClear: Story = {
  args: { items: [] },
  parameters: expects("empty", /All clear/),
};

export const Viewer: Story = {
  args: { role: "viewer" },
  parameters: expects("populated", "9 firing"),
};
