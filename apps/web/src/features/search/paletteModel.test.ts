import type { SearchResult } from "@netops/protocols";
import { describe, expect, it } from "vitest";
import { commandMatch, matchCommands, type PaletteCommand, pageCommands } from "./commands";
import { flatItems, moveActive, paletteSections } from "./paletteModel";
import { isPaletteShortcut } from "./ShellSearch";

const result: SearchResult = {
  classified: {
    q: "192.0.2.53",
    kind: "ipv4",
    entity: { type: "ip", value: "192.0.2.53" },
    interpretations: [{ kind: "ipv4", value: "192.0.2.53" }],
  },
  groups: [
    {
      subsystem: "dhcp",
      label: "DHCP",
      hits: [
        {
          subsystem: "dhcp",
          kind: "lease",
          key: "l1",
          label: "192.0.2.53",
          url: "/dhcp/leases/192.0.2.53",
          rank: "exact",
        },
      ],
    },
    {
      subsystem: "registry",
      label: "Registry",
      more: true,
      hits: [
        {
          subsystem: "registry",
          kind: "host",
          key: "h1",
          label: "ns1.example",
          detail: "glue 192.0.2.53",
          url: "/registry/hosts/ns1.example",
          rank: "exact",
        },
      ],
    },
    { subsystem: "rdap", label: "RDAP", hits: [], error: "cache unreadable" },
  ],
};

const pages: PaletteCommand[] = [
  { id: "page:/", label: "Overview", url: "/" },
  { id: "page:/timeline", label: "Timeline", url: "/timeline", keywords: "events history" },
];
const actions: PaletteCommand[] = [
  { id: "a:theme", label: "Switch to the dark theme", keywords: "colour", run: () => {} },
];

describe("palette sections", () => {
  it("puts the entity page first, then the groups in the server's order, then pages, actions and all results", () => {
    const s = paletteSections({ query: "192.0.2.53", result, pages, actions });
    expect(s.map((x) => x.id)).toEqual(["entity", "group:dhcp", "group:registry", "group:rdap", "all"]);
    expect(s[0]?.items[0]).toMatchObject({
      label: "Everything about address 192.0.2.53",
      url: "/ip/192.0.2.53",
    });
    expect(s[2]?.note).toBe("More matches: see all results");
    expect(s[3]).toMatchObject({ error: true, note: "Could not search RDAP: cache unreadable" });
    expect(s[4]?.items[0]?.url).toBe("/search?q=192.0.2.53");
  });

  it("walks every item in the order shown, and wraps with the arrow keys", () => {
    const items = flatItems(paletteSections({ query: "192.0.2.53", result, pages, actions }));
    expect(items.map((i) => i.url)).toEqual([
      "/ip/192.0.2.53",
      "/dhcp/leases/192.0.2.53",
      "/registry/hosts/ns1.example",
      "/search?q=192.0.2.53",
    ]);
    expect(moveActive("ArrowDown", 3, 4)).toBe(0);
    expect(moveActive("ArrowUp", 0, 4)).toBe(3);
    expect(moveActive("PageDown", 1, 4)).toBe(3);
    expect(moveActive("a", 1, 4)).toBeNull();
    expect(moveActive("ArrowDown", 0, 0)).toBeNull();
  });

  it("puts a page first when the query starts its name and is no address, name or number", () => {
    const text: SearchResult = {
      classified: { q: "time", kind: "handle", entity: null, interpretations: [] },
      groups: [result.groups[0]!],
    };
    expect(paletteSections({ query: "time", result: text, pages, actions }).map((x) => x.id)).toEqual([
      "pages",
      "group:dhcp",
      "all",
    ]);
    // An address is looked up first even if a page name started so.
    expect(
      paletteSections({
        query: "192.0.2.53",
        result,
        pages: [{ id: "p", label: "192 page", url: "/x" }],
        actions: [],
      })[0]?.id,
    ).toBe("entity");
  });

  it("offers pages and actions by name when nothing was searched", () => {
    const s = paletteSections({ query: "", pages, actions });
    expect(s.map((x) => x.id)).toEqual(["pages", "actions"]);
    const t = paletteSections({ query: "hist", pages, actions });
    expect(flatItems(t).map((i) => i.label)).toEqual(["Timeline"]);
  });
});

describe("commands", () => {
  it("matches the start of the label first, then words of the label or keywords", () => {
    const list: PaletteCommand[] = [
      { id: "1", label: "Alert silences", keywords: "mute" },
      { id: "2", label: "Alerts" },
      { id: "3", label: "Audit log" },
    ];
    expect(matchCommands(list, "alerts").map((c) => c.id)).toEqual(["2"]);
    expect(matchCommands(list, "ale").map((c) => c.id)).toEqual(["1", "2"]);
    expect(matchCommands(list, "sil al").map((c) => c.id)).toEqual(["1"]);
    expect(matchCommands(list, "mute").map((c) => c.id)).toEqual(["1"]);
    expect(commandMatch(list[2]!, "zzz")).toBeNull();
    expect(commandMatch(list[2]!, "%_*")).toBeNull();
  });

  it("lists every main page and the timeline once", () => {
    const urls = pageCommands().map((c) => c.url);
    expect(urls).toContain("/timeline");
    expect(urls).toContain("/dhcp");
    expect(new Set(urls).size).toBe(urls.length);
  });
});

describe("shortcuts", () => {
  const input = document.createElement("input");
  const checkbox = Object.assign(document.createElement("input"), { type: "checkbox" });
  const key = (k: string, o: Partial<KeyboardEvent> = {}, target: EventTarget | null = document.body) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target,
    ...o,
  });
  it("opens on / outside text fields and on Ctrl-K or ⌘K anywhere", () => {
    expect(isPaletteShortcut(key("/"))).toBe(true);
    expect(isPaletteShortcut(key("/", {}, checkbox))).toBe(true);
    expect(isPaletteShortcut(key("/", {}, input))).toBe(false);
    expect(isPaletteShortcut(key("k", { ctrlKey: true }, input))).toBe(true);
    expect(isPaletteShortcut(key("K", { metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(key("k"))).toBe(false);
    expect(isPaletteShortcut(key("k", { ctrlKey: true, altKey: true }))).toBe(false);
  });
});
