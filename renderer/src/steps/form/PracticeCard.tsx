import { useTranslation } from 'react-i18next';
import type { Language, PracticeCard as Card } from '../../../../core/contract';
import { LocalizedText } from '../../components/LocalizedText';

/**
 * The made-up person whose details the practice form asks for, beside the form on every page, so
 * the learner copies them from the screen and never types their own.
 */
export function PracticeCard({ card, defaultLanguage }: { card: Card; defaultLanguage: Language }) {
  const { t } = useTranslation();
  return (
    <aside className="practice-card" aria-labelledby="practice-card-title">
      <LocalizedText as="h4" id="practice-card-title" text={card.title} defaultLanguage={defaultLanguage} />
      <dl>
        {card.rows.map((row) => (
          <div key={row.id} className="practice-card-row">
            <dt>
              <LocalizedText text={row.label} defaultLanguage={defaultLanguage} />
            </dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t('player.form.cardNote')}</p>
    </aside>
  );
}
