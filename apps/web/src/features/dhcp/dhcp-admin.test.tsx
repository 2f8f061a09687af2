/**
 * The DHCP page's operator and admin controls against the mock API (MSW in jsdom): what each role
 * sees, the forms, confirmation before removal, and the server's refusals shown with its message.
 */
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { dhcpPageHarness } from "./render-dhcp-page";

const renderAs = dhcpPageHarness();

const sourceCard = async (name: string) => {
  const list = await screen.findByRole("list", { name: "Sources" });
  const item = within(list)
    .getAllByRole("listitem")
    .find((li) => within(li).queryByText(name, { selector: "strong" }));
  if (!item) throw new Error(`no source card ${name}`);
  return item;
};

describe("DHCP page totals", () => {
  it("shows subnet and shared-network totals as the service sums them", async () => {
    renderAs("mock-user-viewer");
    const shared = await screen.findByRole("table", { name: "Shared networks" });
    const row = within(shared).getByText("example-campus").closest("tr");
    // 60 of 100 plus 10 of 50 in the two pools of the shared network.
    expect(row).toHaveTextContent("70 / 150");
    expect(within(row as HTMLElement).getByRole("meter")).toHaveAttribute("value", String((70 / 150) * 100));
    const subnets = screen.getByRole("table", { name: "Subnets" });
    expect(within(subnets).getByText("198.51.100.0/24").closest("tr")).toHaveTextContent("19 / 20");
    // Worst first.
    expect(within(subnets).getAllByRole("row")[1]).toHaveTextContent("198.51.100.0/24");
  });
});

