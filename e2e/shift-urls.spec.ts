import { expect, type Page, test } from "@playwright/test";

// Issue 15 ("An operator's shift"), items 4 and 6 in a real browser against the demo:
// a time range in the URL names its zone, so a link shows the same BGP events with the browser in
// UTC and in Europe/Berlin; a zone-less one is refused on its field (lib/timeRange); the console's
// UTC/local switch changes how times are written, not which events are shown, and is remembered;
// an invalid filter is an error on its field, not the unfiltered list.

async function logIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: /log in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Every BGP event time the server holds (the lab's replay has finished once the count stops moving). */
async function eventTimes(page: Page): Promise<number[]> {
  const read = async () => {
    const input = encodeURIComponent(JSON.stringify({ limit: 500 }));
    const r = await page.request.get(`/api/trpc/bgp.events?input=${input}`);
    expect(r.ok()).toBe(true);
    const body = (await r.json()) as { result: { data: { items: { at: string }[] } } };
    return body.result.data.items.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
  };
  let last: number[] = [];
  await expect(async () => {
    const a = await read();
    await page.waitForTimeout(1000);
    const b = await read();
    last = b;
    expect(b.length).toBeGreaterThan(3);
    expect(b.length).toBe(a.length);
  }).toPass({ timeout: 45_000 });
  return last;
}

/**
 * A window holding the newest few events only (so a filtered page differs from an unfiltered one),
 * its ends between event times so no boundary rule is tested by accident.
 */
function windowOf(times: number[]): { from: number; to: number; count: number } {
  const distinct = [...new Set(times)];
  const k = Math.max(1, Math.min(5, Math.floor(distinct.length / 2)));
  const first = distinct[distinct.length - k] as number;
  const before = distinct[distinct.length - k - 1] as number;
  const from = Math.floor((before + first) / 2);
  const to = (distinct[distinct.length - 1] as number) + 60_000;
  return { from, to, count: times.filter((t) => t >= from && t <= to).length };
}

const z = (ms: number) => new Date(ms).toISOString();
/** The same instant written with a +01:00 offset (as a Berlin operator might paste it). */
function plus1(ms: number): string {
  return `${new Date(ms + 3_600_000).toISOString().slice(0, 23)}+01:00`;
}

const shownCount = (page: Page) => page.getByText(/^\d+ events? shown/);

for (const timezoneId of ["UTC", "Europe/Berlin"]) {
  test.describe(`browser in ${timezoneId}`, () => {
    test.use({ timezoneId });

    test("a zoned /bgp?from=…&to=… shows the same events, in Z or +01:00", async ({ page }) => {
      await logIn(page);
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);
      const times = await eventTimes(page);
      const w = windowOf(times);
      expect(w.count).toBeLessThan(times.length);
      const expected = new RegExp(`^${w.count} events? shown`);
      await page.goto(`/bgp?from=${z(w.from)}&to=${z(w.to)}`);
      await expect(shownCount(page)).toHaveText(expected);
      await page.goto(`/bgp?from=${encodeURIComponent(plus1(w.from))}&to=${encodeURIComponent(plus1(w.to))}`);
      await expect(shownCount(page)).toHaveText(expected);
    });

    test("a zone-less range is refused on its field, with no events shown", async ({ page }) => {
      await logIn(page);
      await page.goto("/bgp?from=2026-12-06T12:09&to=2026-12-06T13:09");
      const from = page.getByLabel("From", { exact: true });
      await expect(from).toHaveValue("2026-12-06T12:09");
      await expect(from).toHaveAttribute("aria-invalid", "true");
      await expect(page.locator(`#${await from.getAttribute("aria-describedby")}`)).toHaveText(
        "“2026-12-06T12:09”: no time zone: add Z for UTC or an offset such as +01:00 (2026-12-06T12:09Z)",
      );
      await expect(page.getByRole("alert", { name: "Filters not applied" })).toBeVisible();
      await expect(shownCount(page)).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Event time: Invalid time range" })).toBeVisible();
    });
  });
}

test.describe("the UTC/local switch", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("keeps the events, writes the range in local time, and is remembered after a reload", async ({
    page,
  }) => {
    await logIn(page);
    const w = windowOf(await eventTimes(page));
    const expected = new RegExp(`^${w.count} events? shown`);
    const url = `/bgp?from=${z(w.from)}&to=${z(w.to)}`;
    await page.goto(url);
    await expect(shownCount(page)).toHaveText(expected);
    const picker = page.getByRole("button", { name: /^Event time: / });
    await expect(picker).toHaveAccessibleName(/UTC → .* UTC$/);
    await page.getByRole("button", { name: "Show times in local time (Europe/Berlin)" }).click();
    await expect(page.getByRole("button", { name: "Show times in UTC" })).toHaveText("Times: local");
    await expect(picker).toHaveAccessibleName(/GMT\+1 → .* GMT\+1$/);
    await expect(shownCount(page)).toHaveText(expected);
    // The URL still carries the instants in UTC: the switch is how times are written, not which.
    expect(new URL(page.url()).search).toBe(new URL(url, "http://x").search);
    await page.reload();
    await expect(page.getByRole("button", { name: "Show times in UTC" })).toHaveText("Times: local");
    await expect(picker).toHaveAccessibleName(/GMT\+1 → .* GMT\+1$/);
    await expect(shownCount(page)).toHaveText(expected);
    // Back to UTC for whoever uses this browser profile next.
    await page.getByRole("button", { name: "Show times in UTC" }).click();
    await expect(
      page.getByRole("button", { name: "Show times in local time (Europe/Berlin)" }),
    ).toBeVisible();
  });
});

test.describe("invalid filters in the URL (item 6)", () => {
  for (const cidr of ["198.18.10.0/99", "banana"]) {
    test(`/dhcp?cidr=${cidr} is an error on the CIDR field, not the unfiltered lease list`, async ({
      page,
    }) => {
      await logIn(page);
      await page.goto(`/dhcp?cidr=${encodeURIComponent(cidr)}`);
      // The lease filter's field (each source's "add a subnet" form has one of that name too).
      const field = page.locator("#lease-cidr");
      await expect(field).toHaveValue(cidr);
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(page.locator("#lease-cidr-error")).toHaveText(
        "not a subnet in CIDR notation (10.0.0.0/16)",
      );
      await expect(page.getByRole("alert", { name: "Filters not applied" })).toContainText("Subnet (CIDR)");
      // The pools (not filtered by it) load; the leases do not.
      await expect(page.getByRole("table", { name: "Pools" })).toBeVisible();
      await expect(page.getByRole("table", { name: "Leases" })).toHaveCount(0);
      await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
    });
  }

  test("a valid CIDR lists the leases in it", async ({ page }) => {
    await logIn(page);
    await page.goto("/dhcp?cidr=198.18.20.0/24");
    const leases = page.getByRole("table", { name: "Leases" });
    await expect(leases).toContainText("198.18.20.");
    await expect(page.locator("#lease-cidr")).not.toHaveAttribute("aria-invalid");
  });
});
