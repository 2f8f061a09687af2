import { dnsHistoryFixture } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expects } from "../../mocks/stories";
import { CheckHistoryChart } from "./CheckHistoryChart";

/** The check history chart (uPlot): durations as bars at their check times, serials as a step line. */
const meta = {
  title: "DNS/CheckHistoryChart",
  component: CheckHistoryChart,
} satisfies Meta<typeof CheckHistoryChart>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  args: { checks: dnsHistoryFixture(30) },
  parameters: expects("populated", /Bars: check duration/),
};

export const WithFailures: Story = {
  args: {
    checks: dnsHistoryFixture(12).map((c, i) =>
      i % 5 === 1
        ? { ...c, status: "digest_mismatch" as const, accepted: false }
        : i === 3
          ? { ...c, status: "fetch_failed" as const, serial: null }
          : c,
    ),
  },
  parameters: expects("populated", /Bars: check duration/),
};

/** Checks an hour apart, then a gap of two days: the bars keep the gap. */
export const IrregularGaps: Story = {
  args: {
    checks: dnsHistoryFixture(10).map((c, i) =>
      i < 4 ? c : { ...c, startedAt: new Date(Date.parse(c.startedAt) - 2 * 86_400_000).toISOString() },
    ),
  },
  parameters: expects("populated", /Bars: check duration/),
};

export const EmptyState: Story = {
  name: "Empty",
  args: { checks: [] },
  parameters: expects("empty", "No checks yet."),
};
