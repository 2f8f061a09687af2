import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expects, STORY_NOW, withMsw } from "../../mocks/stories";
import { RegistryTranscriptPage } from "./RegistryTranscriptPage";

/** The EPP transcript (route /registry/transcript) against the mock API. */
const meta = {
  title: "Pages/Registry/RegistryTranscriptPage",
  component: RegistryTranscriptPage,
  args: { now: STORY_NOW },
  parameters: { route: { path: "/registry/transcript", initialEntries: ["/registry/transcript"] } },
} satisfies Meta<typeof RegistryTranscriptPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: { ...withMsw(scenarios.populated()), ...expects("populated", /host:delete/) },
};
export const Loading: Story = {
  parameters: { ...withMsw(scenarios.loading()), ...expects("loading", /Loading transcript…/) },
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
/** Only failed transactions, from the URL. */
export const FailedOnly: Story = {
  parameters: {
    route: { path: "/registry/transcript", initialEntries: ["/registry/transcript?failed=1"] },
    ...withMsw(scenarios.populated()),
    ...expects("populated", /2305/),
  },
};
