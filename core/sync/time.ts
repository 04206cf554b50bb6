/**
 * The kiosk's clock as the sync contract carries it: UTC, to the second, no milliseconds
 * (`2026-03-02T09:15:00Z`). Exact timestamps of learners' work never travel; these are only the
 * times of sending and of writing a file, so the collector can tell how far off the clock is.
 */
export function toInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The device's date (`2026-03-02`), for file names. */
export function toDeviceDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
