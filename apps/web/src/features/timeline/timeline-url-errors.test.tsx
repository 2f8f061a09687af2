/** Issue 15 item 6 on the timeline: a filter the address gets wrong is an error on its field, never every event. */
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockRouteHarness } from "../../test/mockRoute";
import { TimelinePage } from "./TimelinePage";

const renderRoute = mockRouteHarness();
const renderAt = (url: string) => renderRoute("/timeline", url, <TimelinePage />);

describe("timeline filters in the URL", () => {
  it("entity=banana is an error on the entity field, and no events are shown", async () => {
    renderAt("/timeline?from=now-7d&entity=banana");
    const gate = await screen.findByRole("alert", { name: "Filters not applied" });
    expect(gate).toHaveTextContent("About: “banana”: not an entity");
    const field = screen.getByLabelText("Entity value");
    expect(field).toHaveValue("banana");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(/not an entity: write type:value/);
    expect(screen.queryByText(/events? shown/)).toBeNull();
    expect(screen.queryByRole("note", { name: "Address not understood" })).toBeNull();
  });

  it("severity=bogus is an error on the severities, and no events are shown", async () => {
    renderAt("/timeline?from=now-7d&severity=bogus");
    const gate = await screen.findByRole("alert", { name: "Filters not applied" });
    expect(gate).toHaveTextContent("Severities: ignored “bogus”");
    const group = screen.getByRole("group", { name: "Severities" });
    expect(group).toHaveAttribute("aria-invalid", "true");
    expect(group).toHaveAccessibleDescription(/ignored “bogus”/);
    expect(screen.queryByText(/events? shown/)).toBeNull();
  });

  it("valid filters show events", async () => {
    renderAt("/timeline?from=now-30d&severity=info,warning,critical");
    expect(await screen.findByText(/events? shown/, {}, { timeout: 5000 })).toBeInTheDocument();
  });
});
