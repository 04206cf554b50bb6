import { isMethodName, methods, type ApiError, type MethodSpec, type Result, type Role } from '../contract';
import { AppError } from '../errors';
import { asQuery } from '../db/query-guard';
import type { Sessions } from '../sessions/sessions';
import { authorised } from './authorise';
import type { CallContext, Handlers } from './handlers';

/**
 * Where a call comes from, as its host can tell. `address`: the client's socket address for the
 * HTTP host, `local` for the kiosk's own screen (Electron IPC) and for tools in the same process;
 * sign-in limits are kept per address as well as per profile or account. `kioskScreen`: the
 * Electron window, or a browser on the host's PC over loopback; anything else (a classroom PC)
 * needs the set-up code to finish set-up.
 */
export interface Caller {
  address: string;
  kioskScreen: boolean;
}

/** The kiosk's own screen (the Electron window). */
export const KIOSK_SCREEN_CALLER: Caller = { address: 'local', kioskScreen: true };

/** Unless its host says otherwise, a call is local to this process but not from the kiosk's screen. */
export const LOCAL_CALLER: Caller = { address: 'local', kioskScreen: false };

/** One call into core, as both hosts make it: the method's name, its raw input, the caller's token and where it comes from. */
export type Dispatch = (method: string, input: unknown, token: string | null, caller?: Caller) => Promise<Result<unknown>>;

const fail = (code: ApiError['code'], params: ApiError['params'] = {}): Result<never> => ({ ok: false, error: { code, params } });

/**
 * Looks the method up in the contract, refuses it before set-up unless the table allows it,
 * authorises the caller for its role, validates the input,
 * runs the handler (a query where it cannot write) and checks its output. Every failure becomes a
 * structured error.
 */
export function createDispatch(handlers: Handlers, sessions: Sessions, log: (message: string) => void, isSetUp: () => boolean): Dispatch {
  return async (name, rawInput, token, caller = LOCAL_CALLER) => {
    if (!isMethodName(name)) return fail('api.unknown_method', { method: name });
    const spec: MethodSpec = methods[name];
    // Until the first-run set-up is done only the methods the table marks for it answer.
    if (!spec.beforeSetup && !isSetUp()) return fail('kiosk.not_set_up', { method: name });
    const session = token ? sessions.find(token) : undefined;
    if (spec.role !== 'none' && token && !session) return fail('auth.session_expired');
    if (!authorised(spec.role, session)) return fail('auth.forbidden', { method: name, role: spec.role });

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return fail('input.invalid', {
        method: name,
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code })),
      });
    }

    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext<Role>) => unknown;
      const run = () =>
        handler(parsed.data, {
          token,
          role: session?.role ?? 'none',
          learnerId: session?.learnerId ?? null,
          staffId: session?.staffId ?? null,
          address: caller.address,
          kioskScreen: caller.kioskScreen,
        });
      // A query runs where any write to the database throws, to its last await (query-guard.ts).
      const value = await (spec.kind === 'query' ? asQuery(async () => run()) : run());
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toApiError() };
      const wroteInQuery = spec.kind === 'query' && (error as { code?: unknown }).code === 'SQLITE_READONLY';
      log(`${name} failed${wroteInQuery ? ' (a query tried to write; the write was refused)' : ''}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fail('internal');
    }
  };
}
