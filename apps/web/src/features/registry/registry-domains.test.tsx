/**
 * The domains page and the transcript against the mock API (MSW in jsdom): a lookup puts the
 * domain in the URL (reload and Back show it again), a pending transfer is answered with
 * approve/reject after a confirmation (operators only), and routine polls stay out of the
 * transcript until asked for.
 */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { RegistryDomainsPage } from "./RegistryDomainsPage";
import { RegistryPollPage } from "./RegistryPollPage";
import { RegistryTranscriptPage } from "./RegistryTranscriptPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type User = "mock-user-admin" | "mock-user-operator" | "mock-user-viewer";

/** Where the router is, and a Back button (the browser's). */
function Location() {
  const l = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="location">{l.pathname + l.search}</output>
      <button type="button" onClick={() => navigate(-1)}>
        Browser back
      </button>
    </>
  );
}

function renderAt(url: string, userId: User) {
  const api = createMockApi({ state: populatedState(userId) });
  server.use(...api.handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>
        <Location />
        <Routes>
          <Route path="/registry/domains" element={<RegistryDomainsPage />} />
          <Route path="/registry/poll" element={<RegistryPollPage />} />
          <Route path="/registry/transcript" element={<RegistryTranscriptPage />} />
        </Routes>
      </MemoryRouter>
    </StoryProviders>,
  );
}

const location = () => screen.getByTestId("location").textContent;
const lookUp = async (name: string) => {
  const box = await screen.findByLabelText("Domain");
  await userEvent.clear(box);
  await userEvent.type(box, name);
  await waitFor(() => expect(screen.getByRole("button", { name: "Look up" })).toBeEnabled());
  await userEvent.click(screen.getByRole("button", { name: "Look up" }));
};

describe("domain lookup keeps its state in the URL", { timeout: 30_000 }, () => {
  it("writes the looked-up domain to the URL, and Back shows the previous one", async () => {
    renderAt("/registry/domains", "mock-user-viewer");
    await lookUp("Shop.Example");
    await waitFor(() => expect(location()).toBe("/registry/domains?name=shop.example"));
    expect(await screen.findByRole("heading", { name: "shop.example" })).toBeInTheDocument();
    await lookUp("blog.example");
    await waitFor(() => expect(location()).toBe("/registry/domains?name=blog.example"));
    expect(await screen.findByRole("heading", { name: "blog.example" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Browser back" }));
    await waitFor(() => expect(location()).toBe("/registry/domains?name=shop.example"));
    expect(await screen.findByRole("heading", { name: "shop.example" })).toBeInTheDocument();
    expect(screen.getByLabelText("Domain")).toHaveValue("shop.example");
  });

  it("links each domain read so far to its lookup", async () => {
    renderAt("/registry/domains", "mock-user-viewer");
    const link = await screen.findByRole("link", { name: "blog.example" }, { timeout: 5000 });
    expect(link).toHaveAttribute("href", "/registry/domains?conn=mock-conn-0001&name=blog.example");
  });
});

const transferPanel = async () =>
  (await screen.findByRole("heading", { name: "Transfer" }, { timeout: 5000 })).closest(
    ".card",
  ) as HTMLElement;

describe("answering a pending transfer (RFC 5731 §3.2.4)", { timeout: 30_000 }, () => {
  it("offers approve and reject for a transfer away, asks first, and shows the registry's answer", async () => {
    renderAt("/registry/domains?name=shop.example", "mock-user-operator");
    const panel = await transferPanel();
    expect(within(panel).getByTestId("transfer-state")).toHaveTextContent(/pending/);
    expect(within(panel).getByRole("button", { name: "Approve transfer" })).toBeInTheDocument();
    expect(within(panel).queryByRole("button", { name: "Cancel transfer" })).toBeNull();
    await userEvent.click(within(panel).getByRole("button", { name: "Reject transfer" }));
    expect(
      within(panel).getByText("Reject the transfer of shop.example? It stays with your registrar."),
    ).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole("button", { name: "Yes" }));
    expect(await within(panel).findByText("rejected by the sponsor")).toBeInTheDocument();
    expect(within(panel).getByRole("status")).toHaveTextContent("1000");
    // Nothing pending any more: no answers offered.
    expect(within(panel).queryByRole("button", { name: "Approve transfer" })).toBeNull();
  });

  it("shows a viewer the transfer but no answers", async () => {
    renderAt("/registry/domains?name=shop.example", "mock-user-viewer");
    const panel = await transferPanel();
    await userEvent.click(within(panel).getByRole("button", { name: "Query transfer" }));
    // Who asked: a handle, linked to the search for it.
    expect(await within(panel).findByText(/requested by/)).toBeInTheDocument();
    expect(within(panel).getByRole("link", { name: "other-registrar" })).toHaveAttribute(
      "href",
      "/search?q=other-registrar",
    );
    expect(within(panel).queryByRole("button", { name: /^(Approve|Reject|Cancel) transfer$/ })).toBeNull();
  });

  it("links a transfer poll message to the domain, where it is answered", async () => {
    renderAt("/registry/poll", "mock-user-operator");
    const link = await screen.findByRole(
      "link",
      { name: "Answer the transfer of shop.example" },
      { timeout: 5000 },
    );
    expect(link).toHaveAttribute("href", "/registry/domains?conn=mock-conn-0001&name=shop.example");
  });
});

describe("the transcript", { timeout: 30_000 }, () => {
  it("hides routine polls until 'routine polls' is ticked (kept in the URL)", async () => {
    renderAt("/registry/transcript", "mock-user-viewer");
    await screen.findByRole("cell", { name: "host:delete" });
    expect(screen.queryByRole("cell", { name: "poll req" })).toBeNull();
    await userEvent.click(screen.getByRole("checkbox", { name: "routine polls" }));
    expect(await screen.findAllByRole("cell", { name: "poll req" })).toHaveLength(3);
    expect(location()).toBe("/registry/transcript?polls=1");
  });
});
