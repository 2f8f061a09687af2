/** Shared bits for stories (and the story tests that render them). Mock data only. */
import { FIXTURE_BASE_TIME } from "@netops/mocks";
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
