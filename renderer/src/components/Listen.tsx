import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, type Narration } from '../../../core/contract';
import { assetUrl } from '../api/client';
import { useApp } from '../state/app-store';
import { isSpoken, type SpokenKey } from '../narration/spoken';

/**
 * Something the "listen" control plays: an interface text, spoken from the catalogue by the content
 * tools (renderer/public/narration/<language>/<key>.ogg), or a file of a pack's narration.
 */
export type Sound = { key: SpokenKey; language?: Language } | { packId: string; file: string };

/** An interface text's recording, in the interface's language. */
export function uiSound(key: SpokenKey): Sound {
  return { key };
}

/** The recording of a pack text: in the learner's language when there is one, else the pack's default. */
export function narrationFile(narration: Narration | undefined, language: Language, defaultLanguage: Language): { file: string; language: Language } | null {
  const found = [language, defaultLanguage, ...LANGUAGES].find((l) => narration?.[l] !== undefined);
  return found ? { file: narration![found]!, language: found } : null;
}

export function packSound(packId: string, narration: Narration | undefined, language: Language, defaultLanguage: Language): Sound[] {
  const found = narrationFile(narration, language, defaultLanguage);
  return found ? [{ packId, file: found.file }] : [];
}

export function soundUrl(sound: Sound, language: Language): string {
  return 'key' in sound ? `narration/${sound.language ?? language}/${encodeURIComponent(sound.key)}.ogg` : assetUrl(sound.packId, sound.file);
}

/** One voice at a time on the whole kiosk: starting one control stops the one that was speaking. */
let speaking: { stop(): void } | null = null;

interface Props {
  sounds: readonly Sound[];
  /** Starts by itself when the learner asked for it (their "read each screen aloud" choice). */
  autoPlay?: boolean;
  /** A smaller control, beside a single explanation. */
  small?: boolean;
  className?: string;
}

/**
 * A large "Listen" button for people who read with difficulty: it plays, one after the other, the
 * spoken texts of what is on the screen, and turns into "Stop" while it plays. It plays by itself
 * only for a learner who chose that.
 */
export function ListenButton({ sounds, autoPlay = false, small = false, className }: Props) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const wantsAutoplay = useApp((s) => s.autoplay);
  const audio = useRef<HTMLAudioElement>(null);
  const at = useRef(0);
  const [playing, setPlaying] = useState(false);
  /** This control, as the one speaking: the same object for its whole life. */
  const self = useRef({ stop: () => {} });
  const urls = sounds.map((sound) => soundUrl(sound, language));
  const identity = urls.join('|');

  function stop() {
    const element = audio.current;
    at.current = 0;
    setPlaying(false);
    if (element) {
      element.pause();
      if (urls[0]) element.src = urls[0];
    }
    if (speaking === self.current) speaking = null;
  }
  useEffect(() => {
    self.current.stop = stop;
  });

  function playFrom(index: number) {
    const element = audio.current;
    const url = urls[index];
    if (!element || !url) return stop();
    if (speaking && speaking !== self.current) speaking.stop();
    speaking = self.current;
    at.current = index;
    if (element.getAttribute('src') !== url) element.src = url;
    element.currentTime = 0;
    setPlaying(true);
    // A file that cannot be played (or a browser that refuses) only ends the listening.
    element.play().catch(() => stop());
  }

  // New texts (the next step, another language) stop the old ones; a learner who wants it hears them.
  useEffect(() => {
    const element = audio.current;
    const me = self.current;
    if (autoPlay && wantsAutoplay && urls.length > 0) playFrom(0);
    return () => {
      element?.pause();
      if (speaking === me) speaking = null;
    };
    // Keyed by the sounds themselves, not by the array's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity]);

  if (urls.length === 0) return null;
  return (
    <span className={['listen-control', className].filter(Boolean).join(' ')} data-sounds={JSON.stringify(urls)}>
      <button type="button" className={small ? 'button secondary listen small' : 'button secondary listen'} onClick={() => (playing ? stop() : playFrom(0))} aria-pressed={playing}>
        <SpeakerIcon playing={playing} />
        {playing ? t('player.listen.stop') : t('player.listen.play')}
      </button>
      <audio
        ref={audio}
        src={urls[0]}
        preload="none"
        onEnded={() => (at.current + 1 < urls.length ? playFrom(at.current + 1) : stop())}
        onError={() => (at.current + 1 < urls.length && playing ? playFrom(at.current + 1) : stop())}
      />
    </span>
  );
}

/** Drawn, not a font glyph: the fonts of old kiosk PCs have no loudspeaker sign. */
function SpeakerIcon({ playing }: { playing: boolean }) {
  return (
    <svg className="listen-icon" viewBox="0 0 24 24" width="1.2em" height="1.2em" aria-hidden="true" focusable="false">
      {playing ? (
        <rect x="6" y="6" width="12" height="12" rx="1.5" fill="currentColor" />
      ) : (
        <>
          <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
          <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

/** Spoken interface texts only: a key nobody made a recording of is a mistake caught in tests. */
export function spokenKeys(...keys: Array<string | false | null | undefined>): Sound[] {
  return keys.filter((k): k is string => typeof k === 'string' && isSpoken(k)).map((key) => ({ key: key as SpokenKey }));
}
