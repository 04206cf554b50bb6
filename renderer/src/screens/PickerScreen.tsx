import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldName, type Learner } from '../../../core/contract';
import { AvatarPicture } from '../components/AvatarPicture';
import { ListenButton, spokenKeys } from '../components/Listen';
import { LibrarianBadge, LockBadge } from '../components/LockBadge';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';
import { PAINTED_MARKS, markWhenPainted } from '../state/painted-mark';

/** Cards drawn at first and per "show more": a kiosk with 2,000 learners still opens at once. */
const PAGE = 40;
/** Below this many names everyone fits on a screen or two, and a search box is only clutter. */
const SEARCH_FROM = 13;

interface Entry {
  learner: Learner;
  /** The name folded for search (see `fold`). */
  key: string;
  /** When a locked profile may be tried again, as a Date.now() time; 0 when not locked. */
  lockedUntil: number;
}

const fold = foldName;

/** Names that start with the search first, then names with a word starting with it, then the rest. */
function search(entries: Entry[], query: string): Entry[] {
  const q = fold(query);
  if (!q) return entries;
  const starts: Entry[] = [];
  const words: Entry[] = [];
  const inside: Entry[] = [];
  for (const entry of entries) {
    const at = entry.key.indexOf(q);
    if (at < 0) continue;
    if (at === 0) starts.push(entry);
    else if (entry.key.includes(` ${q}`)) words.push(entry);
    else inside.push(entry);
  }
  return [...starts, ...words, ...inside];
}

