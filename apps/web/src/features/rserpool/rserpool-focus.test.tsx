/** `/rserpool?pool=…`, `?pool=…&pe=…` and `?registrar=…`, where RSerPool alerts link: the object is marked, with its alerts; an unknown one is said. */
import { rserpoolHref } from "@netops/protocols/rserpool";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockRouteHarness } from "../../test/mockRoute";
import { RserpoolPage } from "./RserpoolPage";

const at = mockRouteHarness();
const page = (url: string, alerts: Parameters<typeof at>[3] = {}) =>
  at("/rserpool", url, <RserpoolPage />, alerts);

describe("RSerPool focus", { timeout: 20_000 }, () => {
  it("marks the pool an alert links to and lists that pool's alerts", async () => {
    const href = rserpoolHref({ pool: "Example-EmptyPool" });
    expect(href).toBe("/rserpool?pool=Example-EmptyPool");
    page(href, {
      alerts: [
        {
          source: "rserpool",
          summary: "Pool Example-EmptyPool has no registered PE",
          links: [{ label: "Pool", href }],
        },
        {
          source: "rserpool",
          summary: "Another pool",
          links: [{ label: "Pool", href: rserpoolHref({ pool: "Other" }) }],
        },
      ],
    });
    const alerts = await screen.findByRole("region", { name: "Alerts" }, { timeout: 5000 });
    expect(
      await within(alerts).findByRole("link", { name: "Pool Example-EmptyPool has no registered PE" }),
    ).toBeInTheDocument();
    expect(within(alerts).queryByText("Another pool")).toBeNull();
    const marked = document.querySelectorAll('[aria-current="true"]');
    expect(marked).toHaveLength(1);
    expect(marked[0]).toHaveTextContent("Example-EmptyPool");
  });

  it("marks the registrar an alert links to", async () => {
    page(rserpoolHref({ registrar: "0x0000ccc3" }));
    const table = (await screen.findByRole("heading", { name: "Registrars" }, { timeout: 5000 })).closest(
      "section",
    ) as HTMLElement;
    const marked = within(table)
      .getAllByRole("row")
      .filter((r) => r.getAttribute("aria-current") === "true");
    expect(marked).toHaveLength(1);
    expect(marked[0]).toHaveTextContent("0x0000ccc3");
  });

  it("says which pool or registrar is unknown instead of ignoring it", async () => {
    page("/rserpool?pool=Nope&registrar=0xdeadbeef");
    expect(await screen.findByText(/No pool named Nope is known/, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(/No registrar 0xdeadbeef has been heard/)).toBeInTheDocument();
    expect(document.querySelectorAll('[aria-current="true"]')).toHaveLength(0);
  });
});