describe("what each role sees (the server still decides)", () => {
  it("a viewer gets no controls at all", async () => {
    renderAs("mock-user-viewer");
    await sourceCard("example-kea");
    expect(screen.queryByRole("button", { name: /Poll now|Disable|Enable|^Remove/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Edit thresholds/ })).toBeNull();
    expect(screen.queryByRole("form", { name: "Add a DHCP source" })).toBeNull();
    expect(screen.getAllByText("80 / 90 %").length).toBeGreaterThan(0);
  });

  it("an operator may poll and set thresholds, but not add, disable or remove sources", async () => {
    renderAs("mock-user-operator");
    const card = await sourceCard("example-kea");
    expect(within(card).getByRole("button", { name: "Poll now" })).toBeInTheDocument();
    expect(within(card).queryByRole("button", { name: /Disable|Remove/ })).toBeNull();
    expect(screen.getAllByRole("button", { name: /Edit thresholds/ }).length).toBe(3);
    expect(screen.queryByRole("form", { name: "Add a DHCP source" })).toBeNull();
  });

  it("an admin whose role was lowered meanwhile sees the server's refusal", async () => {
    const api = renderAs("mock-user-admin");
    const card = await sourceCard("example-kea");
    api.state.sessionUserId = "mock-user-viewer";
    await userEvent.click(within(card).getByRole("button", { name: "Disable" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent(
      "this needs the admin role; you are viewer",
    );
  });
});

describe("rejected lease records", () => {
  it("viewers and operators see how many, not which lines", async () => {
    for (const user of ["mock-user-viewer", "mock-user-operator"] as const) {
      renderAs(user);
      const card = await sourceCard("example-dhcpd");
      expect(card).toHaveTextContent("1 record(s) rejected; admins see which lines and why.");
      expect(card).not.toHaveTextContent("month 13");
      expect(within(card).queryByRole("list", { name: "Rejected records of example-dhcpd" })).toBeNull();
      cleanup();
    }
  });

  it("an admin sees line, field and reason", async () => {
    renderAs("mock-user-admin");
    const card = await sourceCard("example-dhcpd");
    const list = within(card).getByRole("list", { name: "Rejected records of example-dhcpd" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["line 17: ends: month 13 does not exist"]);
  });
});

describe("sources (admin)", () => {
  it("refuses a lease file outside the configured folders with the server's message", async () => {
    renderAs("mock-user-admin");
    const f = within(await screen.findByRole("form", { name: "Add a DHCP source" }));
    await userEvent.type(f.getByLabelText("Name"), "peek");
    await userEvent.selectOptions(f.getByLabelText("Kind"), "dnsmasq-leases");
    await userEvent.type(f.getByLabelText("Lease file path"), "/etc/shadow");
    await userEvent.click(f.getByRole("button", { name: "Add source" }));
    expect(await f.findByRole("alert")).toHaveTextContent(
      "location: /etc/shadow is outside the lease-file folders (dhcp.leaseDirs: /var/lib/kea, /var/lib/dhcp, /var/lib/misc)",
    );
  });

  it("adds a source, and shows the server's message for a bad URL and a duplicate name", async () => {
    renderAs("mock-user-admin");
    const form = await screen.findByRole("form", { name: "Add a DHCP source" });
    const f = within(form);
    await userEvent.type(f.getByLabelText("Name"), "kea-site-b");
    await userEvent.type(f.getByLabelText("Control Agent URL or control socket path"), "ftp://kea.example/");
    await userEvent.click(f.getByRole("button", { name: "Add source" }));
    expect(await f.findByRole("alert")).toHaveTextContent(
      "location: a Kea Control Agent URL (http:// or https://) or the absolute path of a Kea control socket",
    );
    await userEvent.clear(f.getByLabelText("Control Agent URL or control socket path"));
    await userEvent.type(
      f.getByLabelText("Control Agent URL or control socket path"),
      "http://127.0.0.1:8001/",
    );
    await userEvent.selectOptions(f.getByLabelText("Service"), "dhcp6");
    await userEvent.click(f.getByRole("button", { name: "Add source" }));
    expect(await f.findByRole("status")).toHaveTextContent("Added source kea-site-b");
    expect(await sourceCard("kea-site-b")).toHaveTextContent("http://127.0.0.1:8001/");

    await userEvent.type(f.getByLabelText("Name"), "example-kea");
    await userEvent.selectOptions(f.getByLabelText("Kind"), "kea-memfile");
    await userEvent.type(f.getByLabelText("Lease file path"), "/var/lib/kea/kea-leases4.csv");
    await userEvent.click(f.getByRole("button", { name: "Add source" }));
    expect(await f.findByRole("alert")).toHaveTextContent("a source named example-kea exists");
  });

  it("refuses a staleness that is not a number before sending it", async () => {
    renderAs("mock-user-admin");
    const form = await screen.findByRole("form", { name: "Add a DHCP source" });
    const stale = within(form).getByLabelText("Stale after (s)");
    await userEvent.clear(stale);
    await userEvent.type(stale, "ten");
    expect(within(form).getByRole("alert")).toHaveTextContent("a whole number of seconds");
    expect(within(form).getByRole("button", { name: "Add source" })).toBeDisabled();
  });

  it("disables and enables a source", async () => {
    renderAs("mock-user-admin");
    const card = await sourceCard("example-dhcpd");
    await userEvent.click(within(card).getByRole("button", { name: "Disable" }));
    await waitFor(() => expect(within(card).getByText("disabled")).toBeInTheDocument());
    expect(within(card).getByRole("button", { name: "Poll now" })).toBeDisabled();
    await userEvent.click(within(card).getByRole("button", { name: "Enable" }));
    await waitFor(() => expect(within(card).queryByText("disabled")).toBeNull());
  });

  it("removes a source only after confirmation", async () => {
    renderAs("mock-user-admin");
    let card = await sourceCard("example-dhcpd");
    await userEvent.click(within(card).getByRole("button", { name: "Remove source example-dhcpd" }));
    expect(
      within(card).getByText("Remove example-dhcpd and its 2 stored leases and history?"),
    ).toBeInTheDocument();
    await userEvent.click(within(card).getByRole("button", { name: "Cancel" }));
    card = await sourceCard("example-dhcpd");
    await userEvent.click(within(card).getByRole("button", { name: "Remove source example-dhcpd" }));
    await userEvent.click(within(card).getByRole("button", { name: "Yes" }));
    await waitFor(() =>
      expect(within(screen.getByRole("list", { name: "Sources" })).queryByText("example-dhcpd")).toBeNull(),
    );
    expect(await sourceCard("example-kea")).toBeInTheDocument();
  });
});

describe("pool thresholds (operator)", () => {
  it("saves new thresholds and shows the server's refusal of warning above critical", async () => {
    renderAs("mock-user-operator");
    await userEvent.click(
      await screen.findByRole("button", { name: "Edit thresholds of 192.0.2.10–192.0.2.109" }),
    );
    const form = screen.getByRole("form", { name: "Thresholds of 192.0.2.10–192.0.2.109" });
    const f = within(form);
    await userEvent.clear(f.getByLabelText("Warning %"));
    await userEvent.type(f.getByLabelText("Warning %"), "95");
    await userEvent.click(f.getByRole("button", { name: "Save" }));
    expect(await f.findByRole("alert")).toHaveTextContent(
      "warnPct: the warning threshold must not be above the critical one",
    );
    await userEvent.clear(f.getByLabelText("Warning %"));
    await userEvent.type(f.getByLabelText("Warning %"), "50");
    await userEvent.clear(f.getByLabelText("Critical %"));
    await userEvent.type(f.getByLabelText("Critical %"), "55");
    await userEvent.click(f.getByRole("button", { name: "Save" }));
    // 60 % used is now past the critical threshold: the row says so.
    const row = (await screen.findByText("50 / 55 %")).closest("tr");
    expect(row).toHaveAttribute("data-level", "critical");
  });

  it("does not send a threshold that is not a whole number", async () => {
    renderAs("mock-user-operator");
    await userEvent.click(
      await screen.findByRole("button", { name: "Edit thresholds of 192.0.2.10–192.0.2.109" }),
    );
    const f = within(screen.getByRole("form", { name: "Thresholds of 192.0.2.10–192.0.2.109" }));
    await userEvent.clear(f.getByLabelText("Warning %"));
    await userEvent.type(f.getByLabelText("Warning %"), "8o");
    expect(f.getByRole("alert")).toHaveTextContent("whole percentages");
    expect(f.getByRole("button", { name: "Save" })).toBeDisabled();
  });
});
