import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres';

/**
 * One PostgreSQL cluster for the whole test run (vitest globalSetup): the collector's suite runs
 * against it as well as against SQLite. Each test file makes its own database in it
 * (`freshPostgresDatabase`, test/support/collector.ts). Starting takes under a second.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's `postgres` database (trust auth, loopback). */
    postgresUrl: string;
  }
}
