import { createMockApi, emptyState, fixtureTime, populatedState, scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { atRoute, expects, inScenario, resettableMockApi, withMsw } from "../../mocks/stories";
import { AlertDetailPage } from "./AlertDetailPage";

/** One alert (route /alerts/:id) against the mock API (MSW). */
const meta = {
  title: "Pages/AlertDetailPage",
  component: AlertDetailPage,
  parameters: atRoute("/alerts/:id", "/alerts/1"),
} satisfies Meta<typeof AlertDetailPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A store with one fresh alert: no history beyond "fired", no webhook deliveries. */
function loneAlert() {
  const s = emptyState();
  const [a] = populatedState().alerts;
  s.alerts = [{ ...a!, id: 1, summary: "Example: a fresh alert with no deliveries" }];
  s.events = { 1: [{ id: 1, at: fixtureTime(-5), kind: "fired", actor: null, note: null }] };
  return s;
}

const acking = resettableMockApi();

export const Populated: Story = {
  parameters: inScenario("populated", "Example: webhook receiver example-pager failing"),
};

export const Loading: Story = {
  parameters: inScenario("loading", /Loading alert 1…/),
};

export const EmptyState: Story = {
  name: "Empty (no deliveries)",
  parameters: {
    ...withMsw(createMockApi({ state: loneAlert() }).handlers),
    ...expects("empty", "No webhook deliveries for this alert."),
  },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load alert 1/),
};

/** A missing alert is a not-found page with a way back: no error box, no "Try again". */
export const NotFound: Story = {
  parameters: {
    ...atRoute("/alerts/:id", "/alerts/999"),
    ...withMsw(scenarios.populated()),
    ...expects("empty", "Alert 999 not found"),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("link", { name: "Back to the alerts" })).toBeInTheDocument();
    await expect(canvas.queryByRole("button", { name: "Try again" })).toBeNull();
  },
};

/** Ack with a note: it shows up in the history. */
export const AcknowledgeWithNote: Story = {
  beforeEach: acking.reset,
  parameters: { ...withMsw(acking.handlers), ...expects("interaction", "History") },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText(/Note for Ack/), "Example: looking into it");
    await userEvent.click(canvas.getByRole("button", { name: /^Acknowledge alert 1/ }));
    await waitFor(() => expect(acking.state.alerts.find((a) => a.id === 1)?.state).toBe("acknowledged"));
    await canvas.findByText(/Example: looking into it/);
  },
};
