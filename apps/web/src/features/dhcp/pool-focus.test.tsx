/** `/dhcp?pool=N`, where pool alerts link: the pool is highlighted; a bad or unknown id is said, not ignored. */
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { dhcpPageHarness } from "./render-dhcp-page";

const renderPage = dhcpPageHarness();

const poolRows = async () => within(await screen.findByRole("table", { name: "Pools" })).getAllByRole("row");

describe("DHCP pool focus (?pool=)", { timeout: 20_000 }, () => {
  it("highlights the pool an alert links to and says which it is", async () => {
    renderPage("mock-user-viewer", "/dhcp?pool=2");
    const focused = (await poolRows()).filter((r) => r.getAttribute("aria-current") === "true");
    expect(focused).toHaveLength(1);
    expect(focused[0]).toHaveTextContent("198.51.100.20–198.51.100.39");
    const note = screen.getAllByRole("status").find((el) => /is highlighted/.test(el.textContent ?? ""));
    expect(note).toHaveTextContent(
      /Pool 198\.51\.100\.20–198\.51\.100\.39 of example-dhcpd \(id 2\) is highlighted/,
    );
    expect(screen.getByLabelText("Highlight pool")).toHaveValue("2");
  });

  it("highlights nothing without ?pool= and moves the highlight from the field", async () => {
    renderPage("mock-user-viewer", "/dhcp");
    expect((await poolRows()).some((r) => r.hasAttribute("aria-current"))).toBe(false);
    await userEvent.selectOptions(screen.getByLabelText("Highlight pool"), "3");
    const focused = (await poolRows()).filter((r) => r.getAttribute("aria-current") === "true");
    expect(focused[0]).toHaveTextContent("203.0.113.10–203.0.113.59");
  });

  it("puts a malformed pool id on the field as an error", async () => {
    renderPage("mock-user-viewer", "/dhcp?pool=banana");
    await poolRows();
    const field = screen.getByLabelText("Highlight pool");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(
      screen.getByText(/a pool is given by its id, a whole number such as 2; the address said pool=banana/),
    ).toBeInTheDocument();
  });

  it("says there is no such pool for an unknown id", async () => {
    renderPage("mock-user-viewer", "/dhcp?pool=99");
    expect((await poolRows()).some((r) => r.hasAttribute("aria-current"))).toBe(false);
    expect(screen.getByText(/There is no pool with id 99/)).toBeInTheDocument();
  });
});

describe("DHCP source focus (?source=)", { timeout: 20_000 }, () => {
  it("marks the source a source alert links to, and filters its leases", async () => {
    renderPage("mock-user-viewer", "/dhcp?source=2");
    const sources = await screen.findByRole("list", { name: "Sources" });
    const marked = within(sources)
      .getAllByRole("listitem")
      .filter((li) => li.getAttribute("aria-current") === "true");
    expect(marked).toHaveLength(1);
    expect(marked[0]).toHaveTextContent("example-dhcpd");
    expect(screen.getByLabelText("Server")).toHaveValue("2");
  });
});
