import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { expects } from "../../mocks/stories";
import { ShutdownComposer } from "./ShutdownComposer";

/** Counts a shutdown communication's UTF-8 octets against 255 (RFC 9003) and 128 (RFC 8203). */
const meta = {
  title: "BGP/ShutdownComposer",
  component: ShutdownComposer,
} satisfies Meta<typeof ShutdownComposer>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  args: { initial: "" },
  parameters: expects("empty", "0 / 255 UTF-8 octets (0 characters)"),
};

export const Populated: Story = {
  args: { initial: "[REF056255] upgrading the router, back in 30 minutes" },
  parameters: expects("populated", "52 / 255 UTF-8 octets (52 characters)"),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/Fits RFC 8203/)).toBeVisible();
    await expect(canvas.getByRole("heading", { name: "FRRouting" })).toBeVisible();
  },
};

/** 70 Cyrillic letters are 140 octets: within RFC 9003, over what RFC 8203-only peers accept. */
export const Over128Octets: Story = {
  args: { initial: "Ж".repeat(70) },
  parameters: expects("populated", "140 / 255 UTF-8 octets (70 characters)"),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/Over 128 octets/)).toBeVisible();
  },
};

/** Over 255 octets: an error on the field, with where BIRD and FRR would cut it, and no configuration to copy. */
export const Over255Octets: Story = {
  name: "Error (over 255 octets)",
  args: { initial: "€".repeat(90) },
  parameters: expects("error", /Too long by 15 octets/),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText("Shutdown communication")).toHaveAttribute("aria-invalid", "true");
    await expect(canvas.queryByRole("button", { name: /Copy/ })).toBeNull();
    await expect(canvas.getByText(/No configuration is offered/)).toBeVisible();
  },
};
