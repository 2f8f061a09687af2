import { expect, test } from "@playwright/test";

// Demo mode: the lab BMP speaker replays a recorded GoBGP stream into the real collector.
test("the BGP page shows a demo shutdown message and its detail", async ({ page }) => {
  await page.goto("/bgp?q=NET-4004");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "BGP shutdown communications", level: 1 })).toBeVisible();
  const text = "GoBGP maintenance: planned shutdown (ticket NET-4004)";
  await expect(page.getByText(text).first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole("row").filter({ hasText: text }).first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /BGP event \d+/ })).toBeVisible();
  await expect(page.getByText("53 of 255")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Decoded NOTIFICATION" })).toBeVisible();
  await expect(page.getByText(`Cease/Administrative Shutdown (6/2): "${text}"`)).toBeVisible();
});

// The time range picker sits inside the filter form: it must not be a form of its own (forms do
// not nest), and Enter in its fields applies the range without submitting what else was typed.
test("the BGP filters nest no form; Enter in the time range applies the range alone", async ({ page }) => {
  await page.goto("/bgp");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "BGP shutdown communications", level: 1 })).toBeVisible();
  await page.getByLabel("Router").fill("typed-not-submitted");
  await page.getByRole("button", { name: /Event time/ }).click();
  expect(await page.locator("form form").count()).toBe(0);
  await page.getByLabel("From", { exact: true }).fill("now-6h");
  await page.getByLabel("From", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/[?&]from=now-6h/);
  expect(new URL(page.url()).searchParams.get("router")).toBeNull();
  await expect(page.getByRole("button", { name: "Event time: Last 6 hours" })).toBeVisible();
  // The page's Search still submits the text filters and keeps the range.
  await page.getByLabel("Event", { exact: true }).selectOption("notification");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]kind=notification/);
  expect(new URL(page.url()).searchParams.get("from")).toBe("now-6h");
});
