/**
 * Issue 15 item 6: `/dhcp?cidr=198.18.10.0/99` or `cidr=banana` showed every lease as if filtered.
 * An invalid filter is an error on its field, the lease table is not shown, and no export is offered.
 */
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { dhcpPageHarness } from "./render-dhcp-page";

const renderPage = dhcpPageHarness();

describe("lease filters the URL gets wrong", () => {
  it.each(["198.18.10.0/99", "banana"])(
    "cidr=%s: the field shows it with the reason, and no leases",
    async (cidr) => {
      renderPage("mock-user-viewer", `/dhcp?cidr=${encodeURIComponent(cidr)}`);
      const field = await screen.findByLabelText("Subnet (CIDR)");
      expect(field).toHaveValue(cidr);
      expect(field).toHaveAttribute("aria-invalid", "true");
      expect(field).toHaveAccessibleDescription(/not a subnet in CIDR notation/);
      expect(await screen.findByRole("alert", { name: "Filters not applied" })).toHaveTextContent(
        "Subnet (CIDR)",
      );
      expect(screen.queryByRole("table", { name: "Leases" })).toBeNull();
      expect(screen.queryByRole("link", { name: "Export CSV" })).toBeNull();
    },
  );

  it("a state the URL names wrongly is an error on the State field", async () => {
    renderPage("mock-user-viewer", "/dhcp?state=bogus");
    expect(await screen.findByRole("alert", { name: "Filters not applied" })).toHaveTextContent(/State: /);
    expect(screen.getByLabelText("State")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("table", { name: "Leases" })).toBeNull();
  });

  it("a CIDR typed wrongly is refused on the field; a good one filters", async () => {
    renderPage("mock-user-viewer", "/dhcp");
    expect(await screen.findByRole("table", { name: "Leases" })).toBeInTheDocument();
    const field = screen.getByLabelText("Subnet (CIDR)");
    fireEvent.change(field, { target: { value: "10.0.0.0/33" } });
    expect(field).toHaveAttribute("aria-invalid", "true");
    fireEvent.change(field, { target: { value: "198.51.100.0/24" } });
    expect(field).not.toHaveAttribute("aria-invalid");
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    await waitFor(() =>
      expect(screen.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
        "href",
        expect.stringContaining("cidr=198.51.100.0%2F24"),
      ),
    );
  }, 20_000);
});
