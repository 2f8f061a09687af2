import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { expects, inScenario, withMsw } from "../../mocks/stories";
import { scenarios } from "@netops/mocks";
import { pageCommands } from "./commands";
import { SearchPalette } from "./SearchPalette";

/** The command palette (`/` or Ctrl-K) against the mock API: what a pasted address finds, and the other states. */
const meta = {
  title: "Search/SearchPalette",
  component: SearchPalette,
  args: {
    onClose: () => {},
    pages: pageCommands(),
    actions: [{ id: "action:theme", label: "Switch to the dark theme", run: () => {} }],
    debounceMs: 0,
  },
} satisfies Meta<typeof SearchPalette>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  args: { initialQuery: "192.0.2.53" },
  parameters: inScenario("populated", /Everything about address 192\.0\.2\.53/),
};

export const KeyboardWalk: Story = {
  name: "Keyboard: arrows move, the active entry is announced",
  args: { initialQuery: "192.0.2.53" },
  parameters: { ...withMsw(scenarios.populated()), ...expects("interaction", /Everything about address/) },
  play: async ({ canvasElement }) => {
    // The palette renders on <body> (a portal), outside the story's canvas.
    const canvas = within(canvasElement.ownerDocument.body);
    const box = canvas.getByRole("combobox");
    await waitFor(() => expect(canvas.getAllByRole("option").length).toBeGreaterThan(1));
    const options = canvas.getAllByRole("option");
    await expect(options[0]).toHaveAttribute("aria-selected", "true");
    await userEvent.type(box, "{ArrowDown}");
    await expect(options[1]).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", options[1]?.id);
  },
};

export const Commands: Story = {
  name: "Pages and actions (nothing typed)",
  args: { initialQuery: "" },
  parameters: inScenario("populated", "Timeline"),
};

export const NoResults: Story = {
  args: { initialQuery: "nothing-matches-this" },
  parameters: inScenario("empty", /No results for/),
};

export const Loading: Story = {
  args: { initialQuery: "192.0.2.53" },
  parameters: inScenario("loading", "Searching…"),
};

export const ErrorState: Story = {
  name: "Error",
  args: { initialQuery: "192.0.2.53" },
  parameters: inScenario("error", /Search failed/),
};

export const TooLong: Story = {
  name: "Unsearchable input (too long)",
  args: { initialQuery: "x".repeat(300) },
  parameters: inScenario("populated", /Cannot search this: A search is at most 256 characters/),
};
