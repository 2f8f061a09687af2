import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { gotoShortcuts, isTyping, OTHER_SHORTCUTS } from "./shortcuts";
import "./shortcuts.css";

/** A `g` waits this long for its letter. */
const CHORD_MS = 1500;

/** `?` opens the list of shortcuts; `g` + letter goes to a page. Mounted once, in the shell. */
export function Shortcuts() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const pendingG = useRef(0);
  const closeRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const goto = gotoShortcuts();
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === "Escape" && open) {
        setOpen(false);
        return;
      }
      if (e.key === "?") {
        e.preventDefault();
        opener.current = document.activeElement as HTMLElement | null;
        setOpen((o) => !o);
        return;
      }
      if (e.key === "g") {
        pendingG.current = Date.now();
        return;
      }
      if (pendingG.current && Date.now() - pendingG.current < CHORD_MS) {
        pendingG.current = 0;
        const s = goto.find((x) => x.key === e.key);
        if (s) {
          e.preventDefault();
          setOpen(false);
          navigate(s.to);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate, open]);

  useEffect(() => {
    if (open) closeRef.current?.focus();
    else opener.current?.focus?.();
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="btn-sm shortcuts-button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => {
          opener.current = document.activeElement as HTMLElement | null;
          setOpen(true);
        }}
      >
        ?
      </button>
      {open ? <div className="modal-backdrop" onClick={() => setOpen(false)} aria-hidden="true" /> : null}
      {open ? (
        <div
          className="modal shortcuts-dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby="shortcuts-title"
        >
          <div className="modal-head">
            <h2 id="shortcuts-title">Keyboard shortcuts</h2>
            <button ref={closeRef} type="button" className="btn-sm" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <h3>Go to a page</h3>
          <dl className="shortcut-list">
            {gotoShortcuts().map((s) => (
              <div key={s.key}>
                <dt>
                  <kbd>g</kbd> <kbd>{s.key}</kbd>
                </dt>
                <dd>{s.label}</dd>
              </div>
            ))}
          </dl>
          <h3>Anywhere</h3>
          <dl className="shortcut-list">
            {OTHER_SHORTCUTS.map((s) => (
              <div key={s.keys}>
                <dt>
                  {s.keys.split(" / ").map((k, i) => (
                    <span key={k}>
                      {i > 0 ? " / " : null}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{s.what}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </>
  );
}
