import {
  createMockApi,
  dhcpPoolFixture,
  dhcpSourceFixture,
  FIXTURE_BASE_TIME,
  fixtureTime,
  populatedState,
} from "@netops/mocks";
import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { userEvent, within } from "storybook/test";
import { atRoute, expects, inScenario, withMsw } from "../../mocks/stories";
import { DhcpPage } from "./DhcpPage";

/** The DHCP page against the mock API (MSW): pools worst first, sources with errors, the lease table. */
const meta = {
  title: "Pages/DhcpPage",
  component: DhcpPage,
  parameters: atRoute("/dhcp"),
} satisfies Meta<typeof DhcpPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: inScenario("populated", "198.51.100.20–198.51.100.39"),
};

export const FilteredByMac: Story = {
  parameters: {
    ...atRoute("/dhcp", "/dhcp?mac=02:00:5e:00:00:0"),
    ...inScenario("populated", "02:00:5e:00:00:01"),
  },
};

export const Loading: Story = {
  parameters: inScenario("loading", /Loading DHCP sources…/),
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "No DHCP sources configured."),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load DHCP sources/),
};

const as = (user: "mock-user-admin" | "mock-user-operator" | "mock-user-viewer") =>
  createMockApi({ state: populatedState(user) }).handlers;

/** A viewer: subnet and shared-network totals, but no controls. */
export const AsViewer: Story = {
  parameters: { ...withMsw(as("mock-user-viewer")), ...expects("populated", "example-campus") },
};

/** An operator editing a pool's thresholds (admins also see add, disable and remove). */
export const OperatorEditsThresholds: Story = {
  parameters: { ...withMsw(as("mock-user-operator")), ...expects("interaction", "Critical %") },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      await canvas.findByRole("button", { name: "Edit thresholds of 192.0.2.10–192.0.2.109" }),
    );
  },
};

/** The server refuses a new source; its message is shown under the form. */
export const AdminAddSourceRefused: Story = {
  parameters: {
    ...withMsw(as("mock-user-admin")),
    ...expects("error", /location: a Kea Control Agent URL/),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByText("Add a source"));
    const form = within(canvas.getByRole("form", { name: "Add a DHCP source" }));
    await userEvent.type(form.getByLabelText("Name"), "kea-site-b");
    await userEvent.type(form.getByLabelText("Control Agent URL or control socket path"), "kea.example:8000");
    await userEvent.click(form.getByRole("button", { name: "Add source" }));
  },
};

/** A Kea Control Agent that stopped answering: its last good data stays, marked with its age. */
export const SourceTimedOut: Story = {
  parameters: {
    ...withMsw(
      createMockApi({
        overrides: {
          "dhcp.overview": () => {
            return {
              generatedAt: FIXTURE_BASE_TIME,
              sources: [
                dhcpSourceFixture({
                  leaseCount: 60,
                  status: "failing",
                  dataAgeSeconds: 1260,
                  lastOkAt: fixtureTime(-21),
                  lastError: "config-get: could not reach 127.0.0.1:8000: connection failed",
                  lastErrorAt: fixtureTime(0),
                }),
              ],
              pools: [dhcpPoolFixture({ assigned: 60 })],
              subnets: [],
              sharedNetworks: [],
            };
          },
        },
      }).handlers,
    ),
    ...expects("error", /config-get: could not reach 127\.0\.0\.1:8000: connection failed/),
  },
};

/** An invalid subnet in the URL: an error on the field, and no leases shown as if filtered. */
export const InvalidCidrInUrl: Story = {
  name: "Error (invalid CIDR in the URL)",
  parameters: {
    ...atRoute("/dhcp", "/dhcp?cidr=198.18.10.0/99"),
    ...withMsw(scenarios.populated()),
    ...expects("error", /could not be used, so nothing is shown/),
  },
};
