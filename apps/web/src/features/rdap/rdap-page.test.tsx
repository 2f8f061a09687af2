/**
 * The RDAP page against the mock API (MSW in jsdom): a domain lookup answered 404 offers to try
 * the name as a nameserver, and operators run the EPP ↔ RDAP consistency check now.
 */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { RdapPage } from "./RdapPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function Location() {
  const l = useLocation();
  return <output data-testid="location">{l.pathname + l.search}</output>;
}

function renderAt(url: string, userId: "mock-user-operator" | "mock-user-viewer") {
  const api = createMockApi({ state: populatedState(userId) });
  server.use(...api.handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>
        <Location />
        <Routes>
          <Route path="/rdap" element={<RdapPage />} />
        </Routes>
      </MemoryRouter>
    </StoryProviders>,
  );
}

describe("RDAP page", { timeout: 30_000 }, () => {
  it("offers 'Try as nameserver' when a domain lookup is answered 404, and finds the nameserver", async () => {
    renderAt("/rdap?q=ns1.xn--fo-5ja.example&type=domain", "mock-user-viewer");
    const retry = await screen.findByRole("button", { name: "Try as nameserver" }, { timeout: 10_000 });
    expect(screen.getByRole("alert")).toHaveTextContent("HTTP 404");
    await userEvent.click(retry);
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("type=nameserver"));
    expect(await screen.findByText(/nameserver lookup for ns1\.xn--fo-5ja\.example/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Try as nameserver" })).toBeNull();
  });

  it("gives the query box the room a long name needs", async () => {
    renderAt("/rdap", "mock-user-viewer");
    const box = await screen.findByRole("searchbox", { name: "Query" });
    // rdap.css lets this field grow with the row (layout itself is checked in e2e/rdap.spec.ts).
    expect(box.closest(".field")).toHaveClass("rdap-query");
  });

  it("lets an operator run the consistency check now; a viewer has no button", async () => {
    renderAt("/rdap", "mock-user-operator");
    const panel = await screen.findByRole("region", { name: "EPP ↔ RDAP consistency" }, { timeout: 10_000 });
    await userEvent.click(within(panel).getByRole("button", { name: "Check now" }));
    expect(await within(panel).findByText(/\(check now\)/)).toBeInTheDocument();
  });

  it("shows a viewer the check without the button", async () => {
    renderAt("/rdap", "mock-user-viewer");
    const panel = await screen.findByRole("region", { name: "EPP ↔ RDAP consistency" }, { timeout: 10_000 });
    expect(within(panel).queryByRole("button", { name: "Check now" })).toBeNull();
  });

  it.each([
    ["type=bogus", "Type", "“bogus”: not a query type"],
    ["sort=registrationDate:x", "Sort", '“registrationDate:x”: "registrationDate:x" is not property[:a|d]'],
    ["fieldSet=a%20b", "Field set", "“a b”: not a field set name"],
  ])(
    "%s is an error on its field, and nothing is looked up as if it applied",
    async (param, label, reason) => {
      renderAt(`/rdap?q=*.example&${param}`, "mock-user-viewer");
      const gate = await screen.findByRole("alert", { name: "Filters not applied" });
      expect(gate).toHaveTextContent(`${label}: ${reason}`);
      const field = screen.getByLabelText(label);
      expect(field).toHaveAttribute("aria-invalid", "true");
      expect(field).toHaveAccessibleDescription(expect.stringContaining(reason));
      expect(screen.queryByText(/Recognised as/)).toBeNull();
      expect(screen.queryByText(/Querying RDAP/)).toBeNull();
    },
  );

  it("a sort fixed in its field is looked up with it", async () => {
    renderAt("/rdap?q=*.example&sort=registrationDate:x", "mock-user-viewer");
    const sort = await screen.findByLabelText("Sort");
    expect(sort).toHaveValue("registrationDate:x");
    await userEvent.clear(sort);
    await userEvent.type(sort, "registrationDate:d");
    await userEvent.click(screen.getByRole("button", { name: "Look up" }));
    await waitFor(() =>
      expect(screen.getByTestId("location")).toHaveTextContent("sort=registrationDate%3Ad"),
    );
    expect(
      await screen.findByText(/domain search for \*\.example/, {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("alert", { name: "Filters not applied" })).toBeNull();
  });
});
