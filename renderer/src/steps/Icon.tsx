/**
 * Small drawn icons for buttons: the fonts of old kiosk PCs lack symbols such as ⏸, and a drawn
 * shape looks the same everywhere. Always beside a word, so hidden from screen readers.
 */
const PATHS = {
  play: 'M7 4l13 8-13 8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="step-icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
