import { useTranslation } from 'react-i18next';
import { TEXT_SIZES, useApp, type TextSize } from '../state/app-store';

/** Text size and high contrast, one press away on every screen; the kiosk remembers the choice. */
export function ComfortControls() {
  const { t } = useTranslation();
  const comfort = useApp((s) => s.comfort);
  const setComfort = useApp((s) => s.setComfort);
  const sizeNames: Record<TextSize, string> = {
    normal: t('profiles.comfort.normal'),
    large: t('profiles.comfort.large'),
    largest: t('profiles.comfort.largest'),
  };
  return (
    <div className="comfort">
      <div className="comfort-sizes" role="group" aria-label={t('profiles.comfort.textSize')}>
        {TEXT_SIZES.map((size) => (
          <button
            key={size}
            type="button"
            className={`comfort-chip size-${size}`}
            aria-pressed={comfort.textSize === size}
            title={sizeNames[size]}
            onClick={() => setComfort({ textSize: size })}
          >
            {/* The visible "A" starts the name, so "click A" by voice still finds it. */}
            <span aria-hidden="true">A</span>
            <span className="visually-hidden">A {sizeNames[size]}</span>
          </button>
        ))}
      </div>
      <button
        type="button"
        className="comfort-chip contrast"
        aria-pressed={comfort.highContrast}
        onClick={() => setComfort({ highContrast: !comfort.highContrast })}
      >
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor" />
        </svg>
        <span>{t('profiles.comfort.contrast')}</span>
      </button>
    </div>
  );
}
