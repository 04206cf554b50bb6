import { z } from 'zod';
import { LanguageSchema } from './languages';

/** Text a pack gives per language; the renderer picks one and falls back to the pack's default. */
export const LocalizedTextSchema = z.partialRecord(LanguageSchema, z.string());
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Pack, course, lesson and step ids: stable, ASCII, safe in paths and URLs. */
export const ContentIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/);
