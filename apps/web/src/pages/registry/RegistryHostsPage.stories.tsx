import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { expects, STORY_NOW, withMsw } from "../../mocks/stories";
import { RegistryHostsPage } from "./RegistryHostsPage";

/** The registry's host table (route /registry) against the mock API. */
const meta = {
  title: "Pages/Registry/RegistryHostsPage",
  component: RegistryHostsPage,
  args: { now: STORY_NOW },
  parameters: { route: { path: "/registry", initialEntries: ["/registry"] } },
} satisfies Meta<typeof RegistryHostsPage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  parameters: { ...withMsw(scenarios.populated()), ...expects("populated", "ns1.shop.example") },
};

export const Loading: Story = {
  parameters: { ...withMsw(scenarios.loading()), ...expects("loading", /Loading registry connections…/) },
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
