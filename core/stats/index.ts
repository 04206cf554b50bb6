export { Stats, type SiteForStats } from './stats';
export { StatsRecorder } from './recorder';
export { rebuildStats } from './rebuild';
