import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, MethodOutput } from '../../../core/contract';
import { AvatarPicture } from '../components/AvatarPicture';
import { useApiCommand } from '../data/useApiCommand';
import { useApiPages } from '../data/useApiPages';
import { InlineError } from './InlineError';
import { EraseDialog } from './reports/EraseDialog';
import { dayLabel } from './reports/format';
import { LearnerProgress } from './reports/LearnerProgress';
import './reports/reports.css';

type LearnerRow = MethodOutput<'learners.search'>['learners'][number];

const PAGE = 50;
/** Typing pauses this long before the list is searched again. */
const SEARCH_DELAY_MS = 250;

/** Removing the secret is also how a locked profile is unlocked: the button says so when it is locked. */
function secretButton(learner: LearnerRow): string {
  const unlocks = learner.locked || learner.needsLibrarian;
  if (learner.secret === 'pin') return unlocks ? 'reports.learners.unlockPin' : 'reports.learners.resetPin';
  return unlocks ? 'reports.learners.unlockPictures' : 'reports.learners.resetPictures';
}

/** Learners: find one, see their progress, reset their secret, or erase them completely. */
export function LearnersSection() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [query, setQuery] = useState('');
  /** The search sent: what was typed, once typing pauses. */
  const [searched, setSearched] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [erasing, setErasing] = useState<LearnerRow | null>(null);
  const [notice, setNotice] = useState('');
  const searchField = useRef<HTMLInputElement>(null);
  const pages = useApiPages('learners.search', { query: searched.trim() }, PAGE);
  const reset = useApiCommand('learners.resetSecret');
  const erasure = useApiCommand('learners.erase');
  const busy = reset.busy || erasure.busy;
  const learners = pages.data?.pages.flatMap((page) => page.learners) ?? [];
  const total = pages.data?.pages.at(-1)?.total ?? null;

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query), query ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [query]);

  const resetSecret = async (learner: LearnerRow) => {
    erasure.reset();
    if (!(await reset.run({ learnerId: learner.id }))) return;
    setNotice(t('reports.learners.secretReset', { name: learner.displayName }));
  };

  const erase = async (learner: LearnerRow) => {
    reset.reset();
    const done = await erasure.run({ learnerId: learner.id });
    setErasing(null);
    if (!done) return;
    setOpen(null);
    setNotice(t('reports.learners.erased', { name: learner.displayName }));
    // The row that had focus is gone: continue from the search field.
    searchField.current?.focus();
  };

  return (
    <div className="learners-section">
      <form role="search" className="learner-search" onSubmit={(e) => {
        e.preventDefault();
        if (query === searched) void pages.refetch();
        else setSearched(query);
      }}>
        <label htmlFor="learner-search">{t('reports.learners.searchLabel')}</label>
        <input id="learner-search" ref={searchField} type="search" value={query} maxLength={100} autoComplete="off" onChange={(e) => {
          setQuery(e.target.value);
          setNotice("");
        }} />
      </form>
      <p role="status" className="hint">
        {total === null ? t('reports.learners.loading') : total === 0 ? t('reports.learners.none') : t('reports.learners.showing', { count: total, shown: learners.length })}
      </p>
      <p role="status" className="reports-notice">
        {notice}
      </p>

      <ul className="learner-list">
        {learners.map((learner) => {
          const expanded = open === learner.id;
          const detailId = `learner-${learner.id}-detail`;
          return (
            <li key={learner.id} className="learner-row">
              <div className="learner-summary">
                <AvatarPicture avatar={learner.avatar} size={48} />
                <div className="learner-facts">
                  <h2 className="console-learner-name">{learner.displayName}</h2>
                  <p>
                    {learner.lastActiveOn ? t('reports.learners.lastActive', { day: dayLabel(learner.lastActiveOn, language) }) : t('reports.learners.neverActive')}
                    {' · '}
                    {t('reports.learners.lessonsCompleted', { count: learner.lessonsCompleted })}
                    {' · '}
                    {t('reports.learners.coursesCompleted', { count: learner.coursesCompleted })}
                  </p>
                  <p className="hint">
                    {t(`reports.learners.secret.${learner.secret}`)}
                    {learner.needsLibrarian ? ` · ${t('reports.learners.needsLibrarian')}` : learner.locked && ` · ${t('reports.learners.locked')}`}
                  </p>
                </div>
                <button type="button" className="button secondary" aria-expanded={expanded} aria-controls={detailId} onClick={() => {
                  reset.reset();
                  erasure.reset();
                  setOpen(expanded ? null : learner.id);
                }}>
                  {t('reports.learners.details', { name: learner.displayName })}
                </button>
              </div>
              {expanded && (
                <div id={detailId} className="learner-detail">
                  <h3>{t('reports.learners.progressTitle')}</h3>
                  <LearnerProgress learnerId={learner.id} />
                  <div className="actions">
                    {learner.secret !== 'none' && (
                      <button type="button" className="button secondary" disabled={busy} onClick={() => void resetSecret(learner)}>
                        {t(secretButton(learner), { name: learner.displayName })}
                      </button>
                    )}
                    <button type="button" className="button danger" disabled={busy} onClick={() => setErasing(learner)}>
                      {t('reports.learners.erase', { name: learner.displayName })}
                    </button>
                  </div>
                  <InlineError error={reset.error ?? erasure.error} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {pages.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void pages.fetchNextPage()}>
          {t('reports.learners.showMore')}
        </button>
      )}
      {erasing && <EraseDialog name={erasing.displayName} busy={busy} onConfirm={() => void erase(erasing)} onCancel={() => setErasing(null)} />}
    </div>
  );
}
