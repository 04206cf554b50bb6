export { Sync } from './sync';
export { SyncLoop, type SyncLoopControl, type SyncTarget } from './sync-loop';
export { DEFAULT_SYNC_TIMINGS, type SyncTimings } from './timings';
export { backoffDelay, retryDelay } from './backoff';
export { Outbox } from './outbox';
