import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { gotoShortcuts } from "./shortcuts";
import { Shortcuts } from "./Shortcuts";

function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

function renderShell() {
  render(
    <MemoryRouter initialEntries={["/"]}>
      <Shortcuts />
      <input aria-label="Some field" />
      <Routes>
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe("keyboard shortcuts", () => {
  it("lists them under ?, with going to pages, search and acknowledging the focused alert", async () => {
    const user = userEvent.setup();
    renderShell();
    await user.keyboard("?");
    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(within(dialog).getByText("Alerts")).toBeInTheDocument();
    expect(within(dialog).getByText("Search the console")).toBeInTheDocument();
    expect(within(dialog).getByText("Search and commands, also while typing in a field")).toBeInTheDocument();
    expect(within(dialog).getByText("Acknowledge the focused alert (operators)")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Close" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("goes to a page with g then its letter, but not while typing", async () => {
    const user = userEvent.setup();
    renderShell();
    await user.keyboard("ga");
    expect(screen.getByTestId("where")).toHaveTextContent("/alerts");
    await user.keyboard("gc");
    expect(screen.getByTestId("where")).toHaveTextContent("/oncall");
    await user.click(screen.getByRole("textbox", { name: "Some field" }));
    await user.keyboard("go?");
    expect(screen.getByTestId("where")).toHaveTextContent("/oncall");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("gives every page its own letter", () => {
    const keys = gotoShortcuts().map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(gotoShortcuts().map((s) => s.to)).toEqual(
      expect.arrayContaining(["/", "/alerts", "/dns", "/bgp"]),
    );
  });
});
