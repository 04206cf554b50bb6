import type { MethodName, Methods } from '../../../core/contract';

/** Methods that only read (the contract's `kind: 'query'`): what `useApiQuery` may ask. */
export type QueryName = { [K in MethodName]: Methods[K]['kind'] extends 'query' ? K : never }[MethodName];
/** Methods that may change something (`kind: 'command'`): what `useApiCommand` may run. */
export type CommandName = Exclude<MethodName, QueryName>;
