import type { Meta, StoryObj } from "@storybook/react-vite";
import { atRoute, inScenario, STORY_NOW } from "../../mocks/stories";
import { RegistryTranscriptPage } from "./RegistryTranscriptPage";
import { connectionsError, noConnection } from "./stories-setup";

/** The EPP transcript (route /registry/transcript) against the mock API. */
const meta = {
  title: "Pages/Registry/RegistryTranscriptPage",
  component: RegistryTranscriptPage,
  args: { now: STORY_NOW },
  parameters: atRoute("/registry/transcript"),
} satisfies Meta<typeof RegistryTranscriptPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = { parameters: inScenario("populated", /host:delete/) };
export const Loading: Story = { parameters: inScenario("loading", /Loading transcript…/) };
export const EmptyState: Story = { name: "Empty", parameters: noConnection() };
export const ErrorState: Story = { name: "Error", parameters: connectionsError() };
/** Only failed transactions, from the URL. */
export const FailedOnly: Story = {
  parameters: {
    ...atRoute("/registry/transcript", "/registry/transcript?failed=1"),
    ...inScenario("populated", /2305/),
  },
};
/** The poll job's routine `poll req` rows (no messages), shown when asked for (?polls=1). */
export const WithRoutinePolls: Story = {
  parameters: {
    ...atRoute("/registry/transcript", "/registry/transcript?polls=1"),
    ...inScenario("populated", /poll req/),
  },
};
