import { expect, test } from "@playwright/test";

// Against the demo: the console queries the lab RDAP server it started on loopback for `.example`,
// which publishes the lab EPP registry's objects (its demo domains and the RDAP demo portfolio).
test.beforeEach(async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: /log in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
});

const resultNames = (page: import("@playwright/test").Page) =>
  page.getByRole("table", { name: "Search results" }).locator("tbody tr summary");

test("searches *.example by registration date descending, pages twice, switches to the id field set", async ({
  page,
}) => {
  await page.goto("/rdap");
  await page.getByRole("searchbox", { name: "Query" }).fill("*.example");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByText("Recognised as:")).toContainText("domain search for *.example");
  await expect(page.getByText(/26 in total · showing 10 · sorted by name:a · field set full/)).toBeVisible();

  await page.getByLabel("Sort by").selectOption("registrationDate");
  await page.getByLabel("Order").selectOption("d");
  await expect(page).toHaveURL(/sort=registrationDate%3Ad/);
  await expect(page.getByText(/sorted by registrationDate:d/)).toBeVisible();
  // Newest first: the lab registry's four demo domains (registered at start, lab.example among
  // them), then its demo portfolio's newest, kilo.example (2023-08-29), then uniform.example.
  await expect(resultNames(page).first()).toHaveText(/^(netops-demo|shop-demo|other-customer|lab)\.example$/);
  await expect(resultNames(page).nth(4)).toHaveText("kilo.example");
  await expect(resultNames(page).nth(5)).toHaveText("uniform.example");

  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByText(/showing 20/)).toBeVisible();
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByText(/showing 26/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Next page" })).toHaveCount(0);

  await page.getByLabel("Field set").selectOption("id");
  await expect(page).toHaveURL(/fieldSet=id/);
  await expect(
    page.getByText(/26 in total · showing 10 · sorted by registrationDate:d · field set id/),
  ).toBeVisible();
  await expect(resultNames(page).nth(4)).toHaveText("kilo.example");
  // The id field set carries no status or events: the raw page shows only the keys.
  await page.getByRole("tab", { name: "Raw JSON" }).click();
  await expect(page.getByRole("tabpanel", { name: "Raw JSON" })).toContainText('"currentFieldSet": "id"');
  await expect(page.getByRole("tabpanel", { name: "Raw JSON" })).not.toContainText('"eventAction"');
});

test("looks up a lab domain, shows its redaction and follows to the registrar", async ({ page }) => {
  await page.goto("/rdap?q=alpha.example");
  await expect(page.getByText("Recognised as:")).toContainText("domain lookup for alpha.example");
  await expect(page.getByRole("region", { name: "Redactions" }).first()).toContainText("Registrant Email");
  await page.getByRole("button", { name: "Follow to registrar" }).click();
  await expect(page.getByRole("region", { name: "Registrar's record" })).toContainText(
    "contact1@lab.example",
  );
});

test("loads more as the list scrolls, following the server's cursor links", async ({ page }) => {
  await page.goto("/rdap?q=*.example");
  await expect(page.getByText(/26 in total · showing 10/)).toBeVisible();
  await page.getByLabel("Load more as I scroll").check();
  // Scroll the window itself: the sentinel element is re-rendered as pages arrive, so a handle
  // to it can go stale between two scrolls.
  const scrollToEnd = () => page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  // Pages may arrive faster than one per scroll; keep scrolling until all 26 are shown, which
  // takes at least two more cursor-link fetches (10 + 10 + 6).
  await expect(async () => {
    await scrollToEnd();
    await expect(page.getByText(/showing 26/)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("button", { name: "Next page" })).toHaveCount(0);
  // The page says where its RDAP answers come from.
  await expect(page.getByRole("region", { name: "RDAP status" })).toContainText("lab RDAP server");
});

test("the query box takes the row at 1440 px and fits the screen at 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/rdap");
  const box = page.getByRole("searchbox", { name: "Query" });
  // A 60-character name fits without scrolling inside the box (it was cut at about 200 px).
  expect((await box.boundingBox())?.width ?? 0).toBeGreaterThan(400);
  await page.setViewportSize({ width: 390, height: 844 });
  expect((await box.boundingBox())?.width ?? 0).toBeGreaterThan(250);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
