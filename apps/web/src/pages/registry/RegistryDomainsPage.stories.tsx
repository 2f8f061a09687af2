import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { expects, STORY_NOW, withMsw } from "../../mocks/stories";
import { RegistryDomainsPage } from "./RegistryDomainsPage";

/** Domain lookup and the domains read so far (route /registry/domains) against the mock API. */
const meta = {
  title: "Pages/Registry/RegistryDomainsPage",
  component: RegistryDomainsPage,
  args: { now: STORY_NOW },
  parameters: { route: { path: "/registry/domains", initialEntries: ["/registry/domains"] } },
} satisfies Meta<typeof RegistryDomainsPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: { ...withMsw(scenarios.populated()), ...expects("populated", "other-registrar") },
};
export const Loading: Story = {
  parameters: { ...withMsw(scenarios.loading()), ...expects("loading", /Loading domains…/) },
};
export const EmptyState: Story = {
  name: "Empty",
  parameters: { ...withMsw(scenarios.empty()), ...expects("empty", "No registry connection is configured.") },
};
export const ErrorState: Story = {
  name: "Error",
  parameters: {
    ...withMsw(scenarios.error()),
    ...expects("error", /Could not load the registry connections/),
  },
};

/** Arriving with ?name= looks the domain up: sponsor, name servers (links to the hosts), contacts. */
export const LookedUp: Story = {
  parameters: {
    route: { path: "/registry/domains", initialEntries: ["/registry/domains?name=shop.example"] },
    ...withMsw(scenarios.populated()),
    ...expects("interaction", /Mock Hostmaster/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByRole("heading", { name: "Change shop.example" });
    expect(c.getByRole("link", { name: "ns1.shop.example" }).getAttribute("href")).toBe(
      "/registry/hosts/mock-conn-0001/ns1.shop.example",
    );
  },
};
