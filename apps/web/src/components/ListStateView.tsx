import type { ReactNode } from "react";
import { Empty, StateView, type StateViewProps } from "./StateView";

export interface ListStateViewProps<L extends readonly unknown[]>
  extends Omit<StateViewProps<L>, "isEmpty" | "empty"> {
  /** Shown instead of the children when the list is empty… */
  emptyTitle: string;
  /** …with this below it, e.g. how to add the first item. */
  emptyHint?: ReactNode;
}

/** StateView for a query that returns a list: an empty list gets its own message. */
export function ListStateView<L extends readonly unknown[]>({
  emptyTitle,
  emptyHint,
  ...props
}: ListStateViewProps<L>) {
  return (
    <StateView
      {...props}
      isEmpty={(d) => d.length === 0}
      empty={<Empty title={emptyTitle}>{emptyHint}</Empty>}
    />
  );
}
