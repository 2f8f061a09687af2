import { expect, test } from "@playwright/test";

// Against the demo: 192.0.2.53 is glue of a lab registry host, an A record in the lab zones, an RDAP
// name server's address, a lab lease and a lab BGP peer (README, "Search").
test.beforeEach(async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: /log in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
});

test("one address across the console: search, its page, a lease and back, its timeline kept on reload", async ({
  page,
}) => {
  await page.goto("/");
  // Paste the address into the top bar's search box: the palette opens with it.
  await page.getByRole("searchbox", { name: /Search/ }).click();
  await page.keyboard.insertText("192.0.2.53");
  const palette = page.getByRole("dialog", { name: "Search and commands" });
  await expect(palette.getByRole("combobox")).toHaveValue("192.0.2.53");
  await expect(palette.getByRole("option").first()).toContainText("Everything about address 192.0.2.53");
  await expect(palette.getByRole("group", { name: "DHCP" })).toBeVisible();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/ip\/192\.0\.2\.53$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("192.0.2.53");
  const sections = page.locator("section.entity-section");
  // Collectors fill some sections a moment after start: wait for four subsystems.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/known to \d+ section/)).toBeVisible();
    const subsystems = await sections.evaluateAll(
      (els) => new Set(els.map((e) => e.getAttribute("data-subsystem"))).size,
    );
    expect(subsystems).toBeGreaterThanOrEqual(4);
  }).toPass({ timeout: 45_000 });
  for (const section of await sections.all())
    await expect(section).toContainText(/Data refreshed|last refreshed is not known/);

  // A lease of this address, and back.
  const lease = page
    .locator('section.entity-section[data-subsystem="dhcp"] a[href^="/dhcp/leases/"]')
    .first();
  await lease.click();
  await expect(page).toHaveURL(/\/dhcp\/leases\//);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("192.0.2.53");
  await page.goBack();
  await expect(page).toHaveURL(/\/ip\/192\.0\.2\.53$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("192.0.2.53");

  // The timeline of this address, last hour: the range stays in the URL over a reload.
  await page.getByRole("link", { name: "Open in the timeline" }).click();
  await expect(page).toHaveURL(/\/timeline\?.*entity=ip%3A192\.0\.2\.53/);
  await page.getByRole("button", { name: /^Timeline range:/ }).click();
  await page.getByRole("button", { name: "Last 1 hour" }).click();
  await expect(page).toHaveURL(/from=now-1h/);
  await page.reload();
  await expect(page).toHaveURL(/from=now-1h/);
  await expect(page.getByRole("button", { name: "Timeline range: Last 1 hour" })).toBeVisible();
  await expect(page.getByRole("link", { name: "192.0.2.53" }).first()).toBeVisible();
  await expect(page.getByText(/events? shown|No events in this range/)).toBeVisible();
});

test("/ and Ctrl-K open the palette on any page; a page can be reached by name", async ({ page }) => {
  await page.goto("/dhcp");
  // The shell (and its key handler) is up once its search box shows.
  await expect(page.getByRole("searchbox", { name: /Search/ })).toBeVisible();
  await page.keyboard.press("/");
  const palette = page.getByRole("dialog", { name: "Search and commands" });
  await expect(palette).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  await page.keyboard.press("Control+k");
  await page.keyboard.type("timeline");
  await expect(palette.getByRole("option").first()).toContainText("Timeline");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/timeline$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Timeline");
});
