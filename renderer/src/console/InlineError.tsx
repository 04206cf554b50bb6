import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../core/contract';

/** A failed call shown beside the form it came from, translated and announced. */
export function InlineError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  return (
    <p className="console-error" role="alert">
      {error ? t(`errors.${error.code}`, error.params as Record<string, string>) : ''}
    </p>
  );
}
