import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assetUrl } from '../api/client';
import { LocalizedText } from '../components/LocalizedText';
import type { StepProps } from './types';
import { usePick } from './usePick';

/** A picture from the pack with its alt text; if the file cannot be shown, the alt text is. */
export function ImageStep({ step, packId, defaultLanguage }: StepProps<'image'>) {
  const { t } = useTranslation();
  const pick = usePick(defaultLanguage);
  const [broken, setBroken] = useState(false);
  const alt = pick(step.alt);
  return (
    <figure className="image-step">
      {broken ? (
        <p className="image-missing">
          {t('player.image.missing')} <span lang={alt.language}>{alt.text}</span>
        </p>
      ) : (
        <img src={assetUrl(packId, step.file)} alt={alt.text} lang={alt.language} onError={() => setBroken(true)} />
      )}
      {step.caption && (
        <figcaption>
          <LocalizedText text={step.caption} defaultLanguage={defaultLanguage} />
        </figcaption>
      )}
    </figure>
  );
}
