import { useTranslation } from 'react-i18next';
import { PICTURE_SECRETS } from '../../../core/contract';
import { SecretPicture, usePictureNames, type PictureName } from './SecretPicture';

export const PICTURE_COUNT = 3;

interface Props {
  /** Prefix for element ids, so a form can focus the first picture when the choice is incomplete. */
  id: string;
  label: string;
  value: PictureName[];
  onChange(value: PictureName[]): void;
  disabled?: boolean;
  describedBy?: string;
}

/**
 * Three pictures out of nine, in order: a secret for learners who cannot read numbers. The chosen
 * sequence stays visible (also when opening a profile): these learners need to see what they
 * pressed, and anyone watching the screen sees the presses anyway.
 */
export function PicturePad({ id, label, value, onChange, disabled = false, describedBy }: Props) {
  const { t } = useTranslation();
  const names = usePictureNames();
  const full = value.length >= PICTURE_COUNT;
  return (
    <div className="picture-pad" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
      <p id={`${id}-label`} className="pin-label">
        {label}
      </p>
      <div className="picture-keys">
        {PICTURE_SECRETS.map((picture, index) => (
          <button
            key={picture}
            id={index === 0 ? `${id}-first` : undefined}
            type="button"
            className="picture-key"
            disabled={disabled}
            // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
            aria-disabled={full}
            onClick={() => !full && onChange([...value, picture])}
          >
            <SecretPicture picture={picture} size={72} />
            <span>{names[picture]}</span>
          </button>
        ))}
      </div>
      <div className="chosen-row">
        <ol className="chosen-pictures" aria-label={t('profiles.secret.chosen')} aria-live="polite">
          {Array.from({ length: PICTURE_COUNT }, (_, slot) => {
            const picture = value[slot];
            return (
              <li key={slot} className={picture ? 'chosen-slot filled' : 'chosen-slot'}>
                <span className="slot-number" aria-hidden="true">
                  {slot + 1}
                </span>
                {picture ? (
                  <>
                    <SecretPicture picture={picture} size={56} />
                    <span className="visually-hidden">{names[picture]}</span>
                  </>
                ) : (
                  <span className="visually-hidden">{t('profiles.secret.emptySlot')}</span>
                )}
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="button secondary"
          disabled={disabled}
          aria-disabled={value.length === 0}
          onClick={() => onChange(value.slice(0, -1))}
        >
          <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M9 7L4 12l5 5M4 12h11a5 5 0 0 1 0 10h-3" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>{' '}
          {t('profiles.secret.undo')}
        </button>
      </div>
    </div>
  );
}
