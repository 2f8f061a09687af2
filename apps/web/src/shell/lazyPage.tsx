/**
 * Pages loaded when their route is first visited (a chunk each), so the first load carries only the
 * shell and the Overview. Routes keep the plain `element={<SomePage />}` form; <PageSuspense> (in the
 * shell around its outlet, and around the routes) shows the loading state while a chunk arrives.
 */
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode, Suspense } from "react";
import { Loading } from "../components/StateView";

/** Shown when a page's chunk cannot be fetched: offline, or a newer build replaced the files. */
function ChunkFailed() {
  return (
    <section className="page" role="alert">
      <h1>This page could not be loaded</h1>
      <p>
        The network failed, or the console was updated since this tab opened.{" "}
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </p>
    </section>
  );
}

/**
 * `lazyPage(() => import("./BgpPage"), "BgpPage")`: a component named after the page that fetches
 * its module on first render.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  const page = lazy<ComponentType>(() =>
    load().then(
      (m) => ({ default: m[name] }),
      () => ({ default: ChunkFailed }),
    ),
  );
  return Object.assign(page, { displayName: name });
}

/** The loading state while a lazy page's chunk arrives. */
export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading label="Loading the page…" />}>{children}</Suspense>;
}
