import { PgBoss } from 'pg-boss';
import type { Database } from '../db/client.ts';

/**
 * Background work on a Postgres-backed queue (pg-boss): jobs survive restarts, a schedule runs
 * once across several app instances, and a failed job is retried. On the embedded database
 * the queue lives in the same PGlite, through `Database.executeSql`.
 */

export interface JobDefinition {
  /** Queue name (`training.reminders`). */
  name: string;
  /** Cron expression (UTC) to run it on a schedule, or null for on-demand jobs. */
  cron: string | null;
  run: () => Promise<unknown>;
}

export interface Jobs {
  /** Ask for a run now (after a commit that queued e-mail, say). */
  trigger(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobs(
  database: Database,
  definitions: JobDefinition[],
  onError: (error: Error) => void,
): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) },
    schema: 'pgboss',
  });
  boss.on('error', onError);
  await boss.start();
  for (const job of definitions) {
    // stately: at most one run waiting and one running, so triggers pile into one run.
    await boss.createQueue(job.name, { policy: 'stately' });
    await boss.work(job.name, async () => {
      await job.run();
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
  }
  return {
    async trigger(name) {
      await boss.send(name, {});
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
