// Free-text "session down" reasons (FRR/IOS-XR ADJCHANGE, GoBGP Peer Down) mapped to direction and,
// where the words say it unambiguously, to a Cease subcode.
import type { LogDirection } from "./types";

export interface DownReason {
  direction: LogDirection | undefined;
  code: number | undefined;
  subcode: number | undefined;
}

export function classifyDownReason(reason: string): DownReason {
  const r = reason.toLowerCase();
  let direction: LogDirection | undefined;
  if (/\breceived\b/.test(r)) direction = "received";
  else if (/\b(sent|send)\b/.test(r)) direction = "sent";
  let code: number | undefined;
  let subcode: number | undefined;
  if (/admin(istrative(ly)?|\.)? ?shut ?down|administratively down/.test(r)) {
    code = 6;
    subcode = 2;
  } else if (/admin(istrative|\.)? ?reset|user reset|cleared/.test(r)) {
    code = 6;
    subcode = 4;
  } else if (/hard reset/.test(r)) {
    code = 6;
    subcode = 9;
  } else if (/peer (de-?|un)configured/.test(r)) {
    code = 6;
    subcode = 3;
  } else if (/hold ?time(r)? expired/.test(r)) {
    code = 4;
    subcode = 0;
  }
  // Local operator actions ("Admin. shutdown", "User reset") are NOTIFICATIONs we sent.
  if (direction === undefined && code === 6 && /admin\.|user reset/.test(r)) direction = "sent";
  return { direction, code, subcode };
}
