import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { checkField, type FormField } from '../../../../core/contract';
import { LocalizedText } from '../../components/LocalizedText';
import type { SelfSubmitProps } from '../types';
import { usePick } from '../usePick';
import { FormFieldInput } from './FormFieldInput';
import { FormReview } from './FormReview';
import { PracticeBanner } from './PracticeBanner';
import { PracticeCard } from './PracticeCard';
import { ruleMessage } from './ruleMessage';

type Values = Record<string, string | boolean>;

/**
 * A simulated e-service: pages of fields checked as the learner goes (with the same rules core
 * judges by), a review page with "Change" buttons, then a practice reference number. It is marked
 * as practice on every page, and nothing leaves the kiosk.
 */
export function FormStep({ step, defaultLanguage, submit, actionSlot }: SelfSubmitProps<'form'> & { actionSlot: HTMLElement | null }) {
  const { t } = useTranslation();
  const pick = usePick(defaultLanguage);
  const baseId = useId();
  const [values, setValues] = useState<Values>({});
  /** Fields whose problems are shown: left once, or on a page the learner tried to leave. */
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const [coreErrors, setCoreErrors] = useState<Record<string, string>>({});
  const [page, setPage] = useState(0);
  const [fromReview, setFromReview] = useState(false);
  const [reference, setReference] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [status, setStatus] = useState({ text: '', n: 0 });
  const [focus, setFocus] = useState<{ target: string; n: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const formId = `${baseId}-form`;
  /**
   * The form's own buttons go in the lesson's button row, which is always on the screen: a form in
   * very large letters is taller than the screen, and its "Next" must not be below it.
   */
  const buttons = (content: ReactNode) => {
    const row = <div className="form-buttons">{content}</div>;
    return actionSlot ? createPortal(row, actionSlot) : row;
  };
  const reviewPage = step.pages.length;
  const successPage = reviewPage + 1;
  const domId = (field: FormField) => `${baseId}-${field.id}`;

  // Focus follows the learner: to the new page's heading, or to the field that needs attention.
  useEffect(() => {
    if (!focus) return;
    if (focus.target === 'heading') heading.current?.focus();
    else document.getElementById(focus.target)?.focus();
  }, [focus]);
  const focusOn = (target: string) => setFocus({ target, n: (focus?.n ?? 0) + 1 });
  const say = (text: string) => setStatus({ text, n: status.n + 1 });

  function errorOf(field: FormField): { text: string; language?: string } | null {
    const rule = (shown[field.id] ? checkField(field, values[field.id], step.card) : null) ?? coreErrors[field.id];
    if (!rule) return null;
    if (field.errorMessage) {
      const own = pick(field.errorMessage);
      return { text: own.text, language: own.language };
    }
    return { text: ruleMessage(t, field, rule) };
  }

  function setValue(field: FormField, value: string | boolean) {
    setValues({ ...values, [field.id]: value });
    if (coreErrors[field.id]) {
      const rest = { ...coreErrors };
      delete rest[field.id];
      setCoreErrors(rest);
    }
  }

  function goTo(next: number) {
    setPage(next);
    setStatus({ text: '', n: status.n + 1 });
    focusOn('heading');
  }

  function leavePage(event: FormEvent) {
    event.preventDefault();
    const fields = step.pages[page]!.fields;
    const wrong = fields.filter((f) => checkField(f, values[f.id], step.card) !== null);
    if (wrong.length > 0) {
      setShown({ ...shown, ...Object.fromEntries(fields.map((f) => [f.id, true])) });
      say(t('player.form.fixErrors', { count: wrong.length }));
      focusOn(domId(wrong[0]!));
      return;
    }
    if (fromReview || page + 1 === reviewPage) {
      setFromReview(false);
      goTo(reviewPage);
    } else goTo(page + 1);
  }

  function change(field: FormField) {
    setFromReview(true);
    setPage(step.pages.findIndex((p) => p.fields.includes(field)));
    focusOn(domId(field));
  }

  async function send() {
    if (sending) return;
    setSending(true);
    const outcome = await submit({ values });
    setSending(false);
    if (!outcome) return;
    if (outcome.correct === false) {
      // Core found a problem: back to the first page that has one, with every problem shown.
      const errors = outcome.fieldErrors ?? {};
      setCoreErrors(errors);
      setShown({ ...shown, ...Object.fromEntries(Object.keys(errors).map((id) => [id, true])) });
      const firstPage = Math.max(0, step.pages.findIndex((p) => p.fields.some((f) => errors[f.id])));
      const firstField = step.pages[firstPage]!.fields.find((f) => errors[f.id]);
      setPage(firstPage);
      setFromReview(true);
      say(t('player.form.fixErrors', { count: Object.keys(errors).length }));
      focusOn(firstField ? domId(firstField) : 'heading');
      return;
    }
    setReference(outcome.reference ?? null);
    goTo(successPage);
  }

  return (
    <div className={step.card && page < successPage ? 'form-step with-card' : 'form-step'}>
      <PracticeBanner />
      {step.card && page < successPage && <PracticeCard card={step.card} defaultLanguage={defaultLanguage} />}
      <div className="practice-portal">
        <LocalizedText as="h3" text={step.service} defaultLanguage={defaultLanguage} className="portal-name" />
        <div role="status" className="form-status">
          {status.text && <p key={status.n}>{status.text}</p>}
        </div>
        {page < reviewPage && (
          <form id={formId} noValidate onSubmit={leavePage} aria-labelledby={`${baseId}-page`}>
            <h4 id={`${baseId}-page`} ref={heading} tabIndex={-1}>
              <span className="page-of">{t('player.form.pageOf', { current: page + 1, total: step.pages.length + 1 })}</span>{' '}
              <LocalizedText text={step.pages[page]!.title} defaultLanguage={defaultLanguage} />
            </h4>
            {step.pages[page]!.fields.map((field) => {
              const error = errorOf(field);
              return (
                <FormFieldInput
                  key={field.id}
                  field={field}
                  copyFrom={step.card?.rows.find((row) => row.id === field.copyFrom)?.label}
                  domId={domId(field)}
                  defaultLanguage={defaultLanguage}
                  value={values[field.id]}
                  error={error?.text ?? null}
                  errorLanguage={error?.language}
                  disabled={sending}
                  onChange={(value) => setValue(field, value)}
                  onBlur={() => !shown[field.id] && setShown({ ...shown, [field.id]: true })}
                />
              );
            })}
            {buttons(
              <>
                {page > 0 && !fromReview && (
                  <button type="button" className="button secondary form-back" onClick={() => goTo(page - 1)}>
                    <span aria-hidden="true">← </span>
                    {t('player.form.back')}
                  </button>
                )}
                <button type="submit" form={formId} className="button primary big form-next">
                  {fromReview ? t('player.form.backToReview') : t('player.form.next')}
                  <span aria-hidden="true"> →</span>
                </button>
              </>,
            )}
          </form>
        )}
        {page === reviewPage && (
          <div className="form-review">
            <h4 ref={heading} tabIndex={-1}>
              <span className="page-of">{t('player.form.pageOf', { current: reviewPage + 1, total: step.pages.length + 1 })}</span>{' '}
              {t('player.form.reviewTitle')}
            </h4>
            <p>{t('player.form.reviewHint')}</p>
            <FormReview step={step} values={values} defaultLanguage={defaultLanguage} onChange={change} />
            {buttons(
              <>
                <button type="button" className="button secondary form-back" onClick={() => !sending && goTo(reviewPage - 1)} aria-disabled={sending}>
                  <span aria-hidden="true">← </span>
                  {t('player.form.back')}
                </button>
                <button type="button" className="button primary big form-next" onClick={() => void send()} aria-disabled={sending}>
                  {t('player.form.submit')}
                </button>
              </>,
            )}
          </div>
        )}
        {page === successPage && (
          <div className="form-success">
            <h4 ref={heading} tabIndex={-1}>
              <span aria-hidden="true">✓ </span>
              <LocalizedText text={step.success.title} defaultLanguage={defaultLanguage} />
            </h4>
            <LocalizedText as="p" text={step.success.body} defaultLanguage={defaultLanguage} />
            {reference && (
              <p className="reference">
                {t('player.form.reference')} <strong className="reference-number">{reference}</strong>
              </p>
            )}
            <p className="hint">{t('player.form.nothingSent')}</p>
          </div>
        )}
      </div>
    </div>
  );
}
