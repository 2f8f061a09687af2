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

/** Glue for a host outside the registry is explained before anything is sent. */
export const GlueRuleExplained: Story = {
  parameters: { ...withMsw(scenarios.populated()), ...expects("interaction", /GLUE_EXPLAINED/) },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole("button", { name: "New host" }));
    await userEvent.type(c.getByLabelText("Host name"), "ns.elsewhere.net");
    await userEvent.type(c.getByLabelText("Addresses (glue), one per line"), "192.0.2.1");
    await waitFor(() => expect(c.getByText(/outside this registry/, { selector: "li" })).toBeTruthy());
    expect((c.getByRole("button", { name: "Create host" }) as HTMLButtonElement).disabled).toBe(true);
    const done = document.createElement("span");
    done.textContent = "GLUE_EXPLAINED";
    canvasElement.appendChild(done);
  },
};
