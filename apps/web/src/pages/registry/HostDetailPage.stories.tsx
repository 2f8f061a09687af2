import { scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { expects, STORY_NOW, withMsw } from "../../mocks/stories";
import { HostDetailPage } from "./HostDetailPage";

/** One host (route /registry/hosts/:connectionId/:name) against the mock API. */
const meta = {
  title: "Pages/Registry/HostDetailPage",
  component: HostDetailPage,
  args: { now: STORY_NOW },
} satisfies Meta<typeof HostDetailPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const at = (name: string) => ({
  route: {
    path: "/registry/hosts/:connectionId/:name",
    initialEntries: [`/registry/hosts/mock-conn-0001/${name}`],
  },
});

export const Linked: Story = {
  parameters: {
    ...at("ns1.shop.example"),
    ...withMsw(scenarios.populated()),
    ...expects("populated", "blog.example"),
  },
};

export const Loading: Story = {
  parameters: {
    ...at("ns1.shop.example"),
    ...withMsw(scenarios.loading()),
    ...expects("loading", /Loading host…/),
  },
};

export const NotInCache: Story = {
  name: "Error (not in the cache)",
  parameters: {
    ...at("ns9.shop.example"),
    ...withMsw(scenarios.populated()),
    ...expects("error", /not in the host cache/),
  },
};

/** Deleting a linked host: the registry's 2305 explained with the domains that use it. */
export const Delete2305Explained: Story = {
  name: "Delete refused (2305)",
  parameters: {
    ...at("ns1.shop.example"),
    ...withMsw(scenarios.populated()),
    ...expects("interaction", /DELETE_EXPLAINED/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(await c.findByRole("button", { name: "Delete host" }));
    await userEvent.click(c.getByRole("button", { name: "Yes" }));
    await waitFor(() => expect(c.getByText("Object association prohibits operation")).toBeTruthy());
    expect(within(c.getByRole("list", { name: "Linked domains" })).getByText("blog.example")).toBeTruthy();
    const done = document.createElement("span");
    done.textContent = "DELETE_EXPLAINED";
    canvasElement.appendChild(done);
  },
};
