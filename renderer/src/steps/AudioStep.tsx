import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../core/contract';
import { assetUrl } from '../api/client';
import { FallbackNote, LocalizedText } from '../components/LocalizedText';
import { useApp } from '../state/app-store';
import { Icon } from './Icon';
import type { StepOf, StepProps } from './types';

type Cue = { start: number; end: number };

/** The language to play: the learner's if the pack recorded it, else the pack's default, else any. */
function trackLanguage(step: StepOf<'audio'>, language: Language, defaultLanguage: Language): Language | undefined {
  return [language, defaultLanguage, ...LANGUAGES].find((l) => step.tracks[l] !== undefined);
}

function transcriptLanguage(step: StepOf<'audio'>, preferred: Language | undefined, language: Language, defaultLanguage: Language): Language | undefined {
  return [preferred, language, defaultLanguage, ...LANGUAGES].find((l): l is Language => l !== undefined && step.transcript[l] !== undefined);
}

function cueAt(cues: readonly Cue[], time: number): number | null {
  const index = cues.findIndex((c) => time >= c.start && time < c.end);
  return index >= 0 ? index : null;
}

/**
 * Narration with big Listen / Pause / Listen again buttons and the transcript beside it. When the
 * track has cues, the sentence being spoken is highlighted so slow readers can follow along.
 */
export function AudioStep({ step, packId, defaultLanguage }: StepProps<'audio'>) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [started, setStarted] = useState(false);
  const [ended, setEnded] = useState(false);
  const [cue, setCue] = useState<number | null>(null);
  const [blocked, setBlocked] = useState(false);
  const [failed, setFailed] = useState(false);

  const playLanguage = trackLanguage(step, language, defaultLanguage);
  const track = playLanguage ? step.tracks[playLanguage] : undefined;
  const src = track ? assetUrl(packId, track.file) : undefined;
  const textLanguage = transcriptLanguage(step, playLanguage, language, defaultLanguage);
  const sentences = textLanguage ? (step.transcript[textLanguage] ?? []) : [];
  // Cues belong to the recording: highlight only when the transcript is in the language heard.
  const cues = textLanguage === playLanguage ? (track?.cues ?? []) : [];
  const shownLanguage = playLanguage ?? textLanguage;

  useEffect(() => {
    const element = audio.current;
    if (!step.autoplay || !element) return;
    // Browsers may refuse to play before the learner has pressed anything: then we just ask them to.
    element.play().catch(() => setBlocked(true));
    return () => element.pause();
  }, [step.autoplay, src]);

  function toggle() {
    const element = audio.current;
    if (!element) return;
    if (playing) element.pause();
    else element.play().catch(() => setFailed(true));
  }

  function replay() {
    const element = audio.current;
    if (!element) return;
    element.currentTime = 0;
    element.play().catch(() => setFailed(true));
  }

  const toggleLabel = playing ? t('player.audio.pause') : started && !ended ? t('player.audio.resume') : t('player.audio.play');
  return (
    <div className="audio-step">
      <LocalizedText as="h3" text={step.title} defaultLanguage={defaultLanguage} />
      {shownLanguage && shownLanguage !== language && (
        <p className="hint">
          <FallbackNote shown={shownLanguage} />
        </p>
      )}
      {src && (
        <>
          <audio
            ref={audio}
            src={src}
            preload="auto"
            onPlay={() => {
              setPlaying(true);
              setStarted(true);
              setEnded(false);
              setBlocked(false);
            }}
            onPause={() => setPlaying(false)}
            onEnded={() => {
              setPlaying(false);
              setEnded(true);
              setCue(null);
            }}
            onTimeUpdate={(e) => setCue(cueAt(cues, e.currentTarget.currentTime))}
            onError={() => setFailed(true)}
          />
          <div className="audio-controls">
            <button type="button" className="button primary big" onClick={toggle} disabled={failed}>
              <Icon name={playing ? 'pause' : 'play'} /> {toggleLabel}
            </button>
            <button type="button" className="button big" onClick={replay} disabled={failed}>
              <span aria-hidden="true">↺ </span>
              {t('player.audio.replay')}
            </button>
          </div>
          <p className="hint" role="status">
            {failed ? t('player.audio.failed') : blocked ? t('player.audio.pressPlay') : ''}
          </p>
        </>
      )}
      {sentences.length > 0 && (
        <div className="transcript" lang={textLanguage}>
          <h4 lang={language}>{t('player.audio.transcript')}</h4>
          {sentences.map((sentence, i) => (
            <p key={i} className={cue === i ? 'sentence current' : 'sentence'} aria-current={cue === i ? 'true' : undefined}>
              {sentence}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
