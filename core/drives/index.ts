// Removable drives: which are plugged in, and which pack files they carry.
export { DriveWatcher, type Drive, type DriveEvent, type DriveListener, type DriveSetListener, type DriveWatcherOptions } from './watcher';
export { findKeyFiles, findPackFiles, scanDrive, type ScannedPack } from './scan';
export { freeBytes } from './free-space';
export { removableMountLister, removableMountPaths, parseProcMounts, isRemovableCandidate, type MountEntry } from './mounts';
