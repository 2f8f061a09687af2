/** Small helpers for lists of values (pure, tested). */

/** Toggles `value` in a list (for checkbox filters and pickers). */
export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
