import type { TestProject } from 'vitest/node';
import { openPostgres } from '../src/db/database';
import { createDatabaseAt, startPostgresCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's maintenance database; each test app makes its own database there. */
    postgresAdminUrl: string;
    /** A migrated database that test apps copy: copying is much faster than migrating. */
    postgresTemplate: string;
  }
}

/** Starts one PostgreSQL server for the whole run of the Postgres project; stops it after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  const adminUrl = cluster.url('postgres');
  const templateUrl = await createDatabaseAt(adminUrl);
  // A template must have no open connection when it is copied.
  const { db } = await openPostgres({ url: templateUrl });
  await db.destroy();
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('postgresTemplate', new URL(templateUrl).pathname.slice(1));
  return () => cluster.stop();
}
