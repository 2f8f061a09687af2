import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { expects, inScenario, withMsw } from "../../mocks/stories";
import { DomainActions, DomainContacts, DomainCreateForm } from "./DomainPanels";
import { recordInputs } from "./recordInputs";

/** A domain's contacts and the operator's changes to it (name servers, statuses, renew, delete, transfer). */
const meta = {
  title: "Components/Registry/DomainPanels",
  component: DomainActions,
  args: {
    connectionId: "mock-conn-0001",
    domain: {
      name: "shop.example",
      nameServers: ["ns1.shop.example"],
      statuses: [{ s: "ok" }],
      exDate: "2027-06-01T00:00:00.000Z",
      sponsoredByUs: true,
    },
    onChanged: () => {},
  },
} satisfies Meta<typeof DomainActions>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Another domain, whose sponsor the story sets (the console's copy may disagree with the registry). */
const blogExample = ({ sponsoredByUs }: { sponsoredByUs: boolean }) => ({
  name: "blog.example",
  nameServers: ["ns1.shop.example"],
  statuses: [{ s: "ok" }],
  exDate: null,
  sponsoredByUs,
});

export const Sponsored: Story = {
  name: "Populated (our domain)",
  parameters: inScenario("populated", "Change shop.example"),
};

/** Another registrar's domain: no change controls, only the transfer query. */
export const NotOurs: Story = {
  name: "Another sponsor's domain",
  args: { domain: blogExample({ sponsoredByUs: false }) },
  parameters: inScenario("populated", /only its sponsor can change or delete it/),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    expect(c.queryByRole("button", { name: "Change domain" })).toBeNull();
    expect(c.queryByRole("button", { name: "Delete domain" })).toBeNull();
  },
};

const adding = recordInputs("registry.updateDomain");
/** Add a host as a name server of our domain: the update carries it under add.nameServers. */
export const AddNameServer: Story = {
  beforeEach: () => {
    adding.inputs.length = 0;
  },
  parameters: {
    ...withMsw([adding.handler, ...scenarios.populated()]),
    ...expects("interaction", /NS_ADDED/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.type(
      c.getByLabelText("Add name servers (host objects), one per line"),
      "NS2.shop.example",
    );
    await userEvent.click(c.getByRole("button", { name: "Change domain" }));
    await waitFor(() => expect(adding.inputs).toHaveLength(1));
    expect(adding.inputs[0]).toMatchObject({
      name: "shop.example",
      add: { nameServers: ["ns2.shop.example"], statuses: [] },
      rem: { nameServers: [], statuses: [] },
    });
    await c.findByRole("status");
    const done = document.createElement("span");
    done.textContent = "NS_ADDED";
    canvasElement.appendChild(done);
  },
};

/** The console's copy said "ours", the registry disagrees: 2201 explained. */
export const Refused2201: Story = {
  name: "Change refused (2201)",
  args: { domain: blogExample({ sponsoredByUs: true }) },
  parameters: { ...withMsw(scenarios.populated()), ...expects("interaction", /REFUSED_2201/) },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole("checkbox", { name: "ns1.shop.example" }));
    await userEvent.click(c.getByRole("button", { name: "Change domain" }));
    const alert = await c.findByRole("alert");
    expect(alert.textContent).toMatch(/2201 Authorization error/);
    expect(alert.textContent).toMatch(/Only the sponsoring client may change this object/);
    const done = document.createElement("span");
    done.textContent = "REFUSED_2201";
    canvasElement.appendChild(done);
  },
};

const contactsArgs = {
  connectionId: "mock-conn-0001",
  registrant: "mock-contact",
  contacts: [{ type: "tech", id: "nobody-here" }],
};

export const Contacts: Story = {
  render: () => <DomainContacts {...contactsArgs} />,
  parameters: inScenario("populated", /Mock Hostmaster/),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByText(/2303 Object does not exist/);
  },
};

export const ContactsLoading: Story = {
  render: () => (
    <div role="status">
      <DomainContacts {...contactsArgs} />
    </div>
  ),
  parameters: inScenario("loading", /…/),
};

export const ContactsEmpty: Story = {
  render: () => <DomainContacts connectionId="mock-conn-0001" registrant={null} contacts={[]} />,
  parameters: { ...withMsw(scenarios.populated()), ...expects("empty", "none") },
};

export const ContactsError: Story = {
  render: () => <DomainContacts {...contactsArgs} />,
  parameters: { ...withMsw(scenarios.error()), ...expects("interaction", /mock-contact/) },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await waitFor(() => expect(c.getAllByRole("listitem")[0]?.textContent).toMatch(/ — \S/));
  },
};

export const CreateForm: Story = {
  render: () => <DomainCreateForm connectionId="mock-conn-0001" onCreated={() => {}} />,
  parameters: inScenario("populated", "New domain"),
};
