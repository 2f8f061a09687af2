import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { atRoute, expects, inScenario, withMsw } from "../../mocks/stories";
import { ZoneDetailPage } from "./ZoneDetailPage";

/** One zone (route /dns/:id) against the mock API, one story per state of its last check. */
const meta = {
  title: "Pages/DNS/ZoneDetailPage",
  component: ZoneDetailPage,
} satisfies Meta<typeof ZoneDetailPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const at = (id: string) => atRoute("/dns/:id", `/dns/${id}`);

export const Verified: Story = {
  parameters: {
    ...at("mock-zone-0001"),
    ...inScenario("populated", /digest matches/),
  },
};

export const FailedLastGoodKept: Story = {
  name: "Failed (last good kept)",
  parameters: {
    ...at("mock-zone-0002"),
    ...inScenario("populated", /copy rejected \(enforce mode\)/),
  },
};

export const NoZonemd: Story = {
  name: "No ZONEMD",
  parameters: {
    ...at("mock-zone-0003"),
    ...inScenario("populated", /no ZONEMD RR/),
  },
};

export const LaggingSecondary: Story = {
  parameters: {
    ...at("mock-zone-0004"),
    ...inScenario("populated", /lagging since/),
  },
};

export const Unfetchable: Story = {
  parameters: {
    ...at("mock-zone-0005"),
    ...inScenario("populated", /connection failed — the last good result stays/),
  },
};

export const Pending: Story = {
  parameters: {
    ...at("mock-zone-0006"),
    ...withMsw(scenarios.populated()),
    ...expects("empty", /Not checked yet/),
  },
};

export const Loading: Story = {
  parameters: {
    ...at("mock-zone-0001"),
    ...inScenario("loading", /Loading zone…/),
  },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: {
    ...at("mock-zone-0001"),
    ...inScenario("error", /Could not load the zone/),
  },
};

/** An operator presses "Check now": a new check lands at the top of the history. */
export const CheckNow: Story = {
  parameters: {
    ...at("mock-zone-0001"),
    ...withMsw(scenarios.populated()),
    ...expects("interaction", /manual/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole("button", { name: "Check now" }));
    await waitFor(() => expect(c.getAllByText("manual").length).toBeGreaterThan(0));
  },
};
