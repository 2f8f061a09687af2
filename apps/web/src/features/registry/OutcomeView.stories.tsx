import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { expects } from "../../mocks/stories";
import { OutcomeView } from "./OutcomeView";

/** The registry's answer to a change: result code, meaning, operator explanation, the registry's message. */
const meta = {
  title: "Components/Registry/OutcomeView",
  component: OutcomeView,
} satisfies Meta<typeof OutcomeView>;

export default meta;
type Story = StoryObj<typeof meta>;

const base = { clTRID: "NETOPS-mock-1", svTRID: "MOCK-1", linkedDomains: [] as string[] };

export const Success: Story = {
  args: {
    outcome: {
      ...base,
      ok: true,
      code: 1000,
      meaning: "Command completed successfully",
      explanation: "The registry did what was asked.",
      message: "Command completed successfully",
    },
  },
  parameters: { ...expects("populated", "Command completed successfully") },
};

/** 2305 on a host delete names the domains that still use it, each a link to its lookup. */
export const AssociationProhibits2305: Story = {
  name: "2305 with linked domains",
  args: {
    object: "ns1.shop.example",
    outcome: {
      ...base,
      ok: false,
      code: 2305,
      meaning: "Object association prohibits operation",
      explanation: "Other objects refer to this one; remove those links first.",
      message: "ns1.shop.example is a name server of shop.example, blog.example",
      linkedDomains: ["shop.example", "blog.example"],
    },
  },
  parameters: { ...expects("interaction", "Object association prohibits operation") },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    const list = c.getByRole("list", { name: "Linked domains" });
    const links = within(list).getAllByRole("link");
    expect(links.map((a) => a.textContent)).toEqual(["shop.example", "blog.example"]);
    expect(links[1]?.getAttribute("href")).toBe("/registry/domains?name=blog.example");
    expect(c.getByRole("alert").textContent).toMatch(/ns1\.shop\.example is still a name server/);
  },
};

/** 2201: only the sponsoring client may change the object. */
export const Authorization2201: Story = {
  name: "2201 (not the sponsor)",
  args: {
    object: "blog.example",
    outcome: {
      ...base,
      ok: false,
      code: 2201,
      meaning: "Authorization error",
      explanation:
        "Only the sponsoring client may change this object, or this client may not use the command.",
      message: "blog.example is sponsored by other-registrar; only the sponsoring client may change it",
    },
  },
  parameters: { ...expects("interaction", "Authorization error") },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    expect(c.getByText(/Only the sponsoring client may change this object/)).toBeTruthy();
    expect(c.getByText(/sponsored by other-registrar/)).toBeTruthy();
    expect(c.queryByRole("list", { name: "Linked domains" })).toBeNull();
  },
};
