import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NATIVE_NAMES } from '../../../core/contract';
import { useApp } from '../state/app-store';
import { ComfortControls } from './ComfortControls';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * "Language and text": one button in the compact top bar that opens the languages, the text sizes,
 * high contrast and "read each screen aloud". It shows the current language's name, so someone
 * who cannot read this one still recognises the button. Before anyone signs in, the languages
 * stay in the bar itself and the button holds only text and colours ("Aa"). Escape or a press
 * elsewhere closes it.
 */
export function DisplayMenu({ languages = true }: { languages?: boolean }) {
  const { t } = useTranslation();
  const { language, autoplay, setAutoplay, learner } = useApp();
  const label = languages ? t('profiles.display.button') : t('profiles.display.textButton');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('button, input')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="display-menu">
      <button ref={button} type="button" className="top-button display-toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {languages ? (
          <svg viewBox="0 0 24 24" width="1.3em" height="1.3em" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        ) : (
          <span className="display-aa" aria-hidden="true">
            Aa
          </span>
        )}
        <span className="display-label">{label}</span>
        {languages && (
          <span className="display-current" lang={language}>
            {LANGUAGE_NATIVE_NAMES[language]}
          </span>
        )}
      </button>
      {open && (
        <div ref={panel} id={panelId} className="display-panel" role="group" aria-label={label}>
          {languages && <LanguageSwitch />}
          <ComfortControls />
          {/* Reading aloud is a learner's own choice, remembered for them. */}
          {learner && (
            <label className="autoplay-choice">
              <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} />
              <span>{t('profiles.display.autoplay')}</span>
            </label>
          )}
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setOpen(false);
              button.current?.focus();
            }}
          >
            {t('profiles.display.close')}
          </button>
        </div>
      )}
    </div>
  );
}
