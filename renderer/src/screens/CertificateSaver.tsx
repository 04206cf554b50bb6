import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, StickChoice } from '../../../core/contract';
import { desktop } from '../api/client';

type State =
  | { name: 'idle' }
  | { name: 'saving' }
  | { name: 'no-stick' }
  | { name: 'choose'; sticks: StickChoice[] }
  | { name: 'saved'; stick: string; file: string }
  | { name: 'failed'; error: ApiError };

/**
 * "Save as a PDF on a USB stick", in the desktop app only (a browser's own print dialog saves
 * PDFs there). With one stick in the PC it saves at once; with several it asks which.
 */
export function CertificateSaver({ code }: { code: string }) {
  const { t } = useTranslation();
  const bridge = desktop();
  const [state, setState] = useState<State>({ name: 'idle' });
  if (!bridge?.sticks || !bridge.saveCertificatePdf) return null;
  const { sticks, saveCertificatePdf } = bridge;

  async function saveOn(stick: StickChoice) {
    setState({ name: 'saving' });
    const result = await saveCertificatePdf(stick.id, code);
    setState(result.ok ? { name: 'saved', ...result.value } : { name: 'failed', error: result.error });
  }

  async function start() {
    const seen = await sticks();
    if (seen.length === 0) setState({ name: 'no-stick' });
    else if (seen.length === 1) await saveOn(seen[0]!);
    else setState({ name: 'choose', sticks: seen });
  }

  const busy = state.name === 'saving';
  return (
    <div className="certificate-saver">
      <button type="button" className="button secondary big" disabled={busy} aria-busy={busy} onClick={() => void start()}>
        {busy ? t('profiles.certificate.saving') : t('profiles.certificate.savePdf')}
      </button>
      {state.name === 'choose' && (
        <fieldset className="stick-choice">
          <legend>{t('profiles.certificate.chooseStick')}</legend>
          {state.sticks.map((stick) => (
            <button key={stick.id} type="button" className="button secondary" onClick={() => void saveOn(stick)}>
              {stick.label}
            </button>
          ))}
        </fieldset>
      )}
      <p role="status" className="certificate-saver-status">
        {state.name === 'no-stick' && t('profiles.certificate.noStick')}
        {state.name === 'saved' && t('profiles.certificate.saved', { stick: state.stick, file: state.file })}
        {state.name === 'failed' && t(`errors.${state.error.code}`, state.error.params)}
      </p>
    </div>
  );
}
