import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, type Narration } from '../../../core/contract';
import { assetUrl } from '../api/client';
import { useApp } from '../state/app-store';

/** The recording to play: in the learner's language when there is one, else the pack's default. */
export function narrationFile(narration: Narration | undefined, language: Language, defaultLanguage: Language): { file: string; language: Language } | null {
  const found = [language, defaultLanguage, ...LANGUAGES].find((l) => narration?.[l] !== undefined);
  return found ? { file: narration![found]!, language: found } : null;
}

/**
 * A large "Listen" button for learners who read with difficulty: it plays the spoken text of what
 * is on the screen, and turns into "Stop" while it plays. Nothing plays by itself.
 */
export function ListenButton({ packId, narration, defaultLanguage, small = false }: { packId: string; narration: Narration | undefined; defaultLanguage: Language; small?: boolean }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const found = narrationFile(narration, language, defaultLanguage);
  const src = found ? assetUrl(packId, found.file) : undefined;

  // A new text (the next step) stops the old one.
  useEffect(() => {
    const element = audio.current;
    return () => element?.pause();
  }, [src]);

  if (!src) return null;
  function toggle() {
    const element = audio.current;
    if (!element) return;
    if (playing) {
      element.pause();
      element.currentTime = 0;
      return;
    }
    element.currentTime = 0;
    void element.play().catch(() => setPlaying(false));
  }
  return (
    <>
      <button type="button" className={small ? 'button secondary listen small' : 'button secondary listen'} onClick={toggle} aria-pressed={playing}>
        <span aria-hidden="true">{playing ? '■ ' : '🔊 '}</span>
        {playing ? t('player.listen.stop') : t('player.listen.play')}
      </button>
      <audio ref={audio} src={src} preload="none" onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)} onEnded={() => setPlaying(false)} />
    </>
  );
}
