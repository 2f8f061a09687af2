import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { atRoute, expects, inScenario, STORY_NOW, withMsw } from "../../mocks/stories";
import { RegistryHostsPage } from "./RegistryHostsPage";
import { connectionsError, noConnection } from "./stories-setup";

/** The registry's host table (route /registry) against the mock API. */
const meta = {
  title: "Pages/Registry/RegistryHostsPage",
  component: RegistryHostsPage,
  args: { now: STORY_NOW },
  parameters: atRoute("/registry"),
} satisfies Meta<typeof RegistryHostsPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = { parameters: inScenario("populated", "ns1.shop.example") };

export const Loading: Story = { parameters: inScenario("loading", /Loading registry connections…/) };

export const EmptyState: Story = { name: "Empty", parameters: noConnection() };

export const ErrorState: Story = { name: "Error", parameters: connectionsError() };

/**
 * The glue rule as you type: a host outside the registry gets no address field (its own zone
 * publishes them); a host under a domain of the registry must be given its glue.
 */
export const GlueRuleExplained: Story = {
  parameters: { ...withMsw(scenarios.populated()), ...expects("interaction", /GLUE_EXPLAINED/) },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole("button", { name: "New host" }));
    const name = c.getByLabelText("Host name");
    await userEvent.type(name, "ns.elsewhere.net");
    expect(c.getByTestId("glue-hint").textContent).toMatch(/outside this registry .*takes no addresses/);
    expect(c.queryByLabelText("Addresses (glue), one per line")).toBeNull();
    expect((c.getByRole("button", { name: "Create host" }) as HTMLButtonElement).disabled).toBe(false);

    await userEvent.clear(name);
    await userEvent.type(name, "ns3.shop.example");
    expect(c.getByTestId("glue-hint").textContent).toMatch(/under shop\.example, a domain of this registry/);
    const addrs = c.getByLabelText("Addresses (glue), one per line");
    expect(addrs.hasAttribute("required")).toBe(true);
    expect((c.getByRole("button", { name: "Create host" }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(addrs, "192.0.2.1");
    await waitFor(() =>
      expect((c.getByRole("button", { name: "Create host" }) as HTMLButtonElement).disabled).toBe(false),
    );
    const done = document.createElement("span");
    done.textContent = "GLUE_EXPLAINED";
    canvasElement.appendChild(done);
  },
};
