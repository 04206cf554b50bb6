/** A single `bytes=start-end` (or `start-`) range from an HTTP Range header; anything else is null. */
export function parseRange(header: string | null | undefined): { start: number; end?: number } | null {
  const match = /^bytes=(\d+)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] ? Number(match[2]) : undefined;
  return end !== undefined && end < start ? null : { start, ...(end !== undefined ? { end } : {}) };
}
