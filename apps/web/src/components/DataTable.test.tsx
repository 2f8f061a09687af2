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
