/**
 * Issue 15 item 4 on the silence form: its times follow the console's UTC/local switch, say which
 * zone they are in, and reach the server as an instant. The same typed time in UTC mode is the same
 * instant with the browser in UTC or in Europe/Berlin; in local mode it is read in the browser's zone.
 * The browser's zone is process.env.TZ (Node re-reads it when it changes).
 */
import { createMockApi, type MockState, populatedState } from "@netops/mocks";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { setZoneMode } from "../../lib/timeZoneMode";
import { SilencesPage } from "./SilencesPage";

const server = setupServer();
const TZ = process.env.TZ;
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  process.env.TZ = TZ;
  act(() => setZoneMode("utc"));
});
afterAll(() => server.close());

function renderForm(): MockState {
  const state = populatedState("mock-user-operator");
  server.use(...createMockApi({ state }).handlers);
  render(
    <StoryProviders>
      <MemoryRouter initialEntries={['/alerts/silences?matchers=source%3D"bgp"']}>
        <SilencesPage />
      </MemoryRouter>
    </StoryProviders>,
  );
  return state;
}

/** Types a start in the form's field, as a datetime-local input gives it (no zone), and saves. */
async function scheduleAt(text: string) {
  const start = await screen.findByLabelText(/^Starts/);
  fireEvent.change(start, { target: { value: text } });
  await userEvent.type(screen.getByLabelText("Comment (why)"), "maintenance");
}

async function saved(state: MockState, before: number) {
  await userEvent.click(screen.getByRole("button", { name: "Create silence" }));
  await screen.findByRole("status", {}, { timeout: 5000 });
  await waitFor(() => expect(state.silences.length).toBe(before + 1));
  return state.silences[state.silences.length - 1];
}

describe("the silence form's times", () => {
  it.each(["UTC", "Europe/Berlin"])(
    "in UTC mode, 2030-06-01 14:00 is 14:00Z with the browser in %s, and the field says UTC",
    async (tz) => {
      process.env.TZ = tz;
      act(() => setZoneMode("utc"));
      const state = renderForm();
      const before = state.silences.length;
      await scheduleAt("2030-06-01T14:00");
      expect(screen.getByLabelText(/^Starts/)).toHaveAccessibleName("Starts (empty: now) (UTC)");
      expect(screen.getByText(/Times in UTC, as everywhere in the console/)).toBeInTheDocument();
      const s = await saved(state, before);
      expect(s?.startsAt).toBe("2030-06-01T14:00:00.000Z");
      expect(s?.endsAt).toBe("2030-06-01T16:00:00.000Z");
    },
  );

  it("in local mode in Europe/Berlin, the field names the zone and 14:00 is 12:00Z (summer time)", async () => {
    process.env.TZ = "Europe/Berlin";
    act(() => setZoneMode("local"));
    const state = renderForm();
    const before = state.silences.length;
    await scheduleAt("2030-06-01T14:00");
    expect(screen.getByLabelText(/^Starts/)).toHaveAccessibleName(
      "Starts (empty: now) (Europe/Berlin, GMT+2)",
    );
    expect(screen.getByText("= 2030-06-01 12:00 UTC")).toBeInTheDocument();
    expect((await saved(state, before))?.startsAt).toBe("2030-06-01T12:00:00.000Z");
  });

  it("switching the zone rewrites the field, not the instant", async () => {
    process.env.TZ = "Europe/Berlin";
    act(() => setZoneMode("utc"));
    const state = renderForm();
    const before = state.silences.length;
    await scheduleAt("2030-06-01T14:00");
    await userEvent.click(screen.getByRole("button", { name: /Show times in local time/ }));
    expect(screen.getByLabelText(/^Starts/)).toHaveValue("2030-06-01T16:00");
    expect(screen.getByLabelText(/^Starts/)).toHaveAccessibleName(/Europe\/Berlin, GMT\+2/);
    expect((await saved(state, before))?.startsAt).toBe("2030-06-01T14:00:00.000Z");
  });
});
