import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../core/contract';
import { InlineError } from './InlineError';

interface Props {
  title: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /** A destructive action: the confirm button is red, and Cancel has the focus first. */
  danger?: boolean;
  busy?: boolean;
  error?: ApiError | null;
  children?: ReactNode;
}

/**
 * A modal question ("Remove this pack?"), on the browser's own <dialog>: it keeps keyboard focus
 * inside, Escape cancels, and focus returns where it was when it closes. Rendered only while open.
 */
export function ConsoleDialog({ title, confirmLabel, onConfirm, onCancel, danger, busy, error, children }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      previous?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="console-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) onConfirm();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <InlineError error={error ?? null} />
        <div className="actions">
          <button type="button" className="button secondary" autoFocus={danger} onClick={onCancel}>
            {t('console.common.cancel')}
          </button>
          <button type="submit" className={danger ? 'button danger' : 'button primary'} disabled={busy} aria-busy={busy}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
