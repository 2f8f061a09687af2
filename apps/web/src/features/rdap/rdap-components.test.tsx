import { type Entity, parseRdapText } from "@netops/protocols/rdap";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { MemoryRouter } from "react-router";
import { ConsistencyPanel } from "./ConsistencyPanel";
import { SearchResults } from "./SearchResults";
import { ContactCardView } from "./ContactCardView";
import { EventTimeline } from "./EventTimeline";
import { RdapStatusLine } from "./RdapStatusLine";
import { Redactions } from "./Redactions";
import { SearchControls } from "./SearchControls";

/** An entity as RFC 9083 §5.1 Figure 17 shows it (jCard per RFC 7095), through the real parser. */
function entity(): Entity {
  const text = JSON.stringify({
    rdapConformance: ["rdap_level_0"],
    objectClassName: "entity",
    handle: "XXXX",
    vcardArray: [
      "vcard",
      [
        ["version", {}, "text", "4.0"],
        ["fn", {}, "text", "Joe User"],
        ["n", {}, "text", ["User", "Joe", "", "", ["ing. jr", "M.Sc."]]],
        ["kind", {}, "text", "individual"],
        ["org", { type: "work" }, "text", "Example"],
        ["title", {}, "text", "Research Scientist"],
        [
          "adr",
          { type: "work", cc: "CA" },
          "text",
          ["", "Suite 1234", "4321 Rue Somewhere", "Quebec", "QC", "G1V 2M2", "Canada"],
        ],
        ["tel", { type: ["work", "voice"], pref: "1" }, "uri", "tel:+1-555-555-1234;ext=102"],
        ["email", { type: "work" }, "text", "joe.user@example.com"],
      ],
    ],
    roles: ["registrant"],
  });
  const r = parseRdapText(text);
  if (!r.ok) throw new Error(r.reason);
  return r.response.object as Entity;
}

describe("ContactCardView", () => {
  it("renders a jCard as a contact card: name, kind, roles, org, title, address, email, phone", () => {
    render(<ContactCardView card={entity().contact} roles={["registrant"]} />);
    const card = screen.getByRole("group", { name: "Contact Joe User" });
    expect(card).toHaveTextContent("Joe User · individual · registrant");
    expect(card).toHaveTextContent("Example");
    expect(card).toHaveTextContent("Research Scientist");
    expect(card).toHaveTextContent("4321 Rue Somewhere, Quebec, QC, G1V 2M2, Canada");
    expect(within(card).getByRole("link", { name: "joe.user@example.com" })).toHaveAttribute(
      "href",
      "mailto:joe.user@example.com",
    );
    expect(card).toHaveTextContent("work/voice: +1-555-555-1234 ext. 102");
  });

  it("says so when there is no card, instead of showing an empty one", () => {
    render(<ContactCardView card={undefined} />);
    expect(screen.getByText(/No contact card/).closest(".state-view")).toHaveClass("empty");
    expect(screen.queryByRole("group")).toBeNull();
  });
});

describe("EventTimeline", () => {
  it("lists events oldest first with the date as sent, whatever the order received", () => {
    render(
      <EventTimeline
        events={[
          { eventAction: "expiration", eventDate: "2027-03-01T00:00:00Z", links: [] },
          { eventAction: "registration", eventDate: "2021-03-01T12:30:00Z", links: [] },
          { eventAction: "last changed", eventDate: "2024-06-15T08:00:00Z", eventActor: "REG-1", links: [] },
        ]}
      />,
    );
    const items = within(screen.getByRole("list", { name: "Events" })).getAllByRole("listitem");
    expect(items.map((i) => i.textContent)).toEqual([
      "registration 2021-03-01",
      "last changed 2024-06-15 by REG-1",
      "expiration 2027-03-01",
    ]);
    expect(items[0]?.querySelector("time")).toHaveAttribute("datetime", "2021-03-01T12:30:00Z");
  });

  it("shows an unparseable date as sent and says when there are no events", () => {
    const { unmount } = render(
      <EventTimeline events={[{ eventAction: "registration", eventDate: "yesterday", links: [] }]} />,
    );
    expect(screen.getByRole("listitem")).toHaveTextContent("registration yesterday");
    unmount();
    render(<EventTimeline events={[]} />);
    expect(screen.getByText("No events.").closest(".state-view")).toHaveClass("empty");
  });
});

