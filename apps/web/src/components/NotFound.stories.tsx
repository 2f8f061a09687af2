import type { Meta, StoryObj } from "@storybook/react-vite";
import { expects } from "../mocks/stories";
import { NotFoundView } from "./NotFound";

/** What every page shows when the API answers NOT_FOUND (StateView uses it): no retry, a way back. */
const meta = {
  title: "Components/NotFoundView",
  component: NotFoundView,
  parameters: { layout: "padded" },
} satisfies Meta<typeof NotFoundView>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = { parameters: expects("empty", "Not found") };

export const WithWayBack: Story = {
  args: {
    title: "Alert 999999 not found",
    message: "no alert 999999",
    back: { to: "/alerts", label: "Back to the alerts" },
  },
  parameters: expects("empty", "Alert 999999 not found"),
};
