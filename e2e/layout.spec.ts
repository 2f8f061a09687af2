/**
 * Every route at 390 px (a phone) and 1440 px, light and dark: a full-page screenshot of each (in
 * .test-results/layout/, gitignored: look at them) and a failure when the page is wider than the
 * viewport (document.documentElement.scrollWidth > innerWidth), naming the elements that stick out.
 * Wide content (tables, code) must scroll inside its own container, long words must break.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { LAYOUT_ROUTES, LAYOUT_STATES, type RouteVisit } from "./layout-routes";

const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", ".test-results", "layout");
const WIDTHS = [390, 1440] as const;
const THEMES = ["light", "dark"] as const;

async function login(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Waits until the page shows its heading (or an error in its place) and no loading indicator; the
 * live stream never lets the network go idle.
 */
async function settled(page: Page) {
  await expect(page.locator("main h1, main [role=alert]").first()).toBeVisible();
  await expect(page.locator(".state-view.loading")).toHaveCount(0, { timeout: 20_000 });
  // Fonts and late layout (charts sized from their container) before measuring.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(r))));
}

/** Where a visit leads: the page itself, or the first link on it matching `link`. */
async function open(page: Page, visit: RouteVisit): Promise<string> {
  await page.goto(visit.path);
  if (!visit.link) return visit.path;
  await settled(page);
  const re = visit.link;
  const hrefs = await page
    .locator("a[href]")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => re.test(h));
  expect(href, `a link matching ${re} on ${visit.path}`).toBeDefined();
  await page.goto(href as string);
  return href as string;
}

/**
 * The elements that reach past the right edge, outermost first: those outside any scrolling
 * container, and positioned ones inside one (an absolutely positioned child escapes a scroller that
 * is not its containing block, and widens the page).
 */
function overflowReport(): { scrollWidth: number; innerWidth: number; culprits: string[] } {
  const vw = window.innerWidth;
  const scrolls = (el: Element) => getComputedStyle(el).overflowX !== "visible";
  const culprits: string[] = [];
  const walk = (el: Element, scroller: Element | null) => {
    for (const child of Array.from(el.children)) {
      const r = child.getBoundingClientRect();
      const pos = getComputedStyle(child).position;
      // Positioned inside a scroller, it escapes only when its containing block is outside it.
      const op = child instanceof HTMLElement ? child.offsetParent : null;
      const escapes = (pos === "absolute" || pos === "fixed") && (!op || op.contains(scroller));
      if (r.right > vw + 0.5 && r.width > 0 && (!scroller || escapes)) {
        const cls =
          typeof child.className === "string" && child.className
            ? `.${child.className.trim().split(/\s+/).join(".")}`
            : "";
        const text = (child.textContent ?? "").trim().slice(0, 40);
        culprits.push(`${child.tagName.toLowerCase()}${cls} right=${Math.round(r.right)} "${text}"`);
      }
      walk(child, scroller ?? (scrolls(child) ? child : null));
    }
  };
  walk(document.body, null);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: vw,
    culprits: culprits.slice(0, 8),
  };
}

const visits = [...Object.entries(LAYOUT_ROUTES), ...Object.entries(LAYOUT_STATES)];
const fileName = (name: string) =>
  name === "/" ? "overview" : name === "*" ? "not-found" : name.replace(/^\//, "").replace(/[/:*]+/g, "_");

for (const width of WIDTHS) {
  for (const theme of THEMES) {
    test(`no page is wider than the viewport at ${width} px, ${theme}`, async ({ browser }) => {
      test.setTimeout(300_000);
      const dir = path.join(SHOTS, `${width}-${theme}`);
      mkdirSync(dir, { recursive: true });
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
      const page = await context.newPage();
      const wide: string[] = [];
      for (const loggedOut of [true, false]) {
        if (!loggedOut) await login(page);
        for (const [name, visit] of visits) {
          if (Boolean(visit.loggedOut) !== loggedOut) continue;
          const at = await open(page, visit);
          await settled(page);
          if (visit.fill) await page.getByLabel(visit.fill[0]).fill(visit.fill[1]);
          const r = await page.evaluate(overflowReport);
          await page.screenshot({ path: path.join(dir, `${fileName(name)}.png`), fullPage: true });
          if (r.scrollWidth > r.innerWidth)
            wide.push(`${name} (${at}): ${r.scrollWidth} px wide\n      ${r.culprits.join("\n      ")}`);
          for (const button of visit.onScreen ?? []) {
            const box = await page.getByRole("button", { name: button }).first().boundingBox();
            if (!box || box.x < 0 || box.x + box.width > width)
              wide.push(
                `${name} (${at}): the ${button} button is off screen (${box ? `x ${Math.round(box.x)}–${Math.round(box.x + box.width)}` : "missing"})`,
              );
          }
        }
      }
      await context.close();
      expect(wide, `pages wider than ${width} px:\n  ${wide.join("\n  ")}`).toEqual([]);
    });
  }
}
