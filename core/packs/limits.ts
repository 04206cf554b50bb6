/** Caps that keep a hostile or broken pack from exhausting memory or disk. */
export const PACK_LIMITS = {
  maxEntries: 50_000,
  maxManifestBytes: 4 * 1024 * 1024,
  maxSignatureBytes: 4 * 1024,
  /** One file inside a pack, uncompressed. */
  maxFileBytes: 2 * 1024 * 1024 * 1024,
  /** All files of a pack, uncompressed. */
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  /** Uncompressed/compressed above this, for files above `ratioFloorBytes`, is a zip bomb. */
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
} as const;

/** Stored (0) and deflate (8): what every zip tool writes, and all that yauzl inflates. */
export const SUPPORTED_COMPRESSION = new Set([0, 8]);
