// Configuration lines that send a shutdown communication, per daemon (quoting rules differ).

export interface ConfigLine {
  daemon: string;
  lines: string;
  note: string;
}

const dq = (s: string) => `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

export function shutdownConfigLines(text: string, peer: string, peerAs: string): ConfigLine[] {
  const p = peer || "192.0.2.1";
  const as = peerAs || "64500";
  return [
    {
      daemon: "BIRD 2",
      lines: `birdc 'disable <protocol> ${dq(text)}'`,
      note: "Whole command as one argument. BIRD cuts messages above 255 octets silently (even mid-character).",
    },
    {
      daemon: "FRRouting",
      lines: `router bgp <local-as>\n neighbor ${p} shutdown message ${text}`,
      note: "The text runs to the end of the line. `clear bgp` sends Cease/4 without a message.",
    },
    {
      daemon: "OpenBGPD",
      lines: `bgpctl neighbor ${p} down ${dq(text)}`,
      note: "Or `reset` for Cease/4. Written from the bgpctl manual; OpenBGPD does not run here.",
    },
    {
      daemon: "Junos",
      lines: `set protocols bgp group <group> neighbor ${p} shutdown message ${dq(text)}`,
      note: `Peer AS ${as}; then commit. Written from vendor documentation, not verified on a device here.`,
    },
    {
      daemon: "IOS-XR",
      lines: `router bgp <local-as>\n neighbor ${p}\n  shutdown\n  description ${text}`,
      note: "Written from vendor documentation, not verified on a device here; check your release supports RFC 9003 text.",
    },
  ];
}
