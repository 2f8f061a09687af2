import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ShutdownComposer } from "./ShutdownComposer";
import { shutdownConfigLines } from "./shutdownConfig";

const count = () => screen.getByTestId("byte-count");
const setText = (text: string) =>
  fireEvent.change(screen.getByLabelText("Shutdown communication"), { target: { value: text } });

describe("ShutdownComposer", () => {
  it("counts UTF-8 octets, not characters, as the user types", async () => {
    render(<ShutdownComposer />);
    expect(count()).toHaveTextContent("0 / 255 UTF-8 octets (0 characters)");
    await userEvent.type(screen.getByLabelText("Shutdown communication"), "Ж€a");
    // Ж is 2 octets, € is 3, a is 1.
    expect(count()).toHaveTextContent("6 / 255 UTF-8 octets (3 characters)");
    setText("🙂");
    // One code point outside the BMP: two UTF-16 units, four octets, one character.
    expect(count()).toHaveTextContent("4 / 255 UTF-8 octets (1 characters)");
  });

  it("at exactly 128 octets fits RFC 8203; one more warns what a 128-octet peer does", () => {
    render(<ShutdownComposer initial={"a".repeat(128)} />);
    expect(count()).toHaveTextContent("128 / 255");
    expect(count()).toHaveClass("ok");
    expect(screen.getByText(/Fits RFC 8203/)).toBeInTheDocument();
    setText(`${"a".repeat(126)}Ж`);
    expect(count()).toHaveTextContent("128 / 255");
    setText(`${"a".repeat(127)}Ж`);
    expect(count()).toHaveTextContent("129 / 255");
    expect(count()).toHaveClass("warn");
    const warn = screen.getByText(/Over 128 octets/);
    expect(warn).toHaveAttribute("role", "status");
    // The first 128 octets end before the Ж, which would not fit whole.
    expect(warn).toHaveTextContent(/end at “a{20}”/);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("at exactly 255 octets is allowed; past it refuses and says by how much and where the cut falls", () => {
    render(<ShutdownComposer initial={"€".repeat(85)} />);
    expect(count()).toHaveTextContent("255 / 255 UTF-8 octets (85 characters)");
    expect(screen.queryByRole("alert")).toBeNull();
    setText(`${"€".repeat(85)}x`);
    expect(count()).toHaveTextContent("256 / 255");
    expect(count()).toHaveClass("error");
    expect(screen.getByRole("alert")).toHaveTextContent("Too long by 1 octets: RFC 9003 allows 255.");
    expect(screen.getByRole("alert")).toHaveTextContent(`cut it after “${"€".repeat(20)}”`);
  });

  it("over 255 octets is an error state with no configuration to copy (issue 15 item 9)", () => {
    render(<ShutdownComposer initial={"€".repeat(85)} />);
    expect(screen.getAllByRole("button", { name: /Copy/ })).toHaveLength(5);
    const box = screen.getByLabelText("Shutdown communication");
    expect(box).not.toHaveAttribute("aria-invalid");
    // 289 octets, as in the issue: 34 too many.
    setText(`${"€".repeat(85)}${"x".repeat(34)}`);
    expect(count()).toHaveTextContent("289 / 255");
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(box).toHaveAccessibleDescription(/289 \/ 255 .*Too long by 34 octets/);
    expect(screen.queryAllByRole("button", { name: /Copy/ })).toHaveLength(0);
    expect(screen.queryByRole("heading", { name: "FRRouting" })).toBeNull();
    expect(screen.getByTestId("config-withheld")).toHaveTextContent("shorten it by 34 octets");
    // Back under the limit: the lines and their Copy buttons return.
    setText("€".repeat(85));
    expect(screen.getAllByRole("button", { name: /Copy/ })).toHaveLength(5);
  });

  it("over 128 octets is a warning on the field, and the configuration stays", () => {
    render(<ShutdownComposer initial={"Ж".repeat(70)} />);
    expect(screen.getByLabelText("Shutdown communication")).toHaveAccessibleDescription(/Over 128 octets/);
    expect(screen.getAllByRole("button", { name: /Copy/ })).toHaveLength(5);
  });

  it("refuses text with a lone surrogate (not encodable as UTF-8)", () => {
    render(<ShutdownComposer />);
    setText("a\ud800b");
    expect(screen.getByRole("alert")).toHaveTextContent("unpaired surrogates");
    expect(screen.queryAllByRole("button", { name: /Copy/ })).toHaveLength(0);
  });

  it("warns about control characters", () => {
    render(<ShutdownComposer />);
    setText("line\u0007bell");
    expect(screen.getByText(/Contains control characters/)).toBeInTheDocument();
  });

  it("prints a configuration line per daemon with the text, peer and AS filled in", () => {
    render(<ShutdownComposer initial={'say "hi" \\ bye'} />);
    fireEvent.change(screen.getByLabelText("Peer address"), { target: { value: "2001:db8::1" } });
    fireEvent.change(screen.getByLabelText("Peer AS"), { target: { value: "64511" } });
    const block = (daemon: string) => {
      const h = screen.getByRole("heading", { name: daemon });
      return within(h.parentElement as HTMLElement).getByText((_, el) => el?.tagName === "PRE");
    };
    expect(block("BIRD 2")).toHaveTextContent(`birdc 'disable <protocol> "say \\"hi\\" \\\\ bye"'`);
    expect(block("FRRouting").textContent).toBe(
      'router bgp <local-as>\n neighbor 2001:db8::1 shutdown message say "hi" \\ bye',
    );
    expect(block("OpenBGPD")).toHaveTextContent('bgpctl neighbor 2001:db8::1 down "say \\"hi\\" \\\\ bye"');
    expect(block("Junos")).toHaveTextContent(
      'set protocols bgp group <group> neighbor 2001:db8::1 shutdown message "say \\"hi\\" \\\\ bye"',
    );
    expect(screen.getByText(/Peer AS 64511; then commit/)).toBeInTheDocument();
    expect(block("IOS-XR").textContent).toContain("neighbor 2001:db8::1\n  shutdown");
  });
});

describe("shutdownConfigLines", () => {
  it("uses documentation placeholders when peer and AS are empty", () => {
    const lines = shutdownConfigLines("x", "", "");
    expect(lines.map((l) => l.daemon)).toEqual(["BIRD 2", "FRRouting", "OpenBGPD", "Junos", "IOS-XR"]);
    expect(lines.find((l) => l.daemon === "OpenBGPD")?.lines).toBe('bgpctl neighbor 192.0.2.1 down "x"');
    expect(lines.find((l) => l.daemon === "Junos")?.note).toContain("Peer AS 64500");
  });
});
