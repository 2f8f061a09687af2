import type { ReactNode } from "react";

export interface DataTableProps {
  /** Column headings, in order. */
  columns: readonly string[];
  /** Adds a last column for row actions, named for screen readers only. */
  actions?: boolean;
  /** The rows (`<tr>` elements). */
  children: ReactNode;
}

/** A plain table in its scrolling wrapper, with one heading per column. */
export function DataTable({ columns, actions = false, children }: DataTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
