/** The DHCP views' types, derived from the API contract. */
import type { RouterOutputs } from "@netops/api";

export type DhcpLeaseEvent = NonNullable<RouterOutputs["dhcp"]["lease"]>["addressHistory"][number];
