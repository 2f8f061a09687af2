import type { HTMLAttributes, ReactNode, TableHTMLAttributes } from "react";

/** A column heading: its text, or a node with a key and a class (e.g. "num" for numbers). */
export type DataTableColumn =
  | string
  | {
      key: string;
      label: ReactNode;
      className?: string;
      /** For a sortable column: which way the rows are sorted by it (aria-sort). */
      sort?: "ascending" | "descending" | "none";
    };

export interface DataTableProps extends Omit<TableHTMLAttributes<HTMLTableElement>, "children"> {
  /** Column headings, in order. */
  columns: readonly (DataTableColumn | false | null | undefined)[];
  /** Adds a last column for row actions, named for screen readers only. */
  actions?: boolean;
  /** Names the table for screen readers (aria-label), when it has no caption. */
  label?: string;
  /** A caption above the table; `captionHidden` keeps it for screen readers only. */
  caption?: ReactNode;
  captionHidden?: boolean;
  /** Children are `<tbody>` elements (one per group of rows) instead of rows in one body. */
  rowGroups?: boolean;
  /**
   * The scrolling wrapper's props (e.g. a max height and an onScroll for a virtualised body).
   * `false` drops the wrapper: for a table nested in another table's cell, which already scrolls.
   */
  wrap?: false | Omit<HTMLAttributes<HTMLDivElement>, "className" | "children">;
  /** The rows (`<tr>` elements), or the row groups with `rowGroups`. */
  children: ReactNode;
}

/** Every list's table: the scrolling wrapper, a caption or label, one heading per column. */
export function DataTable({
  columns,
  actions = false,
  label,
  caption,
  captionHidden = false,
  rowGroups = false,
  wrap = {},
  className,
  children,
  ...rest
}: DataTableProps) {
  const table = (
    <table {...rest} className={className ? `table ${className}` : "table"} aria-label={label}>
      {caption !== undefined ? (
        <caption className={captionHidden ? "sr-only" : undefined}>{caption}</caption>
      ) : null}
      <thead>
        <tr>
          {columns.map((c) =>
            !c ? null : typeof c === "string" ? (
              <th key={c} scope="col">
                {c}
              </th>
            ) : (
              <th key={c.key} scope="col" className={c.className} aria-sort={c.sort}>
                {c.label}
              </th>
            ),
          )}
          {actions ? (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      {rowGroups ? children : <tbody>{children}</tbody>}
    </table>
  );
  if (wrap === false) return table;
  return (
    <div {...wrap} className="table-wrap">
      {table}
    </div>
  );
}
