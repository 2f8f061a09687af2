import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { makeSubsystem } from "../../test/fixtures";
import { renderWithRouter } from "../../test/render";
import { HealthTiles } from "./HealthTiles";

describe("HealthTiles", () => {
  const subsystems = [
    makeSubsystem({ subsystem: "dns", href: "/dns" }),
    makeSubsystem({
      subsystem: "alerts",
      health: "degraded",
      summary: "1 silenced, 1 webhook receiver",
      firing: { critical: 1, warning: 2, info: 0 },
      acknowledged: 2,
      href: "/alerts",
    }),
    makeSubsystem({
      subsystem: "system",
      health: "failing",
      summary: "1 job(s) failing: purge",
      firing: { critical: 1, warning: 0, info: 0 },
      href: "/settings/system",
    }),
    makeSubsystem({ subsystem: "bgp", health: "ok", summary: "all fine", href: "/bgp" }),
  ];

  it("shows one tile per subsystem with a link to its section", () => {
    renderWithRouter(<HealthTiles subsystems={subsystems} />);
    expect(screen.getAllByRole("listitem")).toHaveLength(4);
    expect(screen.getByRole("link", { name: "DNS zones" })).toHaveAttribute("href", "/dns");
    expect(screen.getByRole("link", { name: "System" })).toHaveAttribute("href", "/settings/system");
  });

  it("states health in words, not only colour", () => {
    renderWithRouter(<HealthTiles subsystems={subsystems} />);
    expect(screen.getByText("Not configured")).toBeInTheDocument();
    expect(screen.getByText("Degraded")).toBeInTheDocument();
    expect(screen.getByText("Failing")).toBeInTheDocument();
    expect(screen.getByText("OK")).toBeInTheDocument();
  });

  it("shows summaries and firing (not silenced) counts, acknowledged apart", () => {
    renderWithRouter(<HealthTiles subsystems={subsystems} />);
    const alerts = screen.getByRole("link", { name: "Alerts" }).closest("li") as HTMLElement;
    expect(within(alerts).getByText("1 silenced, 1 webhook receiver")).toBeInTheDocument();
    expect(within(alerts).getByText("1 critical, 2 warning firing, 2 acknowledged")).toBeInTheDocument();
    const dns = screen.getByRole("link", { name: "DNS zones" }).closest("li") as HTMLElement;
    expect(within(dns).getByText("Not built yet")).toBeInTheDocument();
    expect(within(dns).getByText("None firing")).toBeInTheDocument();
  });
});
