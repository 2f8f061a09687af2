import { Children, type HTMLAttributes, type ReactNode, type TableHTMLAttributes, useState } from "react";

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
  /**
   * Show this many rows (or row groups) a page, with a pager under the table, for lists already in
   * the browser that can grow long (a delivery log, a zone's history). Lists paged by the server
   * use their cursor instead (LoadMoreButton).
   */
  pageSize?: number;
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
  pageSize,
  ...rest
}: DataTableProps) {
  const [page, setPage] = useState(0);
  const all = pageSize ? Children.toArray(children) : null;
  const pages = all && pageSize ? Math.max(1, Math.ceil(all.length / pageSize)) : 1;
  // The list shrank under the current page (a filter, a refetch): show its last page.
  const current = Math.min(page, pages - 1);
  const rows = all && pageSize ? all.slice(current * pageSize, (current + 1) * pageSize) : children;
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
      {rowGroups ? rows : <tbody>{rows}</tbody>}
    </table>
  );
  const pager =
    all && pageSize && pages > 1 ? (
      <Pager page={current} pages={pages} total={all.length} size={pageSize} onPage={setPage} label={label} />
    ) : null;
  if (wrap === false)
    return pager ? (
      <>
        {table}
        {pager}
      </>
    ) : (
      table
    );
  return (
    <>
      <div {...wrap} className="table-wrap">
        {table}
      </div>
      {pager}
    </>
  );
}

function Pager({
  page,
  pages,
  total,
  size,
  onPage,
  label,
}: {
  page: number;
  pages: number;
  total: number;
  size: number;
  onPage: (p: number) => void;
  label: string | undefined;
}) {
  const first = page * size + 1;
  const last = Math.min(total, (page + 1) * size);
  return (
    <nav className="pager" aria-label={label ? `Pages of ${label}` : "Table pages"}>
      <button type="button" className="btn-sm" disabled={page === 0} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span className="small" aria-live="polite">
        Rows {first}–{last} of {total} (page {page + 1} of {pages})
      </span>
      <button type="button" className="btn-sm" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
