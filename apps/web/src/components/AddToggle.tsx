import type { Dispatch, ReactNode, SetStateAction } from "react";

/** Opens and closes a page's add form; reads "Close" while the form is open. */
export function AddToggle({
  open,
  setOpen,
  children,
}: {
  open: boolean;
  setOpen: Dispatch<SetStateAction<boolean>>;
  /** The label while the form is closed, e.g. "New host". */
  children: ReactNode;
}) {
  return (
    <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
      {open ? "Close" : children}
    </button>
  );
}
