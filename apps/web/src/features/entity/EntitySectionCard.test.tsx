/** A section that can say how many more it has says so in its link (the prefix page's BGP peers). */
import type { EntitySection } from "@netops/protocols";
import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { StoryProviders } from "../../../.storybook/providers";
import { EntitySectionCard } from "./EntitySectionCard";

const section: EntitySection = {
  subsystem: "bgp",
  title: "BGP sessions",
  refreshedAt: null,
  url: "/bgp?prefix=10.1.0.0%2F17",
  items: [
    {
      kind: "session",
      key: "rtr0|10.1.0.1",
      label: "10.1.0.1 on rtr0",
      url: "/bgp/session?router=rtr0&peer=10.1.0.1",
    },
  ],
  more: true,
};

const renderCard = (s: EntitySection) =>
  render(
    <StoryProviders>
      <MemoryRouter>
        <EntitySectionCard section={s} />
      </MemoryRouter>
    </StoryProviders>,
  );

describe("<EntitySectionCard> more link", () => {
  it("says how many when the section counted them, and leads to the filtered page", () => {
    renderCard({ ...section, moreLabel: "All 600 peers in 10.1.0.0/17 on the BGP page" });
    expect(
      screen.getByRole("link", { name: "All 600 peers in 10.1.0.0/17 on the BGP page" }),
    ).toHaveAttribute("href", "/bgp?prefix=10.1.0.0%2F17");
  });

  it("says 'More in …' otherwise", () => {
    renderCard(section);
    expect(screen.getByRole("link", { name: "More in BGP" })).toHaveAttribute(
      "href",
      "/bgp?prefix=10.1.0.0%2F17",
    );
  });
});
