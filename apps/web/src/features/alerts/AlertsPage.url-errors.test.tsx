/** Issue 15 item 6: an alert filter the URL gets wrong is an error on its field, never every alert as if filtered. */
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockRouteHarness } from "../../test/mockRoute";
import { AlertsPage } from "./AlertsPage";

const renderRoute = mockRouteHarness();
const renderAt = (url: string) => renderRoute("/alerts", url, <AlertsPage />);

describe("alert filters in the URL", () => {
  it("an unknown severity is an error on the Severity field and no alerts are listed", async () => {
    renderAt("/alerts?severity=critcal");
    const gate = await screen.findByRole("alert", { name: "Filters not applied" });
    expect(gate).toHaveTextContent(/Severity: ignored “critcal” \(allowed: critical, warning, info\)/);
    expect(screen.getByRole("group", { name: "Severity" })).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("group", { name: "Severity" })).toHaveAccessibleDescription(/ignored “critcal”/);
    expect(screen.queryByText(/alerts? shown/)).toBeNull();
    expect(screen.queryByRole("link", { name: /Export alerts/ })).toBeNull();
  });

  it("valid filters list alerts and offer their export", async () => {
    renderAt("/alerts?severity=critical");
    expect(await screen.findByText(/alerts? shown/, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Export alerts as CSV" }).getAttribute("href")).toContain(
      "/api/export/alerts.csv?input=",
    );
  });
});
