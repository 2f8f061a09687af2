/** What a lab command handler answers; the session turns it into an EPP response frame. */
import { RESULT_CODES, type MsgQ, type ResData } from "@netops/protocols/epp";

export interface Reply {
  code: number;
  /** Human-readable result text; defaults to RFC 5730's text for the code. */
  msg: string;
  resData: ResData[];
  msgQ?: MsgQ;
}

export function ok(resData: ResData[] = [], code = 1000): Reply {
  return { code, msg: RESULT_CODES.get(code)?.meaning ?? "", resData };
}

/** A refusal with the registry's reason appended, so clients can show why (not just the code). */
export function refuse(code: number, reason: string): Reply {
  return { code, msg: `${RESULT_CODES.get(code)?.meaning ?? "Command failed"}: ${reason}`, resData: [] };
}

/** A refusal from the shared registry rules (@netops/protocols/epp registry-rules). */
export function refused(r: { code: number; reason: string }): Reply {
  return refuse(r.code, r.reason);
}

/** Context every handler gets: who is asking, the registry's zones, and the time of the command. */
export interface CommandContext {
  clID: string;
  zones: readonly string[];
  now: string;
}
