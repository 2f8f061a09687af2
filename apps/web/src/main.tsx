// The shared base first: feature stylesheets, imported by their components, come after it.
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { applyTheme, storedTheme } from "./lib/theme";
import { enableMocking } from "./mock-mode";

// Before the first paint: a remembered theme choice (without one, CSS follows the system).
applyTheme(storedTheme());

await enableMocking();

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
