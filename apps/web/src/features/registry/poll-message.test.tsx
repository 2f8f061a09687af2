/**
 * The poll queue's address (issue 15, items 6 and the alert links): `?message=N` opens that message
 * (marked, scrolled to and focused; fetched by id when the list does not hold it), an unknown id says
 * so with a way back, and a value the URL gets wrong is an error on its field, not the whole queue.
 */
import { createMockApi, populatedState } from "@netops/mocks";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { RegistryPollPage } from "./RegistryPollPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const scrolled = vi.fn();
beforeEach(() => {
  scrolled.mockClear();
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled(this);
  };
});

function Location() {
  const l = useLocation();
  return <output data-testid="location">{l.pathname + l.search}</output>;
}

function renderAt(url: string, user: "mock-user-viewer" | "mock-user-operator" = "mock-user-viewer") {
  server.use(...createMockApi({ state: populatedState(user) }).handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>
        <Location />
        <Routes>
          <Route path="/registry/poll" element={<RegistryPollPage />} />
        </Routes>
      </MemoryRouter>
    </StoryProviders>,
  );
}

describe("?message= on the poll queue", () => {
  it("marks the linked message, scrolls to it and focuses it", async () => {
    renderAt("/registry/poll?message=1");
    const card = await screen.findByRole("listitem", { name: "Message 101" }, { timeout: 5000 });
    expect(card).toHaveAttribute("aria-current", "true");
    await waitFor(() => expect(card).toHaveFocus());
    expect(scrolled).toHaveBeenCalledWith(card);
    expect(screen.getByRole("listitem", { name: "Message 102" })).not.toHaveAttribute("aria-current");
    expect(screen.getByLabelText("Message")).toHaveValue("1");
  });

  it("fetches the message by id when the list does not hold it (acknowledged since)", async () => {
    renderAt("/registry/poll?message=2", "mock-user-operator");
    const card = await screen.findByRole("listitem", { name: "Message 102" }, { timeout: 5000 });
    expect(card).toHaveAttribute("aria-current", "true");
    await userEvent.click(within(card).getByRole("button", { name: "Acknowledge 102" }));
    // Gone from the default list (unacknowledged only), still shown as the linked message.
    const linked = await screen.findByRole("list", { name: "Linked message" });
    const again = within(linked).getByRole("listitem", { name: "Message 102" });
    expect(again).toHaveAttribute("aria-current", "true");
    expect(again).toHaveTextContent(/Acknowledged by/);
    expect(
      within(screen.getByRole("list", { name: "Poll messages" })).queryByText(/shop\.example requested/),
    ).toBeNull();
  });

  it("an unknown id says there is no such message, with a way back", async () => {
    renderAt("/registry/poll?message=999");
    expect(
      await screen.findByRole("heading", { name: "No poll message 999" }, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Show the poll queue" })).toHaveAttribute(
      "href",
      "/registry/poll",
    );
  });

  it.each([
    ["abc", "“abc”: not a message number"],
    ["0", "“0”: not a message number"],
    ["1.5", "“1.5”: not a message number"],
  ])("message=%s is an error on the Message field and lists nothing", async (value, reason) => {
    renderAt(`/registry/poll?message=${value}`);
    const gate = await screen.findByRole("alert", { name: "Filters not applied" });
    expect(gate).toHaveTextContent(`Message: ${reason}`);
    const field = screen.getByLabelText("Message");
    expect(field).toHaveValue(value);
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(reason);
    expect(screen.queryByRole("list", { name: "Poll messages" })).toBeNull();
  });

  it("acked=maybe is an error on its checkbox, not every message as if filtered", async () => {
    renderAt("/registry/poll?acked=maybe");
    const gate = await screen.findByRole("alert", { name: "Filters not applied" });
    expect(gate).toHaveTextContent("Show acknowledged messages");
    expect(screen.getByRole("checkbox", { name: "show acknowledged messages" })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(screen.queryByRole("list", { name: "Poll messages" })).toBeNull();
  });

  it("the field fixes the address: a typed id opens that message, an empty one the whole queue", async () => {
    renderAt("/registry/poll?message=abc");
    const field = await screen.findByLabelText("Message");
    await userEvent.clear(field);
    await userEvent.type(field, "x1");
    await userEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(field).toHaveAccessibleDescription("“x1”: not a message number");
    expect(screen.getByTestId("location")).toHaveTextContent("/registry/poll?message=abc");
    await userEvent.clear(field);
    await userEvent.type(field, "2");
    await userEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(screen.getByTestId("location")).toHaveTextContent("/registry/poll?message=2");
    expect(await screen.findByRole("listitem", { name: "Message 102" })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await userEvent.clear(field);
    await userEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(screen.getByTestId("location").textContent).toBe("/registry/poll");
  });
});
