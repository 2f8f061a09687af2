import { createMockApi } from "@netops/mocks";
import type { SearchResult } from "@netops/protocols";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { pageCommands } from "./commands";
import { SearchPalette } from "./SearchPalette";
import { ShellSearch } from "./ShellSearch";

const result: SearchResult = {
  classified: {
    q: "192.0.2.53",
    kind: "ipv4",
    entity: { type: "ip", value: "192.0.2.53" },
    interpretations: [{ kind: "ipv4", value: "192.0.2.53" }],
  },
  groups: [
    {
      subsystem: "dhcp",
      label: "DHCP",
      hits: [
        {
          subsystem: "dhcp",
          kind: "lease",
          key: "7",
          label: "192.0.2.53",
          url: "/dhcp/leases/7",
          rank: "exact",
        },
      ],
    },
    {
      subsystem: "registry",
      label: "Registry",
      hits: [
        {
          subsystem: "registry",
          kind: "host",
          key: "ns1",
          label: "ns1.shop.example",
          detail: "glue 192.0.2.53",
          url: "/registry/hosts/ns1.shop.example",
          rank: "exact",
        },
      ],
    },
  ],
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const asked: string[] = [];
function mockSearch(answer: (q: string) => SearchResult | Promise<SearchResult> = () => result) {
  asked.length = 0;
  const api = createMockApi({
    overrides: {
      "search.query": (input: { q: string }) => {
        asked.push(input.q);
        return answer(input.q);
      },
    },
  });
  server.use(...api.handlers);
}

function Where() {
  const l = useLocation();
  return <output aria-label="location">{`${l.pathname}${l.search}`}</output>;
}

function renderPalette(initialQuery: string, onClose = vi.fn()) {
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={["/start"]}>
        <Routes>
          <Route
            path="*"
            element={
              <>
                <SearchPalette
                  initialQuery={initialQuery}
                  onClose={onClose}
                  pages={pageCommands()}
                  actions={[]}
                  debounceMs={0}
                />
                <Where />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </StoryProviders>,
  );
  return onClose;
}

const location = () => screen.getByRole("status", { name: "location" }).textContent;

describe("the search palette", () => {
  it("shows the hits grouped by subsystem, each a link, with the entity page first", async () => {
    mockSearch();
    renderPalette("192.0.2.53");
    expect(await screen.findByRole("group", { name: "DHCP" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Registry" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /ns1\.shop\.example/ })).toHaveAttribute(
      "href",
      "/registry/hosts/ns1.shop.example",
    );
    const options = screen.getAllByRole("option");
    expect(options[0]).toHaveTextContent("Everything about address 192.0.2.53");
    expect(options[0]).toHaveAttribute("aria-selected", "true");
    expect(asked).toEqual(["192.0.2.53"]);
  });

  it("moves with the arrow keys and opens the active entry with Enter", async () => {
    mockSearch();
    const onClose = renderPalette("192.0.2.53");
    const box = screen.getByRole("combobox");
    await screen.findByRole("group", { name: "DHCP" });
    await userEvent.type(box, "{ArrowDown}");
    const options = screen.getAllByRole("option");
    expect(options[1]).toHaveAttribute("aria-selected", "true");
    expect(box).toHaveAttribute("aria-activedescendant", options[1]?.id);
    await userEvent.type(box, "{Enter}");
    expect(location()).toBe("/dhcp/leases/7");
    expect(onClose).toHaveBeenCalled();
  });

  it("wraps from the first entry to the last (all results) with ArrowUp", async () => {
    mockSearch();
    renderPalette("192.0.2.53");
    const box = screen.getByRole("combobox");
    await screen.findByRole("group", { name: "DHCP" });
    await userEvent.type(box, "{ArrowUp}{Enter}");
    expect(location()).toBe("/search?q=192.0.2.53");
  });

  it("closes on Escape", async () => {
    mockSearch();
    const onClose = renderPalette("");
    await userEvent.type(screen.getByRole("combobox"), "{Escape}");
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("jumps to a page by name without searching", async () => {
    mockSearch();
    renderPalette("");
    await userEvent.type(screen.getByRole("combobox"), "timel");
    await waitFor(() => expect(screen.getAllByRole("option")[0]).toHaveTextContent("Timeline"));
    // The server was asked too (a page name is also text), but pages do not wait for it.
    await userEvent.type(screen.getByRole("combobox"), "{Enter}");
    expect(location()).toBe("/timeline");
  });

  it("does not send a query over 256 characters, and says why", async () => {
    mockSearch();
    renderPalette("a".repeat(10_000));
    expect(
      await screen.findByText(/A search is at most 256 characters; this one has 10000/),
    ).toBeInTheDocument();
    expect(asked).toEqual([]);
  });

  it("says what the server could not search, and when nothing matched", async () => {
    mockSearch((q) => ({
      classified: {
        q,
        kind: "invalid",
        reason: "control character U+0007 at character 2",
        entity: null,
        interpretations: [],
      },
      groups: [],
    }));
    renderPalette("a\u0007b");
    expect(
      await screen.findByText(/Cannot search this: control character U\+0007 at character 2/),
    ).toBeInTheDocument();
  });

  it("says when the text is too short for partial matches (the server's hint)", async () => {
    const hint = "Partial matches need at least 3 characters: showing exact and prefix matches only.";
    mockSearch((q) => ({
      classified: { q, kind: "handle", entity: null, interpretations: [{ kind: "text", value: q }] },
      groups: [],
      hint,
    }));
    renderPalette("ns");
    expect(await screen.findByRole("note")).toHaveTextContent(hint);
    expect(await screen.findByText("No results for “ns”.")).toBeInTheDocument();
  });

  it("shows the server's error", async () => {
    mockSearch(() => {
      throw new Error("boom");
    });
    renderPalette("192.0.2.53");
    expect(await screen.findByRole("alert")).toHaveTextContent(/Search failed/);
  });
});

describe("the top bar's search box", () => {
  function renderShell() {
    mockSearch();
    render(
      <StoryProviders>
        <MemoryRouter>
          <ShellSearch debounceMs={0} />
          <input aria-label="elsewhere" />
        </MemoryRouter>
      </StoryProviders>,
    );
  }

  it("opens the palette on / outside text fields and on Ctrl-K inside them", async () => {
    renderShell();
    expect(screen.queryByRole("dialog")).toBeNull();
    await userEvent.keyboard("/");
    expect(screen.getByRole("dialog", { name: "Search and commands" })).toBeInTheDocument();
    expect(screen.getByRole("combobox")).toHaveFocus();
    expect(screen.getByRole("combobox")).toHaveValue("");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    await userEvent.click(screen.getByRole("textbox", { name: "elsewhere" }));
    await userEvent.keyboard("/");
    expect(screen.queryByRole("dialog")).toBeNull();
    await userEvent.keyboard("{Control>}k{/Control}");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });

  it("carries what is pasted into the box over to the palette, which searches it", async () => {
    renderShell();
    await userEvent.click(screen.getByRole("searchbox", { name: /Search/ }));
    // A click opens the palette; paste goes into its box.
    await userEvent.paste("192.0.2.53");
    expect(screen.getByRole("combobox")).toHaveValue("192.0.2.53");
    expect(await screen.findByRole("group", { name: "DHCP" })).toBeInTheDocument();
  });
});
