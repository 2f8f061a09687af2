import { createMockApi, dhcpSampleData, populatedState } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { expect, userEvent, within } from "storybook/test";
import { expects, withMsw } from "../../mocks/stories";
import { useTRPC } from "../../trpc";
import { Loading } from "../../components/StateView";
import { SubnetEditor } from "./SubnetEditor";

const sample = dhcpSampleData();
const dhcpd = sample.sources.find((s) => s.name === "example-dhcpd") ?? sample.sources[0]!;

/**
 * The subnets and pools configured in the console for a file source (example-dhcpd: a dhcpd.leases
 * file), with the operator's add form and remove buttons.
 */
const meta = {
  title: "Components/DHCP/SubnetEditor",
  component: SubnetEditor,
  args: { source: dhcpd, pools: sample.pools },
} satisfies Meta<typeof SubnetEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

const as = (user: "mock-user-admin" | "mock-user-operator" | "mock-user-viewer") =>
  createMockApi({ state: populatedState(user) }).handlers;

/** The editor on the mock API's overview, as the DHCP page feeds it: changes show up in the list. */
function LiveSubnetEditor() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.dhcp.overview.queryOptions());
  const source = overview.data?.sources.find((s) => s.name === "example-dhcpd");
  if (!overview.data || !source) return <Loading label="Loading DHCP sources…" />;
  return <SubnetEditor source={source} pools={overview.data.pools} />;
}

/** Opens the add form and types a /25 with these pools (one per line); the story goes on from there. */
async function startAdding(canvasElement: HTMLElement, pools: string) {
  const canvas = within(canvasElement);
  await userEvent.click(await canvas.findByText("Add a subnet to example-dhcpd"));
  const form = within(canvas.getByRole("form", { name: "Add a subnet to example-dhcpd" }));
  await userEvent.type(form.getByLabelText("Subnet (CIDR)"), "203.0.113.0/25");
  await userEvent.type(form.getByLabelText("Pools, one per line"), pools);
  return form;
}

/** A viewer sees the configured subnet and its pool, without controls. */
export const AsViewer: Story = {
  parameters: { ...withMsw(as("mock-user-viewer")), ...expects("populated", "198.51.100.20–198.51.100.39") },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText("198.51.100.0/24");
    await expect(canvas.queryByRole("button", { name: /^Remove/ })).toBeNull();
  },
};

/** An operator: a remove button per subnet and the add form. */
export const AsOperator: Story = {
  parameters: {
    ...withMsw(as("mock-user-operator")),
    ...expects("populated", "Add a subnet to example-dhcpd"),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole("button", { name: "Remove subnet 198.51.100.0/24 of example-dhcpd" });
  },
};

/** A file source without subnets: its utilization is unknown until one is added. */
export const NoSubnets: Story = {
  name: "Empty",
  args: { pools: [] },
  parameters: { ...withMsw(as("mock-user-operator")), ...expects("empty", /None yet/) },
};

/** An operator adds a subnet with two pools; it is listed once the overview is read again. */
export const OperatorAddsSubnet: Story = {
  render: () => <LiveSubnetEditor />,
  parameters: {
    ...withMsw(as("mock-user-operator")),
    ...expects("interaction", "203.0.113.10–203.0.113.50"),
  },
  play: async ({ canvasElement }) => {
    const form = await startAdding(canvasElement, "203.0.113.10-203.0.113.50{enter}203.0.113.64/27");
    await userEvent.type(form.getByLabelText("Shared network (optional)"), "example-campus");
    await userEvent.click(form.getByRole("button", { name: "Add subnet" }));
    await form.findByRole("status");
  },
};

/** The server refuses a pool outside the subnet: the message names the line it was typed on. */
export const AddRefused: Story = {
  name: "Error (pool outside the subnet)",
  render: () => <LiveSubnetEditor />,
  parameters: {
    ...withMsw(as("mock-user-operator")),
    ...expects("error", "Line 3: pool 192.0.2.1-192.0.2.9 is outside 203.0.113.0/25"),
  },
  play: async ({ canvasElement }) => {
    const form = await startAdding(
      canvasElement,
      "203.0.113.10-203.0.113.50{enter}{enter}192.0.2.1-192.0.2.9",
    );
    await userEvent.click(form.getByRole("button", { name: "Add subnet" }));
  },
};
