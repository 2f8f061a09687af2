/**
 * Issue 15: a time range in the URL means the same instants in every browser (item 4), and a filter
 * the URL gets wrong is an error on its field, never results that look filtered but are not (item 6).
 */
import { createMockApi, populatedState } from "@netops/mocks";
import { fireEvent, render, screen } from "@testing-library/react";
import { setupServer } from "msw/node";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { BgpPage } from "./BgpPage";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

function renderAt(url: string) {
  const api = createMockApi({ state: populatedState("mock-user-viewer") });
  server.use(...api.handlers);
  return render(
    <StoryProviders>
      <MemoryRouter initialEntries={[url]}>
        <BgpPage />
      </MemoryRouter>
    </StoryProviders>,
  );
}

// The sample events are at 05:53, 05:46, 05:39, 05:32 and 05:25 UTC on 2026-11-21.
describe("BGP events: time range in the URL (item 4)", () => {
  it.each(["UTC", "Europe/Berlin", "America/New_York"])(
    "shows the same events with the browser in %s",
    async (tz) => {
      process.env.TZ = tz;
      const { unmount } = renderAt("/bgp?from=2026-11-21T05:40Z&to=2026-11-21T06:55:00%2B01:00");
      expect(await screen.findByText("2 events shown")).toBeInTheDocument();
      expect(
        screen.getByRole("button", { name: /Event time: 2026-11-21 05:40:00 UTC → 2026-11-21 05:55:00 UTC/ }),
      );
      unmount();
    },
  );

  it("refuses a zone-less time instead of reading it in the browser's zone", async () => {
    process.env.TZ = "Europe/Berlin";
    renderAt("/bgp?from=2026-11-21T05:40");
    expect(await screen.findByRole("alert", { name: "Filters not applied" })).toHaveTextContent(
      /Time range \(from\): .*no time zone/,
    );
    expect(screen.getByLabelText("From")).toHaveValue("2026-11-21T05:40");
    expect(screen.getByLabelText("From")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText(/events? shown/)).toBeNull();
  });

  it("takes a relative range", async () => {
    renderAt("/bgp?from=now-1h");
    expect(await screen.findByRole("button", { name: "Event time: Last 1 hour" })).toBeInTheDocument();
  });
});

describe("BGP events: invalid filters (item 6)", () => {
  it("shows an AS number the URL got wrong on its field and no events", async () => {
    renderAt("/bgp?peerAs=banana");
    const field = await screen.findByLabelText("Peer AS");
    expect(field).toHaveValue("banana");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(/not an AS number/);
    expect(screen.getByRole("alert", { name: "Filters not applied" })).toBeInTheDocument();
    expect(screen.queryByText(/Example: \[REF056255\]/)).toBeNull();
    expect(screen.queryByText(/events? shown/)).toBeNull();
  });

  it("an unknown event kind is an error too, not every kind", async () => {
    renderAt("/bgp?kind=flap");
    expect(await screen.findByRole("alert", { name: "Filters not applied" })).toHaveTextContent(
      /Event: “flap”/,
    );
    expect(screen.getByLabelText("Event")).toHaveAttribute("aria-invalid", "true");
  });
});

describe("BGP events: the filter form and the time range", () => {
  it("nests no form; Enter in a time field applies the range alone, Search keeps it", async () => {
    const { container } = renderAt("/bgp");
    await screen.findByText(/\d+ events? shown/);
    // Typed but not submitted: the time range's Enter must not submit it.
    fireEvent.change(screen.getByLabelText("Router"), { target: { value: "no-such-router" } });
    fireEvent.click(screen.getByRole("button", { name: /Event time/ }));
    expect(container.querySelectorAll("form")).toHaveLength(1);
    expect(container.querySelector("form form")).toBeNull();
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-11-21T05:40Z" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-11-21T05:55Z" } });
    fireEvent.keyDown(screen.getByLabelText("To"), { key: "Enter" });
    // Two events, not none: the typed router was not submitted with the range.
    expect(await screen.findByText("2 events shown")).toBeInTheDocument();
    // The page's own Search applies the text filters and keeps the range.
    fireEvent.change(screen.getByLabelText("Router"), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Event"), { target: { value: "down" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    expect(
      await screen.findByRole("button", {
        name: /Event time: 2026-11-21 05:40:00 UTC → 2026-11-21 05:55:00 UTC/,
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText(/^[0-2] events? shown/)).toBeInTheDocument();
  });
});

describe("BGP events: peers of a prefix (the prefix entity page's link)", () => {
  it("lists the events of the peers inside the prefix, its field filled in", async () => {
    renderAt("/bgp?prefix=2001:db8::/32");
    expect(await screen.findByLabelText("Peer prefix")).toHaveValue("2001:db8::/32");
    const shown = await screen.findByText(/\d+ events? shown/);
    const n = Number(shown.textContent?.split(" ")[0]);
    expect(n).toBeGreaterThan(0);
    expect(screen.queryByText("192.0.2.1")).toBeNull();
  });

  it("a prefix the URL got wrong is an error on its field, no events", async () => {
    renderAt("/bgp?prefix=10.0.0.0/99");
    const field = await screen.findByLabelText("Peer prefix");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(/not a prefix/);
    expect(screen.queryByText(/events? shown/)).toBeNull();
  });
});
