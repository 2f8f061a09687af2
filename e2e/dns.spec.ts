import { expect, type Page, test } from "@playwright/test";

const ADMIN = { username: "admin", password: "e2e-admin-password" };

async function login(page: Page) {
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

// The demo seeds zones checked through the real path: files shipped in the repo and AXFR from
// the lab DNS server on loopback. corrupt.example. has a changed glue address, so its ZONEMD fails.
test("a corrupted zone copy shows as failed and raises an alert on the on-call view", async ({ page }) => {
  await page.goto("/dns");
  await login(page);
  await expect(page.getByRole("heading", { name: "DNS zones", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "corrupt.example." });
  await expect(row).toContainText("digest mismatch");
  await expect(page.getByRole("row").filter({ hasText: "verified.example." })).toContainText("verified");
  await expect(page.getByRole("row").filter({ hasText: "plain.example." })).toContainText("no ZONEMD");
  await expect(page.getByRole("row").filter({ hasText: "lab.example." })).toContainText("lab-secondary");

  await row.getByRole("link", { name: "corrupt.example." }).click();
  await expect(page.getByRole("heading", { name: "corrupt.example." })).toBeVisible();
  await expect(page.getByText(/copy rejected \(enforce mode\)/).first()).toBeVisible();
  await expect(page.getByRole("img", { name: /Check history/ })).toBeVisible();
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("cell", { name: "manual" }).first()).toBeVisible();

  await page.goto("/oncall");
  await expect(page.getByText(/ZONEMD verification failed for corrupt\.example\./).first()).toBeVisible();
});
