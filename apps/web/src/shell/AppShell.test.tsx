import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderWithRouter } from "../test/render";
import { AppShell } from "./AppShell";

describe("AppShell", () => {
  it("has a skip link, the main nav and marks the current section", () => {
    renderWithRouter(
      <AppShell user={{ username: "alice", role: "operator" }} firingCount={3} live="live">
        <h1>Page</h1>
      </AppShell>,
      "/alerts/silences",
    );
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main");
    expect(document.getElementById("main")).toHaveAttribute("tabindex", "-1");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(nav).toBeInTheDocument();
    const alerts = screen.getByRole("link", { name: /^Alerts/ });
    expect(alerts).toHaveAttribute("aria-current", "page");
    expect(alerts).toHaveTextContent("3 firing");
    expect(screen.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current");
    expect(screen.getByText("Live")).toBeInTheDocument();
  });

  it("shows the user and logs out", async () => {
    const user = userEvent.setup();
    const onLogout = vi.fn();
    renderWithRouter(
      <AppShell user={{ username: "alice", role: "admin" }} onLogout={onLogout}>
        x
      </AppShell>,
    );
    const summary = screen.getByText("alice", { selector: ".user-name" });
    await user.click(summary);
    await user.click(screen.getByRole("button", { name: "Log out" }));
    expect(onLogout).toHaveBeenCalledOnce();
  });

  it("hides the badge when nothing fires", () => {
    renderWithRouter(
      <AppShell user={null} firingCount={0}>
        x
      </AppShell>,
    );
    expect(screen.getByRole("link", { name: "Alerts" })).toHaveTextContent(/^Alerts$/);
  });
});
