import { expect, type Page, test } from "@playwright/test";

const ADMIN = { username: "admin", password: "e2e-admin-password" };
// The demo seed enables demo users; the real security check raises this warning for them.
const DEMO_ALERT = /Demo users are enabled/;

async function login(page: Page) {
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("a logged-out deep link lands on login, then on that link", async ({ page }) => {
  await page.goto("/alerts?state=firing&source=system");
  await expect(page).toHaveURL(/\/login\?next=/);
  await login(page);
  await expect(page).toHaveURL(/\/alerts\?state=firing&source=system$/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
});

test("log in, see the overview and a firing alert, acknowledge it, see it move, log out", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await login(page);
  await expect(page).toHaveURL(/\/$/);
  // Health tiles come from the real API.
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByText("DNS zones").first()).toBeVisible();
  // The demo's firing alert, raised by a background check through the real alert service.
  await expect(page.getByText(DEMO_ALERT).first()).toBeVisible();

  await page.goto("/alerts?state=firing");
  const row = page.getByRole("row").filter({ hasText: DEMO_ALERT });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /^Acknowledge/ }).click();
  // It leaves the firing list…
  await expect(page.getByRole("row").filter({ hasText: DEMO_ALERT })).toHaveCount(0);
  // …and shows up as acknowledged, by admin.
  await page.goto("/alerts?state=acknowledged");
  const acked = page.getByRole("row").filter({ hasText: DEMO_ALERT });
  await expect(acked).toBeVisible();
  await expect(acked).toContainText(/admin/);

  await page.locator("summary").filter({ hasText: "admin" }).click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The session is gone on the server too: a deep link needs a login again.
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/login\?next=/);
});

test("the on-call view lists active alerts worst first with one-tap ack", async ({ page }) => {
  await page.goto("/oncall");
  await login(page);
  await expect(page).toHaveURL(/\/oncall$/);
  await expect(page.getByText(DEMO_ALERT).first()).toBeVisible();
});

test("the colours follow the system's dark mode until the theme button pins one", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto("/login");
  // styles.css: --bg is light-dark(#f6f7f9, #10141a).
  await expect.poll(background).toBe("rgb(16, 20, 26)");
  await login(page);
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect.poll(background).toBe("rgb(246, 247, 249)");
  // The choice outlives a reload, against the system's preference.
  await page.reload();
  await expect.poll(background).toBe("rgb(246, 247, 249)");
  await context.close();
});
