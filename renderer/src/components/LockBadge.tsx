import { useTranslation } from 'react-i18next';
import { useCountdown } from './useCountdown';

/** A padlock drawn inline (no icon font: old PCs may lack the glyph). */
export function LockIcon({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="lock-icon">
      <rect x="4" y="10" width="16" height="12" rx="2" fill="currentColor" />
      <path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2.5" />
    </svg>
  );
}

/** "Locked: 42 seconds" (or "14 minutes") on a picker card, counting down; gone when the lock ends. */
export function LockBadge({ until }: { until: number }) {
  const { t } = useTranslation();
  const seconds = useCountdown(until);
  if (seconds === 0) return null;
  return (
    <span className="lock-badge">
      <LockIcon />
      {seconds > 60 ? t('profiles.picker.lockedMinutes', { count: Math.ceil(seconds / 60) }) : t('profiles.picker.locked', { count: seconds })}
    </span>
  );
}

/** "Locked: ask the librarian" on a card that only a librarian's reset opens. */
export function LibrarianBadge() {
  const { t } = useTranslation();
  return (
    <span className="lock-badge">
      <LockIcon />
      {t('profiles.picker.lockedLibrarian')}
    </span>
  );
}
