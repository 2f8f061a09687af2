import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { atRoute, expects, inScenario, STORY_NOW, withMsw } from "../../mocks/stories";
import { RegistryDomainsPage } from "./RegistryDomainsPage";
import { connectionsError, noConnection } from "./stories-setup";

/** Domain lookup and the domains read so far (route /registry/domains) against the mock API. */
const meta = {
  title: "Pages/Registry/RegistryDomainsPage",
  component: RegistryDomainsPage,
  args: { now: STORY_NOW },
  parameters: atRoute("/registry/domains"),
} satisfies Meta<typeof RegistryDomainsPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = { parameters: inScenario("populated", "other-registrar") };
export const Loading: Story = { parameters: inScenario("loading", /Loading domains…/) };
export const EmptyState: Story = { name: "Empty", parameters: noConnection() };
export const ErrorState: Story = { name: "Error", parameters: connectionsError() };

/** Arriving with ?name= looks the domain up: sponsor, name servers (links to the hosts), contacts. */
export const LookedUp: Story = {
  parameters: {
    ...atRoute("/registry/domains", "/registry/domains?name=shop.example"),
    ...withMsw(scenarios.populated()),
    ...expects("interaction", /Mock Hostmaster/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByRole("heading", { name: "Change shop.example" });
    // The name server links to its host object and, beside it, to everything about the name.
    const hrefs = c.getAllByRole("link", { name: "ns1.shop.example" }).map((a) => a.getAttribute("href"));
    expect(hrefs).toContain("/registry/hosts/mock-conn-0001/ns1.shop.example");
    expect(hrefs).toContain("/name/ns1.shop.example");
  },
};

/** A transfer away is pending: the Transfer panel offers approve and reject (operators), each asked first. */
export const PendingTransfer: Story = {
  parameters: {
    ...atRoute("/registry/domains", "/registry/domains?name=shop.example"),
    ...withMsw(scenarios.populated()),
    ...expects("interaction", /A transfer of shop\.example is pending/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByRole("button", { name: "Approve transfer" });
    await userEvent.click(c.getByRole("button", { name: "Reject transfer" }));
    await c.findByText("Reject the transfer of shop.example? It stays with your registrar.");
  },
};

/** The transfer rejected: the registry's 1000, the transfer's new state, no answers left to give. */
export const TransferRejected: Story = {
  parameters: {
    ...atRoute("/registry/domains", "/registry/domains?name=shop.example"),
    ...withMsw(scenarios.populated()),
    ...expects("interaction", /rejected by the sponsor/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole("button", { name: "Reject transfer" }));
    await userEvent.click(c.getByRole("button", { name: "Yes" }));
    await c.findByText("rejected by the sponsor");
    expect(c.queryByRole("button", { name: "Approve transfer" })).toBeNull();
  },
};
