/** Errors shaped as the API shapes them (packages/api/src/trpc.ts errorFormatter). */
import type { AppRouter } from "@netops/api";
import { publicErrorMessage, toInputIssues } from "@netops/protocols";
import type { inferRouterError } from "@trpc/server";
import { type ErrorFormatterInput, type MockTrpcError, mockError } from "./trpc-msw";

export type NetopsErrorShape = inferRouterError<AppRouter>;
type NetopsIssue = NonNullable<NetopsErrorShape["data"]["issues"]>[number];

/** Mirrors the API's errorFormatter: no internal messages, zod issues in data. */
export function formatNetopsError({ error, shape }: ErrorFormatterInput): NetopsErrorShape {
  const issues = (error.extra.issues as NetopsIssue[] | undefined) ?? null;
  const message = publicErrorMessage(error.code, issues, shape.message);
  return {
    ...shape,
    message,
    data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, issues },
  };
}

/** A zod failure as the API reports it: BAD_REQUEST with the issues (paths joined by "."). */
export function invalid(error: {
  issues: readonly { path: PropertyKey[]; message: string; code: string }[];
}): MockTrpcError {
  return mockError("BAD_REQUEST", "Input validation failed", { issues: toInputIssues([...error.issues]) });
}
