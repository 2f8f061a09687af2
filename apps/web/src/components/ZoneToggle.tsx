import { localZoneName, setZoneMode, useZoneMode } from "../lib/timeZoneMode";

/** The console-wide UTC/local switch for every time shown (remembered in this browser). */
export function ZoneToggle() {
  const mode = useZoneMode();
  const next = mode === "utc" ? "local" : "utc";
  const label = next === "utc" ? "UTC" : `local time (${localZoneName()})`;
  return (
    <button
      type="button"
      className="btn-sm ghost"
      onClick={() => setZoneMode(next)}
      aria-label={`Show times in ${label}`}
      title={`Times are shown in ${mode === "utc" ? "UTC" : `local time (${localZoneName()})`}; click for ${label}`}
    >
      Times: {mode === "utc" ? "UTC" : "local"}
    </button>
  );
}
