// Pool member selection policies (RFC 5356, plus rsplib's DPF and PLUD extensions that tshark knows):
// the type number, its name, and the 32-bit values that follow the type in the parameter.

import { u32 } from "./bytes";
import { fail } from "./errors";

export interface PolicyInfo {
  name: string;
  short: string;
  /** Names of the 32-bit values after the type, in wire order. */
  values: readonly PolicyValue[];
}
export type PolicyValue =
  | "weight"
  | "priority"
  | "load"
  | "loadDegradation"
  | "loadDpf"
  | "weightDpf"
  | "distance";

export const POLICIES: Readonly<Record<number, PolicyInfo>> = {
  1: { name: "Round Robin", short: "RR", values: [] },
  2: { name: "Weighted Round Robin", short: "WRR", values: ["weight"] },
  3: { name: "Random", short: "RAND", values: [] },
  4: { name: "Weighted Random", short: "WRAND", values: ["weight"] },
  5: { name: "Priority", short: "PRI", values: ["priority"] },
  1073741825: { name: "Least Used", short: "LU", values: ["load"] },
  1073741826: { name: "Least Used with Degradation", short: "LUD", values: ["load", "loadDegradation"] },
  1073741827: { name: "Priority Least Used", short: "PLU", values: ["load", "loadDegradation"] },
  1073741828: { name: "Randomized Least Used", short: "RLU", values: ["load"] },
  2952794115: {
    name: "Priority Least Used with Degradation",
    short: "PLUD",
    values: ["load", "loadDegradation"],
  },
  2952798209: {
    name: "Weighted Random with Delay Penalty Factor",
    short: "WRAND-DPF",
    values: ["weight", "weightDpf", "distance"],
  },
  2952798210: {
    name: "Least Used with Delay Penalty Factor",
    short: "LU-DPF",
    values: ["load", "loadDpf", "distance"],
  },
};

/** Load-like values are fractions of 0xffffffff on the wire (RFC 5356 §4.1: 0 = empty, 0xffffffff = full). */
const FRACTION: ReadonlySet<PolicyValue> = new Set(["load", "loadDegradation", "loadDpf", "weightDpf"]);

export interface Policy {
  type: number;
  name: string;
  /** The raw 32-bit values by name (load 0..0xffffffff). */
  values: Partial<Record<PolicyValue, number>>;
  /** Load-like values as a percentage (0..100), as tshark shows them. */
  percent: Partial<Record<PolicyValue, number>>;
  /** Octets after the type of a policy this decoder does not know, as hex. */
  unknownValue?: string;
}

export function policyName(type: number): string {
  const p = POLICIES[type];
  return p ? `${p.name} (${p.short})` : `Unknown policy 0x${type.toString(16).padStart(8, "0")}`;
}

/** Decodes the value of a Pool Member Selection Policy parameter (b[o..end) after the 4-octet TLV header). */
export function decodePolicy(b: Uint8Array, o: number, end: number, base: number): Policy {
  if (end - o < 4)
    fail("length", base + o - 4, "policy", `parameter length ${end - o + 4}, at least 8 needed`);
  const type = u32(b, o);
  const info = POLICIES[type];
  const out: Policy = { type, name: policyName(type), values: {}, percent: {} };
  if (!info) {
    let hex = "";
    for (let i = o + 4; i < end; i++) hex += (b[i] as number).toString(16).padStart(2, "0");
    out.unknownValue = hex;
    return out;
  }
  const want = 8 + 4 * info.values.length;
  if (end - o + 4 !== want)
    fail("length", base + o - 4, "policy", `${info.short} takes length ${want}, got ${end - o + 4}`);
  info.values.forEach((name, i) => {
    const v = u32(b, o + 4 + 4 * i);
    out.values[name] = v;
    if (FRACTION.has(name)) out.percent[name] = (100 * v) / 0xffffffff;
  });
  return out;
}

export function policyValueList(p: Policy): number[] {
  const info = POLICIES[p.type];
  if (!info) return [];
  return info.values.map((n) => p.values[n] ?? 0);
}
