/** The timeline as files (the pure CSV/JSON writers live in @netops/protocols, timeline-export.ts). */
export {
  exportFileName,
  TIMELINE_CSV_HEADER,
  type TimelineExportMeta,
  timelineCsv,
  timelineJson,
} from "@netops/protocols";

/** Offers `text` as a download in the browser. */
export function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
