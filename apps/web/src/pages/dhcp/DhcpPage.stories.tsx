import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expects, withMsw } from "../../mocks/stories";
import { DhcpPage } from "./DhcpPage";

/** The DHCP page against the mock API (MSW): pools worst first, sources with errors, the lease table. */
const meta = {
  title: "Pages/DhcpPage",
  component: DhcpPage,
  parameters: { route: { path: "/dhcp", initialEntries: ["/dhcp"] } },
} satisfies Meta<typeof DhcpPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: { ...withMsw(scenarios.populated()), ...expects("populated", "198.51.100.20–198.51.100.39") },
};

export const FilteredByMac: Story = {
  parameters: {
    route: { path: "/dhcp", initialEntries: ["/dhcp?mac=02:00:5e:00:00:0"] },
    ...withMsw(scenarios.populated()),
    ...expects("populated", "02:00:5e:00:00:01"),
  },
};

export const Loading: Story = {
  parameters: { ...withMsw(scenarios.loading()), ...expects("loading", /Loading DHCP sources…/) },
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: { ...withMsw(scenarios.empty()), ...expects("empty", "No DHCP sources configured.") },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: { ...withMsw(scenarios.error()), ...expects("error", /Could not load DHCP sources/) },
};
