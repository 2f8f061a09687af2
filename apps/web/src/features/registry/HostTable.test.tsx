import { registryHostFixture } from "@netops/mocks";
import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { HostTable } from "./HostTable";

describe("HostTable", () => {
  it("pages a long host list (100 rows a page) instead of rendering every row", () => {
    const hosts = Array.from({ length: 250 }, (_, i) => registryHostFixture({ name: `ns${i}.example.test` }));
    render(
      <MemoryRouter>
        <HostTable hosts={hosts} />
      </MemoryRouter>,
    );
    const table = screen.getByRole("table", { name: "Host objects" });
    expect(table.querySelectorAll("tbody tr")).toHaveLength(100);
    expect(
      within(screen.getByRole("navigation", { name: "Table pages" })).getByRole("button", { name: "Next" }),
    ).toBeEnabled();
  });
});
