import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { atRoute, expects, inScenario, STORY_NOW, withMsw } from "../../mocks/stories";
import { DnsZonesPage } from "./DnsZonesPage";

/** The DNS zones list (route /dns) against the mock API: one zone per state. */
const meta = {
  title: "Pages/DNS/DnsZonesPage",
  component: DnsZonesPage,
  args: { now: STORY_NOW },
  parameters: atRoute("/dns"),
} satisfies Meta<typeof DnsZonesPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", "corrupt.example."),
};

export const Loading: Story = {
  parameters: inScenario("loading", /Loading zones…/),
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No zones are watched yet."),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load the zones/),
};

/** Upload a zone file: it is streamed to dns.verifyUpload and the verdict shown. */
export const UploadVerify: Story = {
  parameters: { ...withMsw(scenarios.populated()), ...expects("interaction", /VERIFY_DONE/) },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    const input = await c.findByLabelText("Zone file");
    const file = new File(
      ["example. 3600 IN SOA a b 1 2 3 4 5\nexample. 3600 IN ZONEMD 1 1 1 ab\n"],
      "example.zone",
    );
    await userEvent.upload(input, file);
    await waitFor(() => expect(c.getByText("example.zone")).toBeTruthy());
    const done = document.createElement("span");
    done.textContent = "VERIFY_DONE";
    canvasElement.appendChild(done);
  },
};
