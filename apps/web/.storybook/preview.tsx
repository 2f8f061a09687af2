import type { Decorator, Preview } from "@storybook/react-vite";
import { mswLoader } from "msw-storybook-addon/csf3";
import { MemoryRouter, Route, Routes } from "react-router";
import { applyTheme, type Theme } from "../src/lib/theme";
import "../src/styles.css";
import { StoryProviders } from "./providers";

/** Per-story routing: `parameters.route = { path: "/alerts/:id", initialEntries: ["/alerts/1"] }`. */
export interface RouteParameter {
  path?: string;
  initialEntries?: string[];
}

const withApp: Decorator = (Story, ctx) => {
  const route = (ctx.parameters.route ?? {}) as RouteParameter;
  applyTheme((ctx.globals.theme as Theme | undefined) ?? "light");
  return (
    // key: every story (and every re-render with new args) starts with an empty cache.
    <StoryProviders key={ctx.id}>
      <MemoryRouter initialEntries={route.initialEntries ?? ["/"]}>
        <Routes>
          <Route path={route.path ?? "*"} element={<Story />} />
        </Routes>
      </MemoryRouter>
    </StoryProviders>
  );
};

const preview: Preview = {
  // Starts the MSW worker (public/mockServiceWorker.js) once and installs each story's parameters.msw.
  loaders: [mswLoader()],
  decorators: [withApp],
  globalTypes: {
    theme: {
      description: "Colour theme",
      toolbar: {
        title: "Theme",
        icon: "mirror",
        items: [
          { value: "light", title: "Light", icon: "sun" },
          { value: "dark", title: "Dark", icon: "moon" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light" },
  parameters: {
    layout: "fullscreen",
    controls: { expanded: true },
  },
};

export default preview;
