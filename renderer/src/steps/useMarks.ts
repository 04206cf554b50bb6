import { useState } from 'react';
import type { Marks } from './marks';

/**
 * The marks of the last check, minus the parts the learner has changed since (their mark would be
 * about an answer that is no longer there).
 */
export function useMarks(marks: Marks): { touched(id: string): void; fresh(id: string): boolean } {
  const [changed, setChanged] = useState<{ attempt: number; ids: ReadonlySet<string> }>({ attempt: marks.attempt, ids: new Set() });
  const ids = changed.attempt === marks.attempt ? changed.ids : new Set<string>();
  return {
    touched: (id) => setChanged({ attempt: marks.attempt, ids: new Set(ids).add(id) }),
    fresh: (id) => !ids.has(id),
  };
}
