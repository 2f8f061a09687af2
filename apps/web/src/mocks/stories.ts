/** Shared bits for stories (and the story tests that render them). Mock data only. */
import { createMockApi, FIXTURE_BASE_TIME, type MockApi, populatedState, scenarios } from "@netops/mocks";
import type { AnyHandler } from "msw";

/** A fixed "now" for relative times in presentational stories: the fixtures' base time. */
export const STORY_NOW = Date.parse(FIXTURE_BASE_TIME);

export type StoryState = "loading" | "empty" | "error" | "populated" | "interaction";

/** What the story must show: src/stories.test.tsx checks it for every story. */
export interface StoryExpectation {
  state: StoryState;
  /** Text that must appear (exact string match on an element, or a pattern). */
  text: string | RegExp;
}

/** `parameters: { ...expects("empty", "No alerts.") }` */
export function expects(state: StoryState, text: string | RegExp): { expected: StoryExpectation } {
  return { expected: { state, text } };
}

/** `parameters: { ...withMsw(scenarios.populated()) }` */
export function withMsw(handlers: AnyHandler[]): { msw: { handlers: AnyHandler[] } } {
  return { msw: { handlers } };
}

/**
 * `parameters: { ...inScenario("empty", "No alerts.") }`: that scenario's mock API and what it must show.
 * Call it once a story: each call builds a fresh mock API, so stories do not share its state.
 */
export function inScenario(
  state: Exclude<StoryState, "interaction">,
  text: string | RegExp,
): ReturnType<typeof withMsw> & ReturnType<typeof expects> {
  return { ...withMsw(scenarios[state]()), ...expects(state, text) };
}

/** `parameters: { ...atRoute("/alerts/:id", "/alerts/1") }`: the route the story renders at (the preview's `route`). */
export function atRoute(
  path: string,
  entry: string = path,
): { route: { path: string; initialEntries: string[] } } {
  return { route: { path, initialEntries: [entry] } };
}

/**
 * A mock API for stories that change its data, with `reset` for their `beforeEach`: its store outlives a
 * story visit, so each visit starts again from the populated data.
 */
export function resettableMockApi(): MockApi & { reset: () => void } {
  const api = createMockApi();
  return {
    ...api,
    reset: () => {
      Object.assign(api.state, populatedState());
    },
  };
}
