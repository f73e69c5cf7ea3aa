import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { queryRows } from '../../kernel/db/client.ts';
import { mailOutbox } from '../../kernel/mail/schema.ts';
import { buildApp } from '../../server.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { smtpSink } from '../../../test/support/smtp.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { enrolOfficer, recordResult } from './enrolments.ts';
import { queueTrainingReminders } from './reminders.ts';
import { courseSessions, courses } from './schema.ts';

describeDb('training reminders: e-mailed once, through the job queue', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let today: string;
  const options = { sessionDays: 7, certificateDays: 60, appUrl: 'http://localhost' };

  beforeAll(async () => {
    sink = await smtpSink();
    t = await startTestApp({ smtpUrl: sink.url });
    Object.assign(t.ids, await addPeopleFixtures(t));
    today = isoDateOf(t.clock.now());
    const ctx = { actorId: null, actorRole: 'test', requestId: null, now: t.clock.now() };
    const [course] = await t.db
      .insert(courses)
      .values({
        code: 'HEAT',
        nameEn: 'Hostile environment awareness training',
        nameFr: 'Formation de sensibilisation aux environnements hostiles',
        delivery: 'in_person',
        durationDays: 5,
        passMark: null,
        validityMonths: 1,
      })
      .returning();
    // A session in five days for the fixture officer (French); a past session the other
    // officer passed, whose one-month certificate now expires within 60 days.
    const [soon] = await t.db
      .insert(courseSessions)
      .values({
        courseId: course!.id,
        startsOn: addDays(today, 5),
        endsOn: addDays(today, 9),
        place: 'Canadian Police College, Ottawa',
        capacity: 10,
        language: 'fr',
      })
      .returning();
    await enrolOfficer(t.db, ctx, soon!.id, t.ids.ownOfficer!);
    const [past] = await t.db
      .insert(courseSessions)
      .values({
        courseId: course!.id,
        startsOn: addDays(today, -20),
        endsOn: addDays(today, -16),
        virtualLink: 'https://meet.example.ca/heat',
        capacity: 10,
        language: 'en',
      })
      .returning();
    const seat = await enrolOfficer(t.db, ctx, past!.id, t.ids.otherOfficer!);
    await recordResult(t.db, ctx, seat.id, seat.version, { attended: true, passed: true });
    await t.db.execute(
      sql`update officers set preferred_language = 'fr' where id = ${t.ids.ownOfficer}`,
    );
  });
  afterAll(async () => {
    await t?.close();
    sink?.close();
  });

  it('queues each reminder once, however often the job runs', async () => {
    const ctx = { actorId: null, actorRole: 'system', requestId: null, now: t.clock.now() };
    expect(await queueTrainingReminders(t.db, ctx, options)).toEqual({
      sessions: 1,
      certificates: 1,
    });
    expect(await queueTrainingReminders(t.db, ctx, options)).toEqual({
      sessions: 0,
      certificates: 0,
    });
    const [queued] = await t.db.select({ n: count() }).from(mailOutbox);
    expect(queued!.n).toBe(2);
    await t.app.ctx.mailer!.deliver();
    expect(sink.received.map((m) => [m.to, m.language, m.subject]).sort()).toEqual(
      [
        ['SPVM-2002@police.example.ca', 'en-CA', expect.stringContaining('certificate expires on')],
        [
          'SQ-1001@police.example.ca',
          'fr-CA',
          expect.stringContaining('Rappel : Formation de sensibilisation'),
        ],
      ].sort(),
    );
  });

  it('runs on the job queue, and sends nothing again after a restart', async () => {
    // Forget what was sent (the outbox keeps it) so the queue's run has work to find only if
    // reminders_sent were lost: it is not, so nothing new goes out.
    const config = { ...loadConfig({}), smtpUrl: sink.url, loginRateLimit: 1000 };
    const database = t.app.ctx.database;
    for (let run = 0; run < 2; run++) {
      const app = await buildApp({ database, config, clock: t.clock, logger: false, jobs: true });
      await app.ctx.jobs!.trigger('training.reminders');
      // Wait for the worker to complete the run.
      const deadline = Date.now() + 20_000;
      for (;;) {
        const [done] = await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from pgboss.job where name = 'training.reminders' and state = 'completed'`,
        );
        if (done!.n >= run + 1) break;
        if (Date.now() > deadline) throw new Error('the reminders job did not run');
        await new Promise((r) => setTimeout(r, 200));
      }
      await app.close();
    }
    expect(sink.received).toHaveLength(2);
    const sent = await t.db.select().from(mailOutbox).where(eq(mailOutbox.status, 'sent'));
    expect(sent).toHaveLength(2);
  });
});
