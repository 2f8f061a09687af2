/**
 * Registry pages against the mock API (MSW in jsdom): the host form's glue rule, the result-code
 * view (2305 with linked domains, 2201 sponsorship), what each role sees, and connection secrets.
 */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { HostDetailPage } from "./HostDetailPage";
import { RegistryConnectionsPage } from "./RegistryConnectionsPage";
import { RegistryHostsPage } from "./RegistryHostsPage";
import { recordInputs } from "./recordInputs";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type User = "mock-user-admin" | "mock-user-operator" | "mock-user-viewer";

function renderAt(url: string, userId: User, record?: string) {
  const api = createMockApi({ state: populatedState(userId) });
  const rec = record ? recordInputs(record) : null;
  server.use(...(rec ? [rec.handler] : []), ...api.handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/registry" element={<RegistryHostsPage />} />
          <Route path="/registry/connections" element={<RegistryConnectionsPage />} />
          <Route path="/registry/hosts/:connectionId/:name" element={<HostDetailPage />} />
        </Routes>
      </MemoryRouter>
    </StoryProviders>,
  );
  return rec?.inputs ?? [];
}

const createButton = () => screen.getByRole("button", { name: "Create host" });

describe("the host create form's glue rule", () => {
  it("shows and requires addresses only for a host under one of the registry's domains, and says why", async () => {
    const sent = renderAt("/registry", "mock-user-operator", "registry.createHost");
    await userEvent.click(await screen.findByRole("button", { name: "New host" }));
    expect(screen.queryByLabelText("Addresses (glue), one per line")).toBeNull();
    expect(
      screen.getByText(/only for hosts under a domain in this registry \(example\)/),
    ).toBeInTheDocument();

    const name = screen.getByLabelText("Host name");
    await userEvent.type(name, "ns3.shop.example");
    expect(screen.getByTestId("glue-hint")).toHaveTextContent(
      "ns3.shop.example is under shop.example, a domain of this registry: give it its addresses (glue)",
    );
    const addrs = screen.getByLabelText("Addresses (glue), one per line");
    expect(addrs).toBeRequired();
    expect(addrs).toHaveAccessibleDescription(/Required: a host under a domain of this registry/);
    expect(createButton()).toBeDisabled();
    await userEvent.type(addrs, "192.0.2.54");
    expect(createButton()).toBeEnabled();

    // Renamed to a host outside the registry: the field goes, and the address typed is not sent.
    await userEvent.clear(name);
    await userEvent.type(name, "ns.elsewhere.net");
    expect(screen.getByTestId("glue-hint")).toHaveTextContent(
      "ns.elsewhere.net is outside this registry (example): it takes no addresses",
    );
    expect(screen.queryByLabelText("Addresses (glue), one per line")).toBeNull();
    expect(screen.queryByRole("list", { name: "Problems" })).toBeNull();
    await userEvent.click(createButton());
    expect(screen.getByText(/Send <host:create> for ns.elsewhere.net to mock-registry/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Confirm create" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ connectionId: "mock-conn-0001", name: "ns.elsewhere.net", addrs: [] });
  });

  it("sends the glue of an in-bailiwick host after the confirmation step", async () => {
    const sent = renderAt("/registry", "mock-user-operator", "registry.createHost");
    await userEvent.click(await screen.findByRole("button", { name: "New host" }));
    await userEvent.type(screen.getByLabelText("Host name"), "ns3.shop.example");
    await userEvent.type(screen.getByLabelText("Addresses (glue), one per line"), "192.0.2.54\n2001:db8::54");
    await userEvent.click(createButton());
    expect(sent).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Confirm create" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.addrs).toEqual([
      { ip: "v4", address: "192.0.2.54" },
      { ip: "v6", address: "2001:db8::54" },
    ]);
    expect(await screen.findByRole("link", { name: "ns3.shop.example" })).toBeInTheDocument();
  });
});

