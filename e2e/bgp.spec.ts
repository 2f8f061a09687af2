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
