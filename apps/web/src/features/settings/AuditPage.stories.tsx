import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { atRoute, expects, inScenario, withMsw } from "../../mocks/stories";
import { AuditPage } from "./AuditPage";

/** The audit log against the mock API: time range, target links, export; an invalid URL filter. */
const meta = {
  title: "Pages/Settings/AuditPage",
  component: AuditPage,
  parameters: atRoute("/settings/audit"),
} satisfies Meta<typeof AuditPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", "alert 3"),
};

export const LastHour: Story = {
  parameters: {
    ...atRoute("/settings/audit", "/settings/audit?from=now-1h"),
    ...withMsw(scenarios.populated()),
    // The mock trail is from the fixtures' day: nothing in the last hour.
    ...expects("empty", "No audit entries match."),
  },
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No audit entries match."),
};

export const InvalidRange: Story = {
  name: "Error (time without a zone in the URL)",
  parameters: {
    ...atRoute("/settings/audit", "/settings/audit?from=2026-11-21T05:30"),
    ...withMsw(scenarios.populated()),
    ...expects("error", /could not be used, so nothing is shown/),
  },
};