describe("the result-code view", () => {
  it("explains a refused delete (2305) with the domains that still use the host", async () => {
    renderAt("/registry/hosts/mock-conn-0001/ns1.shop.example", "mock-user-operator");
    await userEvent.click(await screen.findByRole("button", { name: "Delete host" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("2305 Object association prohibits operation");
    expect(alert).toHaveTextContent("ns1.shop.example is still a name server of these domains");
    expect(alert).toHaveTextContent("RFC 5732 §3.2.2");
    const links = within(within(alert).getByRole("list", { name: "Linked domains" })).getAllByRole("link");
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["shop.example", "/registry/domains?name=shop.example"],
      ["blog.example", "/registry/domains?name=blog.example"],
    ]);
  });

  it("explains 2201: only the sponsoring client may change the domain", async () => {
    renderAt("/registry/hosts/mock-conn-0001/ns1.shop.example", "mock-user-operator");
    await userEvent.click(await screen.findByRole("button", { name: "Unlink from blog.example" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("2201 Authorization error");
    expect(alert).toHaveTextContent("Only the sponsoring client may change this object");
    expect(alert).toHaveTextContent("blog.example is sponsored by other-registrar");
    expect(within(alert).queryByRole("list", { name: "Linked domains" })).toBeNull();
  });
});

describe("what each role sees", () => {
  it("a viewer sees a host without link, change or delete controls", async () => {
    renderAt("/registry/hosts/mock-conn-0001/ns1.shop.example", "mock-user-viewer");
    expect(await screen.findByTestId("linked-domains")).toHaveTextContent("shop.example");
    expect(screen.getByRole("button", { name: "Refresh from registry" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Link host|Unlink|Delete host|Change host/ })).toBeNull();
    expect(screen.queryByLabelText("Link to domain")).toBeNull();
  });

  it("a viewer gets no New host button; an operator does", async () => {
    renderAt("/registry", "mock-user-viewer");
    await screen.findByRole("link", { name: "ns1.shop.example" });
    expect(screen.queryByRole("button", { name: "New host" })).toBeNull();
  });

  it("an operator sees connections but no reconnect, edit or remove (admin only)", async () => {
    renderAt("/registry/connections", "mock-user-operator");
    await screen.findByText("Mock EPP registry (MOCK DATA)");
    expect(
      screen.queryByRole("button", { name: /Reconnect now|Edit settings|Remove|Disable|Enable/ }),
    ).toBeNull();
  });
});

describe("connection secrets", () => {
  it("the edit form never shows the stored password or key, and saving it empty keeps them", async () => {
    const sent = renderAt("/registry/connections", "mock-user-admin", "registry.updateConnection");
    await userEvent.click(await screen.findByRole("button", { name: "Edit settings" }));
    const form = screen.getByRole("form", { name: "Edit mock-registry" });
    const pw = within(form).getByLabelText("Password — leave empty to keep");
    expect(pw).toHaveAttribute("type", "password");
    expect(pw).toHaveValue("");
    expect(within(form).getByLabelText("Client key (PEM) — leave empty to keep")).toHaveValue("");
    expect(document.body.textContent).not.toMatch(/PRIVATE KEY/);
    expect(screen.getByText(/password set, client key set/)).toHaveTextContent("never shown");

    await userEvent.click(within(form).getByRole("button", { name: "Save connection" }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(Object.keys(sent[0] ?? {}).sort()).toEqual(["extURIs", "id", "objURIs", "zones"]);

    // A new password typed is sent once.
    await userEvent.click(await screen.findByRole("button", { name: "Edit settings" }));
    const again = screen.getByRole("form", { name: "Edit mock-registry" });
    await userEvent.type(within(again).getByLabelText("Password — leave empty to keep"), "n3w-secret");
    await userEvent.click(within(again).getByRole("button", { name: "Save connection" }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ password: "n3w-secret" });
  });
});
