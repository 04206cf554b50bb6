// The contract between the renderer and core: pure declarations (zod only), safe to import anywhere.
export * from './languages';
export * from './result';
export * from './schemas';
export * from './steps';
export * from './form-rules';
export * from './console';
export * from './methods';
export * from './events';
export * from './bridge';
export * from './fold-name';
export * from './sync';
export * from './keyboard-layouts';
