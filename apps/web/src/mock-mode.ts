/**
 * Mock mode (`npm run dev:mock`, VITE_MOCK=1): the app runs against an in-memory mock API served by
 * an MSW service worker, with no backend. Invented data must never pass for real, so a fixed banner
 * says "MOCK DATA" on every page and the tab title is prefixed. Without VITE_MOCK this does nothing,
 * and the mock code stays in a chunk that is never loaded.
 */
export const MOCK_BANNER_ID = "netops-mock-banner";

export async function enableMocking(): Promise<void> {
  if (import.meta.env.VITE_MOCK !== "1") return;
  const { chosenScenario, startMockWorker } = await import("./mocks/browser");
  await startMockWorker();
  showMockBanner(chosenScenario());
}

/** A fixed banner that cannot be missed (and does not block clicks underneath). */
export function showMockBanner(scenario = "populated"): void {
  if (document.getElementById(MOCK_BANNER_ID)) return;
  const el = document.createElement("div");
  el.id = MOCK_BANNER_ID;
  el.setAttribute("role", "status");
  el.textContent = `MOCK DATA — no backend, everything shown here is invented (dev:mock, scenario: ${scenario})`;
  // CSSOM, not a style attribute: allowed by a CSP without 'unsafe-inline'.
  Object.assign(el.style, {
    position: "fixed",
    left: "0",
    right: "0",
    bottom: "0",
    zIndex: "2147483647",
    padding: "4px 12px",
    font: "bold 13px/1.4 system-ui, sans-serif",
    textAlign: "center",
    letterSpacing: "0.04em",
    color: "#000",
    background: "repeating-linear-gradient(135deg, #ffd400 0 16px, #ffb000 16px 32px)",
    borderTop: "2px solid #000",
    pointerEvents: "none",
  });
  document.body.appendChild(el);
  // Room below the page so the banner never covers its end.
  document.body.style.paddingBottom = "2.5em";
  document.documentElement.dataset.mock = "1";
  // Keep "[MOCK]" in front of whatever title the pages set.
  const prefix = () => {
    if (!document.title.startsWith("[MOCK] ")) document.title = `[MOCK] ${document.title}`;
  };
  prefix();
  const title = document.querySelector("title");
  if (title) new MutationObserver(prefix).observe(title, { childList: true });
}
