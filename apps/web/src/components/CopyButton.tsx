import { useState } from "react";

/** Copies `text` to the clipboard and says so. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <>
      <button type="button" className="btn-sm" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="muted small">
        {state === "copied"
          ? " Copied."
          : state === "failed"
            ? " Copy failed: select the text and copy it."
            : ""}
      </span>
    </>
  );
}
