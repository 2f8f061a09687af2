import { MOCK_PASSWORD, scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { AppRoutes } from "../App";
import { expects, inScenario, withMsw } from "../mocks/stories";
import { ShellLayout } from "./ShellLayout";

/**
 * The signed-in app frame as the app routes it (AppRoutes: session check, shell, live updates,
 * pages), at "/" (the overview) unless the story's route says otherwise.
 */
const meta = {
  title: "Pages/ShellLayout",
  component: ShellLayout,
  render: () => <AppRoutes />,
} satisfies Meta<typeof ShellLayout>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", "Example: webhook receiver example-pager failing"),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // Firing and not silenced: the BGP alert is firing but silenced, so 2, as the Overview and on-call say.
    await expect(await canvas.findByTitle("2 firing")).toBeInTheDocument();
    await canvas.findByText("Live");
  },
};

export const Loading: Story = {
  parameters: inScenario("loading", /Checking your session…/),
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No firing alerts."),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not check your session/),
};

/** Logged out: the login page; logging in as admin lands on the overview. */
export const LoggedOut: Story = {
  parameters: { ...withMsw(scenarios.loggedOut()), ...expects("interaction", "Health by subsystem") },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText("Username"), "admin");
    await userEvent.type(canvas.getByLabelText("Password"), MOCK_PASSWORD);
    await userEvent.click(canvas.getByRole("button", { name: "Log in" }));
    await canvas.findByText("Health by subsystem", {}, { timeout: 3000 });
  },
};

/** The whole console on the mock API, at the alerts page. */
export const AlertsInShell: Story = {
  parameters: {
    route: { initialEntries: ["/alerts?state=firing"] },
    ...inScenario("populated", "Example: background job example-job failed"),
  },
};
