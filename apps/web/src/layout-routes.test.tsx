/**
 * The e2e layout spec (e2e/layout.spec.ts) checks every route for horizontal overflow on a phone;
 * its list (e2e/layout-routes.ts) must be the router's own, so a new page cannot be missed.
 */
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { createRoutesFromChildren, type RouteObject, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { LAYOUT_ROUTES } from "../../../e2e/layout-routes";
import { AppRoutes } from "./App";

/** Every path pattern the router answers, as absolute patterns ("/dns/:id"; "*" for not found). */
function patterns(routes: RouteObject[], parent = ""): string[] {
  const out: string[] = [];
  for (const r of routes) {
    const here =
      r.path === undefined
        ? parent
        : r.path.startsWith("/")
          ? r.path
          : `${parent.replace(/\/$/, "")}/${r.path}`;
    if (r.index) out.push(parent || "/");
    else if (r.path === "*") out.push("*");
    else if (r.path !== undefined) out.push(here);
    if (r.children) out.push(...patterns(r.children, here));
  }
  return out;
}

/** The first <Routes> element in a tree of elements (not rendered: AppRoutes is its route table). */
function findRoutes(node: ReactNode): ReactElement<{ children: ReactNode }> | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findRoutes(n);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement<{ children?: ReactNode }>(node)) return null;
  if (node.type === Routes) return node as ReactElement<{ children: ReactNode }>;
  return findRoutes(node.props.children);
}

function routerPatterns(): string[] {
  // AppRoutes uses no hooks itself: calling it gives its element tree.
  const routes = findRoutes(AppRoutes());
  if (!routes) throw new Error("AppRoutes renders no <Routes>");
  return [...new Set(patterns(createRoutesFromChildren(routes.props.children)))].sort();
}

describe("the layout spec's route list", () => {
  it("is every route of the router, no more", () => {
    expect(Object.keys(LAYOUT_ROUTES).sort()).toEqual(routerPatterns());
  });

  it("visits a route with parameters at a concrete path, or through a link to one", () => {
    for (const [pattern, visit] of Object.entries(LAYOUT_ROUTES)) {
      if (!/[:*]/.test(pattern)) continue;
      if (!visit.link) expect(visit.path, pattern).not.toMatch(/\/:|\*/);
    }
  });
});
