import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { atRoute, expects, inScenario, withMsw } from "../../mocks/stories";
import { RdapPage } from "./RdapPage";

/**
 * The RDAP page against the mock API (MSW): the mock RDAP server answers from real fixture
 * responses (RFC 9083 figures, RFC 9537 samples), paging 2 per page with RFC 8977 cursors.
 */
const meta = {
  title: "Pages/RdapPage",
  component: RdapPage,
  parameters: atRoute("/rdap"),
} satisfies Meta<typeof RdapPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  name: "Search, sorted",
  parameters: {
    ...atRoute("/rdap", "/rdap?q=*example*&sort=registrationDate:d"),
    ...inScenario("populated", /4 in total · showing 2 · sorted by registrationDate:d/),
  },
};

export const Lookup: Story = {
  name: "Lookup with redactions",
  parameters: {
    ...atRoute("/rdap", "/rdap?q=example.com"),
    ...inScenario("populated", "Redacted by the server"),
  },
};

export const NotFound: Story = {
  name: "Server says 404",
  parameters: {
    ...atRoute("/rdap", "/rdap?q=missing.example"),
    ...withMsw(scenarios.populated()),
    ...expects("error", /missing\.example is not in the mock data/),
  },
};

export const EmptyState: Story = {
  name: "Empty",
  parameters: inScenario("empty", "Look something up"),
};

export const Loading: Story = {
  parameters: {
    ...atRoute("/rdap", "/rdap?q=example.com"),
    ...inScenario("loading", /Querying RDAP…/),
  },
};

export const ErrorState: Story = {
  name: "Error",
  parameters: {
    ...atRoute("/rdap", "/rdap?q=example.com"),
    ...inScenario("error", /Could not query RDAP/),
  },
};

/** A name server's name looked up as a domain: 404, with "Try as nameserver". */
export const TryAsNameserver: Story = {
  name: "Domain 404, try as nameserver",
  parameters: {
    ...atRoute("/rdap", "/rdap?q=ns1.xn--fo-5ja.example&type=domain"),
    ...withMsw(scenarios.populated()),
    ...expects("error", /Try as nameserver/),
  },
};

/** Sorted by registration date with the brief field set: the date is not sent, and the table says so. */
export const SortedBrief: Story = {
  name: "Sorted, brief field set",
  parameters: {
    ...atRoute("/rdap", "/rdap?q=*example*&sort=registrationDate:d&fieldSet=brief"),
    ...inScenario("populated", /leaves out the events/),
  },
};
