import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { atRoute, inScenario } from "../../mocks/stories";
import { RserpoolPage } from "./RserpoolPage";

/** The RSerPool page against the mock API (MSW): a lab handlespace where registrar 0x0000aaa1 was taken over. */
const meta = {
  title: "Pages/RSerPool/RserpoolPage",
  component: RserpoolPage,
  parameters: atRoute("/rserpool"),
} satisfies Meta<typeof RserpoolPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", /taken over by 0x0000ccc3/),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/^disagrees: expected 0x[0-9a-f]{4}$/);
    await expect(canvas.getByRole("heading", { name: /Example-EchoPool/ })).toBeVisible();
  },
};

/** A PE's history opened from the URL. */
export const PeHistory: Story = {
  parameters: {
    ...atRoute("/rserpool", "/rserpool?pool=Example-DiscardPool&pe=0x000e0003"),
    ...inScenario("populated", /load 25\.00% -> 50\.00%/),
  },
};

export const Loading: Story = {
  parameters: inScenario("loading", /Loading RSerPool…/),
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No RSerPool data yet."),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load RSerPool/),
};
