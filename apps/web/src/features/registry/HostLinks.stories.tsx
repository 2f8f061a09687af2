import { registryHostFixture, scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { expects, inScenario, withMsw } from "../../mocks/stories";
import { HostLinks } from "./HostLinks";
import { recordInputs } from "./recordInputs";

/** Link or unlink a host as a name server of the client's domains (<domain:update> add/rem ns). */
const meta = {
  title: "Components/Registry/HostLinks",
  component: HostLinks,
  args: {
    host: registryHostFixture({
      statuses: [{ s: "ok" }, { s: "linked" }],
      linkedDomains: ["shop.example", "blog.example"],
    }),
  },
} satisfies Meta<typeof HostLinks>;

export default meta;
type Story = StoryObj<typeof meta>;

const unlinked = registryHostFixture({ name: "ns2.shop.example", roid: "H2-MOCK" });

const loaded = async (canvasElement: HTMLElement) => {
  const c = within(canvasElement);
  await waitFor(() => expect(c.queryByText("Loading your domains…")).toBeNull());
};

/** Linked to one domain, and one of ours (shop.example) offered to link it to. */
export const Populated: Story = {
  args: { host: registryHostFixture({ name: "ns2.shop.example", linkedDomains: ["blog.example"] }) },
  parameters: inScenario("populated", "shop.example"),
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
    const c = within(canvasElement);
    expect(c.getByRole("button", { name: "Unlink from blog.example" })).toBeTruthy();
    expect(c.getByRole("option", { name: "shop.example" })).toBeTruthy();
  },
};

export const Loading: Story = {
  parameters: inScenario("loading", "Loading your domains…"),
};

export const ErrorState: Story = {
  name: "Error",
  parameters: inScenario("error", /Could not load your domains/),
};

export const EmptyState: Story = {
  name: "Empty (not a name server yet)",
  args: { host: unlinked },
  parameters: {
    ...withMsw(scenarios.populated()),
    ...expects("empty", "No domain the console has read uses this host."),
  },
  play: async ({ canvasElement }) => loaded(canvasElement),
};

const linking = recordInputs("registry.updateDomain");
/** Link a host to one of our domains: only domains we sponsor are offered; the update adds the name server. */
export const LinkToDomain: Story = {
  args: { host: unlinked },
  beforeEach: () => {
    linking.inputs.length = 0;
  },
  parameters: {
    ...withMsw([linking.handler, ...scenarios.populated()]),
    ...expects("interaction", /LINK_SENT/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    const select = c.getByLabelText("Link to domain") as HTMLSelectElement;
    await waitFor(() => expect([...select.options].map((o) => o.value)).toEqual(["shop.example"]));
    await userEvent.selectOptions(select, "shop.example");
    await userEvent.click(c.getByRole("button", { name: "Link host" }));
    await waitFor(() => expect(linking.inputs).toHaveLength(1));
    expect(linking.inputs[0]).toEqual({
      connectionId: "mock-conn-0001",
      name: "shop.example",
      add: { nameServers: ["ns2.shop.example"] },
    });
    await waitFor(() =>
      expect((c.getByRole("button", { name: "Link host" }) as HTMLButtonElement).disabled).toBe(false),
    );
    expect(c.queryByRole("alert")).toBeNull();
    const done = document.createElement("span");
    done.textContent = "LINK_SENT";
    canvasElement.appendChild(done);
  },
};

/** Unlinking from a domain another registrar sponsors: the registry's 2201, explained. */
export const Unlink2201Explained: Story = {
  name: "Unlink refused (2201)",
  parameters: { ...withMsw(scenarios.populated()), ...expects("interaction", /UNLINK_REFUSED/) },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole("button", { name: "Unlink from blog.example" }));
    const alert = await c.findByRole("alert");
    expect(alert.textContent).toMatch(/2201/);
    expect(alert.textContent).toMatch(/Only the sponsoring client may change this object/);
    expect(alert.textContent).toMatch(/sponsored by other-registrar/);
    const done = document.createElement("span");
    done.textContent = "UNLINK_REFUSED";
    canvasElement.appendChild(done);
  },
};
