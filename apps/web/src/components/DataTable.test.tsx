import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { DataTable } from "./DataTable";

describe("<DataTable>", () => {
  it("wraps the table, names it by its caption and heads each column", () => {
    const { container } = render(
      <DataTable columns={["Name", { key: "n", label: "Count", className: "num" }]} caption="Things" actions>
        <tr>
          <td>a</td>
          <td>1</td>
          <td />
        </tr>
      </DataTable>,
    );
    const table = screen.getByRole("table", { name: "Things" });
    expect(table.parentElement).toHaveClass("table-wrap");
    const heads = within(table).getAllByRole("columnheader");
    expect(heads.map((h) => h.textContent)).toEqual(["Name", "Count", "Actions"]);
    expect(heads[1]).toHaveClass("num");
    expect(container.querySelectorAll("tbody")).toHaveLength(1);
  });

  it("with rowGroups, renders the given bodies as they are (one per group)", () => {
    const { container } = render(
      <DataTable columns={["Name"]} label="Grouped" rowGroups>
        <tbody aria-label="Group a">
          <tr>
            <td>a</td>
          </tr>
        </tbody>
        <tbody aria-label="Group b">
          <tr>
            <td>b</td>
          </tr>
        </tbody>
      </DataTable>,
    );
    expect(container.querySelectorAll("tbody")).toHaveLength(2);
    expect(container.querySelector("tbody tbody")).toBeNull();
    expect(screen.getByRole("rowgroup", { name: "Group b" })).toHaveTextContent("b");
  });

  it("passes wrapper props (a virtualised body's scroll handler) and can drop the wrapper", () => {
    const onScroll = vi.fn();
    const { container, rerender } = render(
      <DataTable columns={["Name"]} label="Scrolled" wrap={{ style: { maxHeight: 100 }, onScroll }}>
        <tr>
          <td>a</td>
        </tr>
      </DataTable>,
    );
    const wrap = container.querySelector(".table-wrap") as HTMLElement;
    expect(wrap.style.maxHeight).toBe("100px");
    fireEvent.scroll(wrap, { target: { scrollTop: 40 } });
    expect(onScroll).toHaveBeenCalledTimes(1);
    rerender(
      <DataTable columns={["Name"]} label="Bare" wrap={false}>
        <tr>
          <td>a</td>
        </tr>
      </DataTable>,
    );
    expect(container.querySelector(".table-wrap")).toBeNull();
    expect(screen.getByRole("table", { name: "Bare" }).parentElement).toBe(container);
  });
});

describe("<DataTable pageSize> (issue 15: long tables page)", () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: fixed test rows
      <tr key={i}>
        <td>row {i + 1}</td>
      </tr>
    ));

  it("shows one page of a 109-row delivery log at a time, with a pager", () => {
    render(
      <DataTable columns={["Row"]} label="Deliveries" pageSize={50}>
        {rows(109)}
      </DataTable>,
    );
    const table = screen.getByRole("table", { name: "Deliveries" });
    expect(within(table).getAllByRole("row")).toHaveLength(51);
    const pager = screen.getByRole("navigation", { name: "Pages of Deliveries" });
    expect(pager).toHaveTextContent("Rows 1–50 of 109 (page 1 of 3)");
    expect(within(pager).getByRole("button", { name: "Previous" })).toBeDisabled();
    fireEvent.click(within(pager).getByRole("button", { name: "Next" }));
    fireEvent.click(within(pager).getByRole("button", { name: "Next" }));
    expect(pager).toHaveTextContent("Rows 101–109 of 109 (page 3 of 3)");
    expect(within(table).getAllByRole("row")).toHaveLength(10);
    expect(within(table).getByText("row 109")).toBeInTheDocument();
    expect(within(pager).getByRole("button", { name: "Next" })).toBeDisabled();
  });

  it("has no pager when one page holds every row", () => {
    render(
      <DataTable columns={["Row"]} label="Short" pageSize={50}>
        {rows(50)}
      </DataTable>,
    );
    expect(screen.queryByRole("navigation")).toBeNull();
  });
});
