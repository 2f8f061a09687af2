/** Issue 15 item 6 on /search: a query the address gives too long is cut to the limit and said so on the field. */
import { SEARCH_INPUT_MAX } from "@netops/protocols";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockRouteHarness } from "../../test/mockRoute";
import { SearchPage } from "./SearchPage";

const renderRoute = mockRouteHarness({ onUnhandledRequest: "bypass" });
const renderAt = (url: string) => renderRoute("/search", url, <SearchPage />);

describe("/search?q=", () => {
  it("a query longer than the limit is cut, and the field says so", async () => {
    renderAt(`/search?q=${"a".repeat(SEARCH_INPUT_MAX + 5)}`);
    const box = await screen.findByRole("searchbox", { name: "Search" });
    expect(box).toHaveValue("a".repeat(SEARCH_INPUT_MAX));
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(box).toHaveAccessibleDescription(`The address's query was cut to ${SEARCH_INPUT_MAX} characters.`);
  });

  it("a query within the limit has no error", async () => {
    renderAt("/search?q=ns1.example");
    const box = await screen.findByRole("searchbox", { name: "Search" });
    expect(box).toHaveValue("ns1.example");
    expect(box).not.toHaveAttribute("aria-invalid");
  });
});
