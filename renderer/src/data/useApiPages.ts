import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { MethodInput, MethodOutput } from '../../../core/contract';
import { callOrThrow } from './call';

/** Methods that answer a long list a page at a time (`offset`, `limit`, `total`). */
type PagedMethod = 'learners.search';

/**
 * A paged list read one page at a time ("show more"), under the same keys and error policy as
 * `useApiQuery`; a command that changes it reads every shown page again. The last list stays
 * while another input (a new search) loads.
 */
export function useApiPages<K extends PagedMethod>(method: K, input: Omit<MethodInput<K>, 'offset' | 'limit'>, pageSize: number) {
  return useInfiniteQuery({
    queryKey: [method, input, 'pages'],
    queryFn: ({ pageParam }) => callOrThrow(method, { ...input, offset: pageParam, limit: pageSize } as MethodInput<K>),
    initialPageParam: 0,
    getNextPageParam: (last: MethodOutput<K>, pages: MethodOutput<K>[]) => {
      const shown = pages.reduce((sum, page) => sum + page.learners.length, 0);
      return shown < last.total ? shown : undefined;
    },
    placeholderData: keepPreviousData,
  });
}