/** "Who is learning today?": everyone's picture and name, a new profile, or learning as a guest. */
export function PickerScreen() {
  const { t } = useTranslation();
  const { chooseLearner, startGuest, go, notice } = useApp();
  const listed = useApiQuery('learners.list', {});
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  // A ref, not state: disabling the cards while a profile opens would drop the keyboard focus.
  const busy = useRef(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const list = useRef<HTMLUListElement>(null);

  // A lock's end counts from when the list was read.
  const { data: learners, dataUpdatedAt: readAt } = listed;
  const entries = useMemo<Entry[] | null>(
    () =>
      learners?.map((learner) => ({
        learner,
        key: fold(learner.displayName),
        lockedUntil: learner.lockedSeconds > 0 ? readAt + learner.lockedSeconds * 1000 : 0,
      })) ?? null,
    [learners, readAt],
  );

  const painted = entries !== null;
  useEffect(() => {
    if (painted) markWhenPainted(PAINTED_MARKS.picker);
  }, [painted]);

  // Said to whoever comes next: the last person was signed out because nobody was there.
  const noticeKey = notice === 'idle' ? 'profiles.picker.signedOutIdle' : notice === 'idle-guest' ? 'profiles.picker.signedOutIdleGuest' : null;
  const matches = useMemo(() => (entries ? search(entries, query) : []), [entries, query]);
  const shown = matches.slice(0, limit);

  const open = useCallback(
    async (entry: Entry) => {
      if (busy.current) return;
      const { learner } = entry;
      // Locked or protected: the unlock screen asks (or shows the lock) without a wasted try.
      if (learner.secret !== 'none' || learner.needsLibrarian || entry.lockedUntil > Date.now()) return go({ name: 'unlock', learner, lockedUntil: entry.lockedUntil });
      busy.current = true;
      const problem = await chooseLearner(learner.id);
      busy.current = false;
      // Protected since the list was read: ask for the secret after all.
      const kind = problem?.params.kind;
      if (problem) go({ name: 'unlock', learner: { ...learner, secret: kind === 'pictures' ? 'pictures' : 'pin' } });
    },
    [chooseLearner, go],
  );

  async function guest() {
    if (busy.current) return;
    busy.current = true;
    await startGuest();
    busy.current = false;
  }

  function showMore() {
    const first = limit;
    setLimit(limit + PAGE);
    // Keyboard users continue from the first new name instead of starting over at the top.
    requestAnimationFrame(() => list.current?.querySelectorAll<HTMLButtonElement>('.learner-card')[first]?.focus());
  }

  return (
    <section className="screen picker-screen" aria-labelledby="picker-title">
      <div className="screen-head">
        <h1 id="picker-title" ref={heading} tabIndex={-1}>
          {t('picker.title')}
        </h1>
        <ListenButton sounds={spokenKeys(noticeKey, 'picker.title', 'picker.hint', 'profiles.picker.guest', 'profiles.picker.guestHint')} />
      </div>
      {noticeKey && (
        <p className="notice" role="status">
          {t(noticeKey)}
        </p>
      )}
      <p className="hint">{t('picker.hint')}</p>
      <div className="picker-actions">
        <button type="button" className="learner-card new" onClick={() => go({ name: 'new-learner' })}>
          <span className="plus" aria-hidden="true">
            +
          </span>
          <span className="learner-name">{t('picker.newLearner')}</span>
        </button>
        <button type="button" className="learner-card guest" onClick={() => void guest()}>
          <AvatarPicture avatar="star" size={56} />
          <span className="learner-name">{t('profiles.picker.guest')}</span>
          <span className="card-note">
            {t('profiles.picker.guestHint')}
          </span>
        </button>
      </div>

      {entries && entries.length >= SEARCH_FROM && (
        <div className="field picker-search" role="search">
          <label htmlFor="learner-search">{t('profiles.picker.searchLabel')}</label>
          <input
            id="learner-search"
            type="search"
            autoComplete="off"
            spellCheck={false}
            value={query}
            aria-describedby="learner-search-hint learner-search-count"
            onChange={(e) => {
              setQuery(e.target.value);
              setLimit(PAGE);
            }}
          />
          <p id="learner-search-hint" className="hint">
            {t('profiles.picker.searchHint')}
          </p>
          <p id="learner-search-count" className="hint" aria-live="polite">
            {query.trim() ? t('profiles.picker.found', { count: matches.length }) : ''}
          </p>
        </div>
      )}

      {entries && entries.length > 0 && (
        <ul ref={list} className="learner-grid" aria-label={t('picker.learnerCount', { count: entries.length })}>
          {shown.map((entry) => (
            <LearnerCard key={entry.learner.id} entry={entry} onOpen={open} />
          ))}
        </ul>
      )}
      {entries?.length === 0 && <p className="hint">{t('picker.empty')}</p>}
      {entries && entries.length > 0 && matches.length === 0 && <p className="hint">{t('profiles.picker.noMatch')}</p>}
      {matches.length > shown.length && (
        <div className="show-more">
          <p className="hint">{t('profiles.picker.shown', { shown: shown.length, total: matches.length })}</p>
          <button type="button" className="button big" onClick={showMore}>
            {t('profiles.picker.showMore', { count: Math.min(PAGE, matches.length - shown.length) })}
          </button>
        </div>
      )}
      {/* Out of the learners' way, at the end: staff sign in to the console here. */}
      <div className="staff-entry">
        <button type="button" className="staff-button" onClick={() => go({ name: 'staff-login' })}>
          {t('console.login.staffButton')}
        </button>
      </div>
    </section>
  );
}

/** One name on the picker; memoised so typing in the search box redraws only what changed. */
const LearnerCard = memo(function LearnerCard({ entry, onOpen }: { entry: Entry; onOpen(entry: Entry): Promise<void> }) {
  const { learner } = entry;
  return (
    <li className="learner-item">
      <button type="button" className="learner-card" onClick={() => void onOpen(entry)}>
        <AvatarPicture avatar={learner.avatar} size={72} />
        {/* Two lines at most, with a visible "…"; the whole name shows on focus or under the pointer. */}
        <span className="learner-name">{learner.displayName}</span>
        {learner.needsLibrarian ? <LibrarianBadge /> : entry.lockedUntil > 0 && <LockBadge key={entry.lockedUntil} until={entry.lockedUntil} />}
      </button>
    </li>
  );
});
