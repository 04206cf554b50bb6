import type { Db } from '../db/open';
import { ManifestSchema, type CourseDef, type LessonDef, type Manifest } from './manifest';

export interface InstalledPack {
  manifest: Manifest;
  installedAt: string;
}

export interface LessonLocation {
  pack: Manifest;
  course: CourseDef;
  lesson: LessonDef;
}

/** The installed packs, parsed once and kept in memory until the set of packs changes. */
export class Catalog {
  private packs: InstalledPack[] = [];
  private lessons = new Map<string, LessonLocation>();

  constructor(private readonly db: Db) {
    this.reload();
  }

  reload(): void {
    const rows = this.db
      .prepare<[], { manifest_json: string; installed_at: string }>('SELECT manifest_json, installed_at FROM packs ORDER BY id')
      .all();
    this.packs = rows.map((row) => ({ manifest: ManifestSchema.parse(JSON.parse(row.manifest_json)), installedAt: row.installed_at }));
    this.lessons.clear();
    for (const { manifest } of this.packs) {
      for (const course of manifest.courses) {
        for (const lesson of course.lessons) this.lessons.set(lessonKey(manifest.id, lesson.id), { pack: manifest, course, lesson });
      }
    }
  }

  list(): readonly InstalledPack[] {
    return this.packs;
  }

  findLesson(packId: string, lessonId: string): LessonLocation | undefined {
    return this.lessons.get(lessonKey(packId, lessonId));
  }
}

const lessonKey = (packId: string, lessonId: string) => `${packId}\u0000${lessonId}`;
