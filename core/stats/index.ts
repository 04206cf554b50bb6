export { Stats, type SiteForStats } from './stats';
export { StatsRecorder } from './recorder';
export { rebuildStats } from './rebuild';
export { Release, type Span } from './release';
