import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expects, withMsw } from "../../mocks/stories";
import { RdapPage } from "./RdapPage";

/**
 * The RDAP page against the mock API (MSW): the mock RDAP server answers from real fixture
 * responses (RFC 9083 figures, RFC 9537 samples), paging 2 per page with RFC 8977 cursors.
 */
const meta = {
  title: "Pages/RdapPage",
  component: RdapPage,
  parameters: { route: { path: "/rdap", initialEntries: ["/rdap"] } },
} satisfies Meta<typeof RdapPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  name: "Search, sorted",
  parameters: {
    route: { path: "/rdap", initialEntries: ["/rdap?q=*example*&sort=registrationDate:d"] },
    ...withMsw(scenarios.populated()),
    ...expects("populated", /4 in total · showing 2 · sorted by registrationDate:d/),
  },
};

export const Lookup: Story = {
  name: "Lookup with redactions",
  parameters: {
    route: { path: "/rdap", initialEntries: ["/rdap?q=example.com"] },
    ...withMsw(scenarios.populated()),
    ...expects("populated", "Redacted by the server"),
  },
};

export const NotFound: Story = {
  name: "Server says 404",
  parameters: {
    route: { path: "/rdap", initialEntries: ["/rdap?q=missing.example"] },
    ...withMsw(scenarios.populated()),
    ...expects("error", /missing\.example is not in the mock data/),
  },
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: { ...withMsw(scenarios.empty()), ...expects("empty", "Look something up") },
};

export const Loading: Story = {
  parameters: {
    route: { path: "/rdap", initialEntries: ["/rdap?q=example.com"] },
    ...withMsw(scenarios.loading()),
    ...expects("loading", /Querying RDAP…/),
  },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: {
    route: { path: "/rdap", initialEntries: ["/rdap?q=example.com"] },
    ...withMsw(scenarios.error()),
    ...expects("error", /Could not query RDAP/),
  },
};
