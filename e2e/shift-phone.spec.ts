import { expect, test } from "@playwright/test";

// Issue 15, "Expected, and missing": the on-call view on a phone is compact cards (10 alerts took
// 4,249 px, ≈425 px a card), each with Ack and Silence on the card and inside the screen.
test.use({ viewport: { width: 390, height: 844 } });

test("on-call at 390 px: compact cards with Ack and Silence on each, nothing off-screen", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: /log in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/oncall");
  // The demo raises alerts of its own (an unreachable webhook receiver, the lab's pools and peers).
  const cards = page.locator(".oncall-card");
  await expect(cards.first()).toBeVisible({ timeout: 30_000 });
  // The demo's alerts change while the page is open (the lab raises and resolves its own), so the
  // cards are measured in one pass inside the page rather than one locator call at a time.
  const measured = await page.evaluate(() =>
    Array.from(document.querySelectorAll(".oncall-card")).map((card) => {
      const buttons = Array.from(card.querySelectorAll("[aria-label]"));
      const label = (re: RegExp) => buttons.find((b) => re.test(b.getAttribute("aria-label") ?? ""));
      const right = (el: Element | undefined) => (el ? el.getBoundingClientRect().right : -1);
      return {
        height: Math.round(card.getBoundingClientRect().height),
        firing: card.classList.contains("state-firing"),
        silenceRight: right(label(/^Silence alert \d+: .* for 1 hour$/)),
        ackRight: right(label(/^Acknowledge alert \d+:/)),
      };
    }),
  );
  expect(measured.length).toBeGreaterThan(0);
  const heights = measured.map((m) => m.height);
  for (const m of measured) {
    // Silence on every card, Acknowledge on every firing one, each inside the 390 px screen.
    expect(m.silenceRight).toBeGreaterThan(0);
    expect(m.silenceRight).toBeLessThanOrEqual(390);
    if (m.firing) {
      expect(m.ackRight).toBeGreaterThan(0);
      expect(m.ackRight).toBeLessThanOrEqual(390);
    }
  }
  test.info().annotations.push({ type: "oncall-card-heights", description: heights.join(", ") });
  console.log(`on-call card heights at 390 px: ${heights.join(", ")}`);
  // A long summary wraps to a few lines; no card comes near the 425 px of before.
  expect(Math.max(...heights)).toBeLessThanOrEqual(300);
  const ten = heights.slice(0, 10).reduce((a, b) => a + b, 0);
  expect(ten).toBeLessThanOrEqual(2_200);
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth ?? 390);
});

// The fields that show what an address got wrong (item 6), and the silence form's zone (item 4),
// fit a phone too.
test("field errors from the address and the silence form's zone fit 390 px", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: /log in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
  const visits: [string, string][] = [
    ["/registry/poll?message=abc", "#poll-message-error"],
    ["/registry/poll?message=999999", ".not-found"],
    ["/rdap?q=*.example&sort=registrationDate:x&fieldSet=a%20b", "#rdap-sort-error"],
    ["/alerts/silences?show=bogus", "#silence-show-error"],
    ["/alerts/silences", ".zone-note"],
    [`/timeline?entity=banana&severity=bogus`, "#timeline-entity-error"],
    [`/registry/domains?name=${"a".repeat(260)}`, "#domain-name-error"],
  ];
  const wide: string[] = [];
  for (const [url, shown] of visits) {
    await page.goto(url);
    await expect(page.locator(shown)).toBeVisible({ timeout: 20_000 });
    const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if ((sw ?? 0) > (iw ?? 0)) wide.push(`${url}: ${sw} px`);
  }
  expect(wide).toEqual([]);
});
