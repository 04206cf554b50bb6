import Markdown from 'react-markdown';
import type { Language, StepView } from '../../../core/contract';
import { pickText } from '../i18n/i18n';
import { FallbackNote } from '../components/LocalizedText';

/** The Markdown subset packs may use; anything else (raw HTML, links, images) is dropped. */
const ALLOWED = ['p', 'strong', 'em', 'ul', 'ol', 'li', 'h2', 'h3', 'br', 'blockquote'];

export function TextStep({ step, language, defaultLanguage }: { step: Extract<StepView, { kind: 'text' }>; language: Language; defaultLanguage: Language }) {
  const picked = pickText(step.body, language, defaultLanguage);
  return (
    <div className="text-step" lang={picked.language}>
      {picked.fallback && (
        <p>
          <FallbackNote shown={picked.language} />
        </p>
      )}
      <Markdown allowedElements={ALLOWED} unwrapDisallowed skipHtml>
        {picked.text}
      </Markdown>
    </div>
  );
}
