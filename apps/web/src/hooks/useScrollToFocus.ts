import { useEffect, useRef } from "react";

/**
 * A ref for the element a link points at (`?pool=2`): once it is shown, it is scrolled to the
 * middle of the view, again whenever `key` (the focused id) changes.
 */
export function useScrollToFocus<E extends HTMLElement>(shown: boolean, key: unknown) {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (shown && key !== null && key !== undefined) ref.current?.scrollIntoView?.({ block: "center" });
  }, [shown, key]);
  return ref;
}
