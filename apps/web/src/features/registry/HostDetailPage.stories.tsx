import { createMockApi, scenarios } from "@netops/mocks";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { atRoute, expects, inScenario, STORY_NOW, withMsw } from "../../mocks/stories";
import { HostDetailPage } from "./HostDetailPage";

/** One host (route /registry/hosts/:connectionId/:name) against the mock API. */
const meta = {
  title: "Pages/Registry/HostDetailPage",
  component: HostDetailPage,
  args: { now: STORY_NOW },
} satisfies Meta<typeof HostDetailPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const at = (name: string) =>
  atRoute("/registry/hosts/:connectionId/:name", `/registry/hosts/mock-conn-0001/${name}`);

export const Linked: Story = {
  parameters: {
    ...at("ns1.shop.example"),
    ...inScenario("populated", "blog.example"),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByRole("button", { name: "Unlink from blog.example" });
    await waitFor(() => expect(c.queryByText("Loading your domains…")).toBeNull());
  },
};

const linking = createMockApi();
/** Link an unlinked host to one of our domains: the host then shows the domain and the linked status. */
export const LinkHostToDomain: Story = {
  parameters: {
    ...at("ns2.shop.example"),
    ...withMsw(linking.handlers),
    ...expects("interaction", /HOST_LINKED/),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await c.findByRole("option", { name: "shop.example" });
    await userEvent.selectOptions(c.getByLabelText("Link to domain"), "shop.example");
    await userEvent.click(c.getByRole("button", { name: "Link host" }));
    await waitFor(() => expect(c.getByTestId("linked-domains").textContent).toContain("shop.example"));
    await waitFor(() => expect(c.getByTestId("host-statuses").textContent).toContain("linked"));
    expect(c.getByRole("button", { name: "Unlink from shop.example" })).toBeTruthy();
    const done = document.createElement("span");
    done.textContent = "HOST_LINKED";
    canvasElement.appendChild(done);
  },
};

export const Loading: Story = {
  parameters: {
    ...at("ns1.shop.example"),
    ...inScenario("loading", /Loading host…/),
  },
};

export const NotInCache: Story = {
  name: "Not found (not in the cache)",
  parameters: {
    ...at("ns9.shop.example"),
    ...withMsw(scenarios.populated()),
    // A NOT_FOUND answer is a not-found view with a way back, not a retryable error.
    ...expects("empty", /not in the host cache/),
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
