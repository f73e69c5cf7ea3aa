import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { addDays, isoDateOf } from '../../kernel/dates.ts';
import { queryRows } from '../../kernel/db/client.ts';
import { mailOutbox } from '../../kernel/mail/schema.ts';
import { buildApp } from '../../server.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/app.ts';
import { describeDb } from '../../../test/support/db.ts';
import { addPeopleFixtures } from '../../../test/support/people.ts';
import { smtpSink } from '../../../test/support/smtp.ts';
import { deployments } from '../deployments/schema.ts';
import { queueNoticeReminders } from './reminders.ts';

const HOUR = 3_600_000;

describeDb('notice reminders: once, to those who have not acknowledged', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let officer: Client;
  let noticeId: string;
  const options = { afterHours: 48, appUrl: 'http://localhost' };
  const system = () => ({
    actorId: null,
    actorRole: 'system',
    requestId: null,
    now: t.clock.now(),
  });

  beforeAll(async () => {
    sink = await smtpSink();
    t = await startTestApp({ smtpUrl: sink.url });
    Object.assign(t.ids, await addPeopleFixtures(t));
    officer = await t.as('officer');
    const today = isoDateOf(t.clock.now());
    // Both fixture officers serve in the fixture mission; the fixture officer reads French.
    await t.db.insert(deployments).values(
      [t.ids.ownOfficer!, t.ids.otherOfficer!].map((officerId) => ({
        officerId,
        missionId: t.ids.ownMission,
        state: 'in_theatre' as const,
        plannedStart: addDays(today, -30),
        plannedEnd: addDays(today, 335),
      })),
    );
    await t.db.execute(
      sql`update officers set preferred_language = 'fr' where id = ${t.ids.ownOfficer}`,
    );
    const staff = await t.as('program_officer');
    const res = await staff.request('POST', '/api/v1/notices', {
      missionId: t.ids.ownMission,
      titleEn: 'Route closed',
      titleFr: 'Route fermée',
      bodyEn: 'The road to Gao is closed until Friday.',
      bodyFr: 'La route de Gao est fermée jusqu’à vendredi.',
    });
    expect(res.statusCode, res.body).toBe(201);
    noticeId = res.json().id;
    await t.app.ctx.mailer!.deliver();
    sink.received.length = 0;
  });
  afterAll(async () => {
    await t?.close();
    sink?.close();
  });

  it('waits for the delay, then reminds each one who has not acknowledged, once', async () => {
    t.clock.advance(47 * HOUR);
    expect(await queueNoticeReminders(t.db, system(), options)).toEqual({ reminded: 0 });
    // The fixture officer acknowledges; the other officer does not.
    // (Signed in again: 47 hours idle ended the earlier session.)
    officer = await t.as('officer');
    const ack = await officer.request('POST', `/api/v1/notices/${noticeId}/acknowledgement`);
    expect(ack.statusCode).toBe(200);
    t.clock.advance(2 * HOUR);
    expect(await queueNoticeReminders(t.db, system(), options)).toEqual({ reminded: 1 });
    expect(await queueNoticeReminders(t.db, system(), options)).toEqual({ reminded: 0 });
    t.clock.advance(72 * HOUR);
    expect(await queueNoticeReminders(t.db, system(), options)).toEqual({ reminded: 0 });
    await t.app.ctx.mailer!.deliver();
    expect(sink.received.map((m) => [m.to, m.language, m.subject])).toEqual([
      [
        'SPVM-2002@police.example.ca',
        'en-CA',
        'Reminder: please acknowledge the notice "Route closed"',
      ],
    ]);
    expect(sink.received[0]!.text).toContain('The road to Gao is closed');
    const [reminders] = await t.db
      .select({ n: count() })
      .from(mailOutbox)
      .where(eq(mailOutbox.topic, 'notice.reminder'));
    expect(reminders!.n).toBe(1);
  });

  it('runs on the job queue, and sends nothing again on a later run', async () => {
    const staff = await t.as('program_officer');
    const res = await staff.request('POST', '/api/v1/notices', {
      missionId: t.ids.ownMission,
      titleEn: 'Vaccination day',
      titleFr: 'Journée de vaccination',
      bodyEn: 'Yellow fever boosters on Monday.',
      bodyFr: 'Rappels contre la fièvre jaune lundi.',
    });
    expect(res.statusCode).toBe(201);
    await t.app.ctx.mailer!.deliver();
    sink.received.length = 0;
    t.clock.advance(49 * HOUR);
    const config = { ...loadConfig({}), smtpUrl: sink.url, loginRateLimit: 1000 };
    const database = t.app.ctx.database;
    for (let run = 0; run < 2; run++) {
      const app = await buildApp({ database, config, clock: t.clock, logger: false, jobs: true });
      await app.ctx.jobs!.trigger('notices.reminders');
      const deadline = Date.now() + 20_000;
      for (;;) {
        const [done] = await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from pgboss.job where name = 'notices.reminders' and state = 'completed'`,
        );
        if (done!.n >= run + 1) break;
        if (Date.now() > deadline) throw new Error('the notice reminders job did not run');
        await new Promise((r) => setTimeout(r, 200));
      }
      await app.close();
    }
    // One reminder for each officer, for the new notice only.
    expect(sink.received.map((m) => m.subject).sort()).toEqual([
      "Rappel : veuillez confirmer la lecture de l'avis « Journée de vaccination »",
      'Reminder: please acknowledge the notice "Vaccination day"',
    ]);
    const [reminders] = await t.db
      .select({ n: count() })
      .from(mailOutbox)
      .where(eq(mailOutbox.topic, 'notice.reminder'));
    expect(reminders!.n).toBe(3);
  });
});
