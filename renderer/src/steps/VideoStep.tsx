import { useId } from 'react';
import { LANGUAGE_NATIVE_NAMES, LANGUAGES, type Language } from '../../../core/contract';
import { assetUrl } from '../api/client';
import { LocalizedText } from '../components/LocalizedText';
import { useApp } from '../state/app-store';
import type { StepProps } from './types';

/** A pack video with the browser's own controls (keyboard-operable) and captions per language. */
export function VideoStep({ step, packId, defaultLanguage }: StepProps<'video'>) {
  const language = useApp((s) => s.language);
  const descriptionId = useId();
  const captions = LANGUAGES.flatMap((l) => (step.captions?.[l] ? [{ language: l, file: step.captions[l] }] : []));
  const shown: Language | undefined = [language, defaultLanguage, ...LANGUAGES].find((l) => captions.some((c) => c.language === l));
  return (
    <figure className="video-step">
      {/* Keyed by the captions' language: <track default> is only read when the video is created. */}
      <video
        key={shown ?? 'none'}
        controls
        preload="metadata"
        src={assetUrl(packId, step.file)}
        poster={step.poster ? assetUrl(packId, step.poster) : undefined}
        aria-describedby={descriptionId}
      >
        {captions.map((c) => (
          <track key={c.language} kind="captions" src={assetUrl(packId, c.file)} srcLang={c.language} label={LANGUAGE_NATIVE_NAMES[c.language]} default={c.language === shown} />
        ))}
      </video>
      <figcaption id={descriptionId}>
        <LocalizedText as="p" text={step.description} defaultLanguage={defaultLanguage} />
      </figcaption>
    </figure>
  );
}
