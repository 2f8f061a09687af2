import { clientErrorFixture } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { expects } from "../mocks/stories";
import { AppShell } from "./AppShell";
import { Empty, ErrorView, Loading as LoadingView } from "../components/StateView";

/** The frame around every page, with props only (see Pages/ShellLayout for the connected one). */
const meta = {
  title: "Shell/AppShell",
  component: AppShell,
  args: {
    user: { username: "admin", role: "admin" },
    firingCount: 3,
    live: "live",
    onLogout: fn(),
    children: <p>Example page content (mock data).</p>,
  },
} satisfies Meta<typeof AppShell>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: expects("populated", "Example page content (mock data)."),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTitle("3 firing")).toBeInTheDocument();
    await userEvent.click(canvas.getByText("admin", { selector: ".user-name" }));
    await userEvent.click(canvas.getByRole("button", { name: "Log out" }));
    await expect(args.onLogout).toHaveBeenCalledTimes(1);
  },
};

export const Loading: Story = {
  args: {
    user: null,
    firingCount: null,
    live: "connecting",
    children: <LoadingView label="Loading the overview…" />,
  },
  parameters: expects("loading", /Loading the overview…/),
};

export const EmptyState: Story = {
  name: "Empty",
  args: {
    user: { username: "viewer", role: "viewer" },
    firingCount: 0,
    children: <Empty title="No firing alerts." />,
  },
  parameters: expects("empty", "No firing alerts."),
};

export const ErrorState: Story = {
  name: "Error",
  args: {
    live: "offline",
    firingCount: null,
    children: (
      <ErrorView error={clientErrorFixture("INTERNAL_SERVER_ERROR")} title="Could not load the overview" />
    ),
  },
  parameters: expects("error", "internal error (logged on the server)"),
};

export const LoggingOut: Story = {
  args: { loggingOut: true, live: "reconnecting" },
  parameters: expects("interaction", "Logging out…"),
};
