import type { Meta, StoryObj } from "@storybook/react-vite";
import { scenarios } from "@netops/mocks";
import { atRoute, expects, inScenario, STORY_NOW, withMsw } from "../../mocks/stories";
import { TimelinePage } from "./TimelinePage";

/** The one timeline (route /timeline) against the mock API, at the fixtures' time. */
const meta = {
  title: "Pages/Timeline/TimelinePage",
  component: TimelinePage,
  args: { now: STORY_NOW },
} satisfies Meta<typeof TimelinePage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: {
    ...atRoute("/timeline", "/timeline?from=now-7d"),
    ...inScenario("populated", /events? shown/),
  },
};

export const Empty: Story = {
  parameters: {
    ...atRoute("/timeline", "/timeline?from=now-1h"),
    ...inScenario("empty", "No events in this range."),
  },
};

export const Loading: Story = {
  parameters: { ...atRoute("/timeline"), ...inScenario("loading", "Loading events…") },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: { ...atRoute("/timeline"), ...inScenario("error", /Could not load the timeline/) },
};

export const BadRange: Story = {
  name: "A zone-less time in the URL",
  parameters: {
    ...atRoute("/timeline", "/timeline?from=2026-11-21T05:00"),
    ...withMsw(scenarios.populated()),
    ...expects("error", /The time range cannot be used/),
  },
};
