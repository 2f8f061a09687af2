/**
 * Console-configured subnets of file sources on the DHCP page, against the mock API (MSW in jsdom):
 * adding one and seeing it listed, the server's refusals shown next to the form, removal after
 * confirmation, and what each role sees.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { dhcpPageHarness } from "./render-dhcp-page";

const renderAs = dhcpPageHarness();

/** The subnet section of example-dhcpd's card (a dhcpd.leases file source). */
const subnets = () => screen.findByRole("region", { name: "Subnets of example-dhcpd" });

async function openForm() {
  const section = await subnets();
  await userEvent.click(within(section).getByText("Add a subnet to example-dhcpd"));
  return within(within(section).getByRole("form", { name: "Add a subnet to example-dhcpd" }));
}

describe("subnets of a file source", () => {
  it("lists the console's subnet with its pool; a Kea API source has no subnet editor", async () => {
    renderAs("mock-user-viewer");
    const table = within(await subnets()).getByRole("table", { name: "Subnets of example-dhcpd" });
    const row = within(table).getByText("198.51.100.0/24").closest("tr");
    expect(row).toHaveTextContent("198.51.100.20–198.51.100.39 (20)");
    expect(screen.queryByRole("region", { name: "Subnets of example-kea" })).toBeNull();
  });

  it("a viewer gets no add form and no remove buttons", async () => {
    renderAs("mock-user-viewer");
    const section = await subnets();
    expect(within(section).queryByRole("button", { name: /^Remove subnet/ })).toBeNull();
    expect(within(section).queryByText("Add a subnet to example-dhcpd")).toBeNull();
  });

  it("an operator adds a subnet and sees it listed, in the card and in the pools table", async () => {
    renderAs("mock-user-operator");
    const f = await openForm();
    await userEvent.type(f.getByLabelText("Subnet (CIDR)"), " 203.0.113.0/25 ");
    // Blank lines and spaces around ranges are dropped before sending.
    await userEvent.type(
      f.getByLabelText("Pools, one per line"),
      "  203.0.113.10-203.0.113.50{enter}{enter}203.0.113.64/27  ",
    );
    await userEvent.type(f.getByLabelText("Shared network (optional)"), "example-lab");
    await userEvent.click(f.getByRole("button", { name: "Add subnet" }));
    expect(await f.findByRole("status")).toHaveTextContent("Added subnet 203.0.113.0/25 to example-dhcpd.");
    // The form is emptied for the next one.
    expect(f.getByLabelText("Subnet (CIDR)")).toHaveValue("");
    const table = within(await subnets()).getByRole("table", { name: "Subnets of example-dhcpd" });
    const row = (await within(table).findByText("203.0.113.0/25")).closest("tr") as HTMLElement;
    expect(row).toHaveTextContent("example-lab");
    expect(row).toHaveTextContent("203.0.113.10–203.0.113.50 (41)");
    expect(row).toHaveTextContent("203.0.113.64–203.0.113.95 (32)");
    const pools = screen.getByRole("table", { name: "Pools" });
    expect(within(pools).getByText("203.0.113.64–203.0.113.95")).toBeInTheDocument();
  });

  it("shows the server's refusal next to the form, with the line of the pool it names", async () => {
    renderAs("mock-user-operator");
    const f = await openForm();
    await userEvent.type(f.getByLabelText("Subnet (CIDR)"), "203.0.113.0/25");
    await userEvent.type(
      f.getByLabelText("Pools, one per line"),
      "203.0.113.10-203.0.113.50{enter}{enter}203.0.113.90-203.0.113.20",
    );
    await userEvent.click(f.getByRole("button", { name: "Add subnet" }));
    expect(await f.findByRole("alert")).toHaveTextContent(
      'Could not add the subnet: invalid inputpools.1: pool "203.0.113.90-203.0.113.20": first address is after the last',
    );
    const pools = f.getByLabelText("Pools, one per line");
    expect(pools).toHaveAttribute("aria-invalid", "true");
    expect(pools).toHaveAccessibleDescription(
      'Line 3: pool "203.0.113.90-203.0.113.20": first address is after the last',
    );
    expect(f.getByLabelText("Subnet (CIDR)")).not.toHaveAttribute("aria-invalid");

    // A prefix overlapping the source's own subnet: the refusal is not a field issue, shown as is.
    await userEvent.clear(f.getByLabelText("Subnet (CIDR)"));
    await userEvent.type(f.getByLabelText("Subnet (CIDR)"), "198.51.100.128/25");
    await userEvent.clear(pools);
    await userEvent.type(pools, "198.51.100.200-198.51.100.210");
    await userEvent.click(f.getByRole("button", { name: "Add subnet" }));
    await waitFor(() =>
      expect(f.getByRole("alert")).toHaveTextContent(
        "cidr: 198.51.100.128/25 overlaps 198.51.100.0/24, already configured for this source",
      ),
    );
    expect(within(await subnets()).queryByText("198.51.100.128/25")).toBeNull();
  });

  it("does not send a subnet without pools", async () => {
    renderAs("mock-user-operator");
    const f = await openForm();
    await userEvent.type(f.getByLabelText("Subnet (CIDR)"), "203.0.113.0/25");
    await userEvent.type(f.getByLabelText("Pools, one per line"), "   {enter}  ");
    await userEvent.click(f.getByRole("button", { name: "Add subnet" }));
    expect(f.getByRole("alert")).toHaveTextContent("Pools: at least one range, one per line.");
    // Nothing was sent: the typed prefix is still there and no "added" status appeared.
    expect(f.getByLabelText("Subnet (CIDR)")).toHaveValue("203.0.113.0/25");
    expect(f.queryByRole("status")).toBeNull();
  });

  it("removes a subnet only after confirmation, with its pools", async () => {
    renderAs("mock-user-operator");
    const section = await subnets();
    const remove = () =>
      within(section).getByRole("button", { name: "Remove subnet 198.51.100.0/24 of example-dhcpd" });
    await userEvent.click(remove());
    expect(
      within(section).getByText(
        "Remove 198.51.100.0/24 and its 1 pool(s) with their thresholds and utilization history? The leases stay.",
      ),
    ).toBeInTheDocument();
    await userEvent.click(within(section).getByRole("button", { name: "Cancel" }));
    await userEvent.click(remove());
    await userEvent.click(within(section).getByRole("button", { name: "Yes" }));
    await waitFor(() => expect(within(section).queryByText("198.51.100.0/24")).toBeNull());
    expect(within(section).getByText(/None yet/)).toBeInTheDocument();
    expect(
      within(screen.getByRole("table", { name: "Pools" })).queryByText("198.51.100.20–198.51.100.39"),
    ).toBeNull();
  });

  it("shows the server's refusal of a removal (the role was lowered meanwhile)", async () => {
    const api = renderAs("mock-user-operator");
    const section = await subnets();
    api.state.sessionUserId = "mock-user-viewer";
    await userEvent.click(
      within(section).getByRole("button", { name: "Remove subnet 198.51.100.0/24 of example-dhcpd" }),
    );
    await userEvent.click(within(section).getByRole("button", { name: "Yes" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "Could not remove the subnet: not allowedthis needs the operator role; you are viewer",
    );
    expect(within(section).getByText("198.51.100.0/24")).toBeInTheDocument();
  });
});