describe("Redactions", () => {
  it("shows each RFC 9537 redaction as withheld: name, method, reason and path", () => {
    render(
      <Redactions
        items={[
          {
            name: { type: "Registrant Email" },
            reason: { description: "lab registry policy" },
            prePath: "$.entities[?(@.roles[0]=='registrant')].vcardArray[1][?(@[0]=='email')]",
            method: "removal",
          },
          { name: { description: "Tech Phone" }, method: "emptyValue", postPath: "$.x" },
        ]}
      />,
    );
    const region = screen.getByRole("region", { name: "Redactions" });
    const items = within(region).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Registrant Email — removal: lab registry policy");
    expect(items[0]).toHaveTextContent("$.entities[?(@.roles[0]=='registrant')]");
    expect(items[1]).toHaveTextContent("Tech Phone — emptyValue $.x");
  });

  it("renders nothing when nothing was redacted", () => {
    const { container } = render(<Redactions items={[]} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe("SearchControls", () => {
  const params = { q: "*.example", type: "auto" as const, sort: "", fieldSet: "" };
  const metadata = {
    availableSorts: ["name", "registrationDate", "expirationDate"],
    availableFieldSets: ["id", "brief", "full"],
    currentSort: "name:a",
    currentFieldSet: "full",
  };

  it("fills the sort and field-set selectors from what the server offers, showing the current ones", () => {
    render(<SearchControls metadata={metadata} params={params} onChange={() => {}} />);
    const sort = screen.getByLabelText("Sort by") as HTMLSelectElement;
    expect([...sort.options].map((o) => o.value)).toEqual(["name", "registrationDate", "expirationDate"]);
    expect(sort.value).toBe("name");
    expect((screen.getByLabelText("Order") as HTMLSelectElement).value).toBe("a");
    const fs = screen.getByLabelText("Field set") as HTMLSelectElement;
    expect([...fs.options].map((o) => o.value)).toEqual(["id", "brief", "full"]);
    expect(fs.value).toBe("full");
  });

  it("asks for prop:direction and for a field set", async () => {
    const onChange = vi.fn();
    render(<SearchControls metadata={metadata} params={params} onChange={onChange} />);
    await userEvent.selectOptions(screen.getByLabelText("Sort by"), "registrationDate");
    expect(onChange).toHaveBeenLastCalledWith({ ...params, sort: "registrationDate:a" });
    await userEvent.selectOptions(screen.getByLabelText("Order"), "d");
    expect(onChange).toHaveBeenLastCalledWith({ ...params, sort: "name:d" });
    await userEvent.selectOptions(screen.getByLabelText("Field set"), "id");
    expect(onChange).toHaveBeenLastCalledWith({ ...params, fieldSet: "id" });
  });

  it("says when the server offers no sorting or field sets, rather than inventing them", () => {
    render(
      <SearchControls
        metadata={{ availableSorts: [], availableFieldSets: [] }}
        params={params}
        onChange={() => {}}
      />,
    );
    expect(screen.queryByLabelText("Sort by")).toBeNull();
    expect(screen.getByText("The server offers no sorting (RFC 8977).")).toBeInTheDocument();
    expect(screen.getByText("The server offers no field sets (RFC 8982).")).toBeInTheDocument();
  });
});

describe("RdapStatusLine", () => {
  it("shows rdap.status with a failed bootstrap refresh and the snapshot kept", () => {
    render(
      <RdapStatusLine
        status={{
          health: "ok",
          summary:
            "IANA bootstrap snapshot; no query yet; bootstrap refresh failed (kept the previous files): x",
          enabled: true,
          lab: false,
          bootstrap: {
            refreshUrl: "https://data.iana.org/rdap/",
            files: [{ kind: "dns", source: "snapshot", publication: "2025-01-01T00:00:00Z", at: null }],
            lastRefresh: {
              at: "2025-06-01T12:00:00.000Z",
              ok: false,
              failures: ["https://data.iana.org/rdap/dns.json: cannot resolve data.iana.org"],
            },
            refreshError: null,
          },
        }}
      />,
    );
    const s = screen.getByRole("region", { name: "RDAP status" });
    expect(s).toHaveTextContent("bootstrap refresh failed (kept the previous files)");
    expect(s).toHaveTextContent("Bootstrap (RFC 9224): shipped snapshot · last refresh failed");
    expect(within(s).getByRole("list", { name: "Bootstrap refresh failures" })).toHaveTextContent(
      "dns.json: cannot resolve data.iana.org",
    );
  });
});

describe("ConsistencyPanel", () => {
  it("lists each mismatching host with both address sets and a link to its host page", () => {
    render(
      <MemoryRouter>
        <ConsistencyPanel
          report={{
            at: "2025-06-01T12:05:00.000Z",
            skipped: null,
            checked: 3,
            outOfZone: 1,
            consistent: 2,
            findings: [
              {
                kind: "address-mismatch",
                connectionId: "c1",
                host: "ns1.shop.example",
                url: "https://rdap.example/nameserver/ns1.shop.example",
                epp: { v4: ["192.0.2.10"], v6: [] },
                rdap: { v4: ["192.0.2.11"], v6: [] },
                message: "addresses differ",
              },
            ],
            domainsChecked: 2,
            domainsConsistent: 1,
            domainFindings: [
              {
                kind: "expiry-mismatch",
                connectionId: "c1",
                domain: "shop.example",
                url: "https://rdap.example/domain/shop.example",
                epp: ["2026-06-08T06:00:00.000Z"],
                rdap: ["2027-06-08T06:00:00.000Z"],
                message: "expiry differs",
              },
            ],
            trigger: "schedule",
          }}
        />
      </MemoryRouter>,
    );
    const panel = screen.getByRole("region", { name: "EPP ↔ RDAP consistency" });
    expect(panel).toHaveTextContent("2 of 3 host(s) and 1 of 2 domain(s) consistent");
    // Times as <time> in the console's zone, never raw ISO text.
    expect(panel.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    expect(panel.querySelector("time")?.getAttribute("datetime")).toBe("2025-06-01T12:05:00.000Z");
    const domainItem = within(screen.getByRole("list", { name: "Consistency findings" })).getAllByRole(
      "listitem",
    )[1] as HTMLElement;
    expect(domainItem).toHaveTextContent("expiry differs");
    expect(within(domainItem).getByRole("link", { name: "shop.example" })).toHaveAttribute(
      "href",
      "/registry/domains?conn=c1&name=shop.example",
    );
    expect(screen.queryByRole("button", { name: "Check now" })).toBeNull();
    const item = within(screen.getByRole("list", { name: "Consistency findings" })).getAllByRole(
      "listitem",
    )[0] as HTMLElement;
    expect(item).toHaveTextContent("addresses differ");
    expect(item).toHaveTextContent("EPP 192.0.2.10 · RDAP 192.0.2.11");
    expect(within(item).getByRole("link", { name: "ns1.shop.example" })).toHaveAttribute(
      "href",
      "/registry/hosts/c1/ns1.shop.example",
    );
  });

  it("offers 'Check now' when given the check, and runs it", async () => {
    const run = vi.fn();
    render(<ConsistencyPanel report={null} check={{ run, pending: false, error: null }} />);
    await userEvent.click(screen.getByRole("button", { name: "Check now" }));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("says when nothing has been checked yet", () => {
    render(<ConsistencyPanel report={null} />);
    expect(screen.getByRole("region", { name: "EPP ↔ RDAP consistency" })).toHaveTextContent(
      "Not checked yet",
    );
  });
});

describe("SearchResults", () => {
  const domain = (name: string, registered?: string) =>
    ({
      objectClassName: "domain",
      ldhName: name,
      links: [],
      remarks: [],
      events: registered ? [{ eventAction: "registration", eventDate: registered, links: [] }] : [],
      status: ["active"],
      redacted: [],
      entities: [],
      nameservers: [],
      variants: [],
      publicIds: [],
    }) as never;

  it("shows the date the server sorted by, in a column marked as sorted", () => {
    render(
      <SearchResults
        results={[domain("b.example", "2024-02-01T00:00:00Z"), domain("a.example", "2023-01-01T00:00:00Z")]}
        currentSort="registrationDate:d"
        currentFieldSet="full"
        fullFieldSet="full"
      />,
    );
    const header = screen.getByRole("columnheader", { name: "Registered (sorted)" });
    expect(header).toHaveAttribute("aria-sort", "descending");
    expect(screen.getAllByRole("row")[1]?.querySelector("time")?.getAttribute("datetime")).toBe(
      "2024-02-01T00:00:00Z",
    );
  });

  it("says a field set without events cannot show the sorted date, and offers the full one", async () => {
    const full = vi.fn();
    render(
      <SearchResults
        results={[domain("b.example"), domain("a.example")]}
        currentSort="registrationDate:d"
        currentFieldSet="brief"
        fullFieldSet="full"
        onFullFieldSet={full}
      />,
    );
    expect(screen.getByTestId("fieldset-note")).toHaveTextContent(
      "The field set brief leaves out the events, so the registered date the server sorted by is not shown.",
    );
    expect(screen.getAllByText("not in field set brief")).toHaveLength(2);
    expect(screen.queryByText("—")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Show the full field set" }));
    expect(full).toHaveBeenCalledTimes(1);
  });
});
