import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { atRoute, expects, inScenario, withMsw } from "../../mocks/stories";
import { BgpPage } from "./BgpPage";

/** The BGP event log against the mock API (MSW): filters in the URL, keyset pages, unparsed lines. */
const meta = {
  title: "Pages/BGP/BgpPage",
  component: BgpPage,
  parameters: atRoute("/bgp"),
} satisfies Meta<typeof BgpPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const TEXT = "Example: [REF056255] upgrading the router, back in 30 minutes";

export const Populated: Story = {
  parameters: inScenario("populated", TEXT),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The lines no parser understood are shown too, with how often they came.
    await canvas.findByText(/Example: NOTIFICATION in a format no parser knows/);
    await expect(canvas.getByRole("heading", { name: "Log lines not understood (2)" })).toBeVisible();
  },
};

/** Filters come from the URL: only rtr2, whose shutdown text is Cyrillic. */
export const FilteredByRouter: Story = {
  parameters: {
    ...atRoute("/bgp", "/bgp?router=rtr2.example.net"),
    ...inScenario("populated", /Плановые работы/),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/Плановые работы/);
    await expect(canvas.queryByText(TEXT)).toBeNull();
    await expect(canvas.getByText("1 event shown")).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: inScenario("loading", /Loading BGP events…/),
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No BGP events match these filters."),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load BGP events/),
};

/** A relative time range from the URL (`from=now-24h`): the picker names it. */
export const LastDay: Story = {
  parameters: {
    ...atRoute("/bgp", "/bgp?from=now-24h"),
    ...inScenario("populated", "Last 24 hours"),
  },
};

/** A zone-less time in the URL: refused on the picker's field, no events shown as if filtered. */
export const ZonelessTimeInUrl: Story = {
  name: "Error (time without a zone in the URL)",
  parameters: {
    ...atRoute("/bgp", "/bgp?from=2026-11-21T05:40"),
    ...withMsw(scenarios.populated()),
    ...expects("error", /could not be used, so nothing is shown/),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText("From")).toHaveAttribute("aria-invalid", "true");
  },
};
