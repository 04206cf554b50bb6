// What the hosts (server/, electron/) use of core.
export { startCore, describeProblem, DATABASE_FILE_NAME, type Core, type CoreOptions } from './app/core';
export { resolveDataDir, resolveDriveRoots } from './app/data-dir';
export { syncTimingsFromEnv } from './sync/timings';
export { resolveInside } from './files/resolve-inside';
export { contentTypeOf } from './files/content-type';
export { KIOSK_SCREEN_CALLER, LOCAL_CALLER, type Caller, type Dispatch } from './api/dispatch';
export type { Asset } from './packs/assets';
export { parseRange } from './files/range';
export { AppError } from './errors';

// What the content tools (authoring/, cli/, scripts/) use of core: the pack format and its signing.
export { CourseSchema, LessonSchema, PackHeaderSchema, type ChoiceOption, type LessonDef, type Manifest, type Step } from './packs/manifest';
export { buildPack, type BuildResult, type PackInput } from './packs/builder';
export { buildPackInto, signPackFile } from './packs/publish';
export { FILES_PREFIX, openPack, type OpenedPack } from './packs/pack-file';
export { publicKeyEntryOf, readPrivateKey, readPublicKeys, writeKeyFiles } from './packs/key-files';
export { checkSignature, type SignatureStatus } from './packs/signature-check';
export { generatePublisherKey, type PublicKeyEntry } from './packs/signing';
export { checkEachFile } from './packs/verify-report';
