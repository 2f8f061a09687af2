/**
 * Renders every story of every *.stories.tsx file (composeStories + the Storybook preview: providers,
 * router, theme), runs its play function, and checks it shows what its state promises
 * (`parameters.expected`: loading indicator, empty message, error message or content).
 *
 * In the browser, msw-storybook-addon's loader starts a service worker; here the same loader gets an
 * msw/node server instead, so each story's `parameters.msw.handlers` answer its tRPC calls in jsdom.
 * jsdom has no EventSource, so tRPC's httpSubscriptionLink gets a fetch-based one (also served by MSW).
 */
import { FetchEventSource } from "@netops/mocks";
import { composeStories, type Meta, setProjectAnnotations } from "@storybook/react-vite";
import { cleanup, screen, waitFor } from "@testing-library/react";
import type { SetupWorker } from "msw/browser";
import { setupServer } from "msw/node";
import { mswLoader } from "msw-storybook-addon/csf3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import preview from "../.storybook/preview";
import type { StoryExpectation } from "./mocks/stories";

const server = setupServer();

setProjectAnnotations([{ ...preview, loaders: [mswLoader(() => server as unknown as SetupWorker)] }]);

type StoryModule = { default: Meta } & Record<string, unknown>;
/** The parts of a composed story the test uses. */
type ComposedStory = { parameters: Record<string, unknown>; run: () => Promise<void> };
const modules = import.meta.glob<StoryModule>("./**/*.stories.tsx", { eager: true });

const g = globalThis as { EventSource?: unknown };
const hadEventSource = "EventSource" in g;
beforeAll(() => {
  server.listen({
    onUnhandledRequest: (req, print) => {
      // Only the API is mocked; anything else a story fetches is a mistake.
      if (new URL(req.url).pathname.startsWith("/api/")) print.error();
      else print.warning();
    },
  });
  if (!hadEventSource) g.EventSource = FetchEventSource;
});
afterEach(() => {
  server.resetHandlers();
  cleanup();
});
afterAll(() => {
  server.close();
  if (!hadEventSource) delete g.EventSource;
});

describe("the test environment", () => {
  it("resolves relative URLs like the browser (jsdom has an http origin)", () => {
    expect(location.origin).toMatch(/^http:\/\/localhost(:\d+)?$/);
    expect(new URL("/api/trpc", location.href).href).toBe(`${location.origin}/api/trpc`);
  });

  it("finds the story files", () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(4);
  });
});

for (const [file, mod] of Object.entries(modules)) {
  describe(file, () => {
    const stories = Object.entries(composeStories(mod as Parameters<typeof composeStories>[0])) as [
      string,
      ComposedStory,
    ][];
    it("has stories", () => expect(stories.length).toBeGreaterThan(0));

    for (const [name, Story] of stories) {
      it(`${name} renders, plays and shows its ${(Story.parameters.expected as StoryExpectation | undefined)?.state ?? "?"} state`, async () => {
        const expected = Story.parameters.expected as StoryExpectation | undefined;
        expect(expected, `${file} ${name}: set parameters.expected (see src/mocks/stories.ts)`).toBeDefined();
        if (!expected) return;

        const consoleError = vi.spyOn(console, "error");
        try {
          await Story.run();
          const found = await screen.findAllByText(expected.text, {}, { timeout: 4000 });
          expect(found.length).toBeGreaterThan(0);

          const alerts = screen.queryAllByRole("alert");
          switch (expected.state) {
            case "loading":
              // Still loading after the wait (the loading scenario never answers), and no error shown.
              await new Promise((r) => setTimeout(r, 50));
              expect(screen.getAllByRole("status").length).toBeGreaterThan(0);
              expect(screen.getAllByText(expected.text).length).toBeGreaterThan(0);
              expect(alerts).toHaveLength(0);
              break;
            case "error":
              await waitFor(() => expect(screen.getAllByRole("alert").length).toBeGreaterThan(0));
              break;
            case "empty":
            case "populated":
              expect(alerts, "no error is shown").toHaveLength(0);
              // Sections that load on their own (a change log, a chart) finish too.
              await waitFor(
                () => expect(screen.queryByText(/^Loading/), "nothing is still loading").toBeNull(),
                {
                  timeout: 4000,
                },
              );
              break;
            case "interaction":
              break;
          }
          const reactErrors = consoleError.mock.calls.filter((args) =>
            args.some((a) => /(Warning|Error):|act\(|Uncaught/.test(String(a))),
          );
          expect(reactErrors, "no React errors or warnings").toEqual([]);
        } finally {
          consoleError.mockRestore();
        }
      });
    }
  });
}
