import { useTranslation } from 'react-i18next';

export const PIN_LENGTH = 4;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

interface Props {
  /** The input's id, so a form can focus it when the PIN is incomplete. */
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** Hidden as dots when opening a profile; shown while choosing, so it can be remembered. */
  masked: boolean;
  disabled?: boolean;
  describedBy?: string;
  invalid?: boolean;
}

/**
 * A four-digit PIN: a real text field (typeable, read by screen readers) above a big on-screen
 * pad laid out like a phone's, for people who have never used a keyboard.
 */
export function PinPad({ id, label, value, onChange, masked, disabled = false, describedBy, invalid = false }: Props) {
  const { t } = useTranslation();
  const press = (digit: string) => {
    if (value.length < PIN_LENGTH) onChange(value + digit);
  };
  return (
    <div className="pin-pad">
      <label htmlFor={id} className="pin-label">
        {label}
      </label>
      <input
        id={id}
        className={masked ? 'pin-input masked' : 'pin-input'}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        spellCheck={false}
        maxLength={PIN_LENGTH}
        value={value}
        disabled={disabled}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, PIN_LENGTH))}
      />
      <div className="pin-keys" role="group" aria-label={t('profiles.secret.pinPad')}>
        {DIGITS.map((digit) => (
          <button key={digit} type="button" className="pin-key" disabled={disabled} onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" className="pin-key zero" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          className="pin-key erase"
          disabled={disabled}
          // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
          aria-disabled={value === ''}
          onClick={() => onChange(value.slice(0, -1))}
        >
          <svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M9 5h12v14H9l-7-7z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
            <path d="M12 9l6 6M18 9l-6 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          {t('profiles.secret.erase')}
        </button>
      </div>
    </div>
  );
}
