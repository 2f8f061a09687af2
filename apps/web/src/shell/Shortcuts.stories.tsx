import type { Meta, StoryObj } from "@storybook/react-vite";
import { userEvent, within } from "storybook/test";
import { expects } from "../mocks/stories";
import { Shortcuts } from "./Shortcuts";

/** The `?` list of keyboard shortcuts. */
const meta = {
  title: "Shell/Shortcuts",
  component: Shortcuts,
  parameters: { layout: "padded" },
} satisfies Meta<typeof Shortcuts>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Closed: Story = { parameters: expects("populated", "?") };

export const Open: Story = {
  parameters: expects("interaction", "Acknowledge the focused alert (operators)"),
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole("button", { name: "Keyboard shortcuts" }));
  },
};
