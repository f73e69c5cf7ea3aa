import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import type { AuditContext } from '../../kernel/audit/audit.ts';
import { isoDateOf } from '../../kernel/dates.ts';
import { seedProgramHistory } from '../history/history.ts';
import { seedReferenceData } from '../reference/seed.ts';
import { seedCalls } from './calls.ts';
import { seedDutyOfCare } from './dutyofcare.ts';
import { seedTraining } from './training.ts';
import { missions } from '../reference/schema.ts';
import { users, type Partner, type Role } from '../users/schema.ts';
import { addUser } from '../users/users.ts';
import { seedHistory } from './history.ts';
import { DEMO_HISTORY_UNTIL, seedPeople } from './people.ts';

/** The demo password: only ever set on the embedded demo database, never on a configured server. */
export const DEMO_PASSWORD = 'peace-demo-2026';

export interface DemoLogin {
  role: Role;
  email: string;
  scope: string | null;
}

const demoAccounts: Array<{
  role: Role;
  email: string;
  displayName: string;
  partner?: Partner;
  agencyCode?: string;
  missionCode?: string;
  locale?: 'en' | 'fr';
}> = [
  { role: 'program_admin', email: 'admin@demo.peaceops.ca', displayName: 'Alex Tremblay' },
  {
    role: 'program_officer',
    email: 'program.officer@demo.peaceops.ca',
    displayName: 'Jordan Singh',
  },
  {
    role: 'decision_partner',
    email: 'gac.partner@demo.peaceops.ca',
    displayName: 'Morgan Leblanc',
    partner: 'GAC',
    locale: 'fr',
  },
  {
    role: 'decision_partner',
    email: 'ps.partner@demo.peaceops.ca',
    displayName: 'Taylor Okafor',
    partner: 'PS',
  },
  {
    role: 'decision_partner',
    email: 'rcmp.partner@demo.peaceops.ca',
    displayName: 'Chris Bouchard',
    partner: 'RCMP',
    locale: 'fr',
  },
  {
    role: 'agency_coordinator',
    email: 'coordinator.sq@demo.peaceops.ca',
    displayName: 'Camille Gagnon',
    agencyCode: 'SQ',
    locale: 'fr',
  },
  {
    role: 'officer',
    email: 'officer@demo.peaceops.ca',
    displayName: 'Sam Whitehorse',
    agencyCode: 'RCMP',
  },
  {
    role: 'contingent_commander',
    email: 'commander@demo.peaceops.ca',
    displayName: 'Dominique Roy',
    missionCode: 'MINUSMA',
    locale: 'fr',
  },
  { role: 'auditor', email: 'auditor@demo.peaceops.ca', displayName: 'Riley Chen' },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

/** When the demo accounts are created on an empty database: just before the demo history. */
const ACCOUNTS_CREATED = new Date('2019-01-07T14:00:00Z');

/** The program's history before the curated records is loaded just after the accounts are made. */
const HISTORY_LOADED = new Date('2019-01-07T16:00:00Z');

/**
 * Reference data, one account per role (one per partner for decision partners) and, on an empty
 * database, the demo history of requests, decisions, posts and evaluations and the people
 * register (officers and their qualifications, see people.ts). Idempotent for reference data;
 * users only once; the history and the register only with the accounts on an empty database.
 */
export async function seedDemo(
  db: Db,
  ctx: AuditContext,
  /** Where links in the demo's e-mail point. */
  appUrl = 'http://localhost:3000',
): Promise<DemoLogin[]> {
  await seedReferenceData(db);
  const fresh = await isEmpty(db);
  // On an empty database the accounts date from before the history, so the audit log reads in
  // order; otherwise a missing account is added now.
  const accountCtx = fresh ? { ...ctx, now: ACCOUNTS_CREATED } : ctx;
  const ids = new Map<string, string>();
  const logins: DemoLogin[] = [];
  for (const account of demoAccounts) {
    const [existing] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${account.email}`);
    if (!existing) {
      if (account.missionCode) {
        const [m] = await db
          .select({ id: missions.id })
          .from(missions)
          .where(eq(missions.code, account.missionCode));
        if (!m) continue;
      }
      ids.set(
        account.email,
        (await addUser(db, accountCtx, { ...account, password: DEMO_PASSWORD })).id,
      );
    }
    logins.push({
      role: account.role,
      email: account.email,
      scope: account.partner ?? account.agencyCode ?? account.missionCode ?? null,
    });
  }
  if (fresh) {
    const id = (email: string) => ids.get(email) ?? null;
    const actors = {
      programOfficer: id('program.officer@demo.peaceops.ca'),
      commander: id('commander@demo.peaceops.ca'),
      partners: {
        GAC: id('gac.partner@demo.peaceops.ca'),
        PS: id('ps.partner@demo.peaceops.ca'),
        RCMP: id('rcmp.partner@demo.peaceops.ca'),
      },
    };
    // One transaction for the whole history and the people register: all of it or none (each
    // use case's own transaction becomes a savepoint). The register is loaded at `now`, after the
    // history, so the audit log reads in order.
    await db.transaction(async (tx) => {
      // 1989 to 2018: the program's real size and shape (thousands of officers, over 33
      // countries), as loaded history only (tours on the officers' records), so no officer or tour
      // doubles the curated records from 2019.
      await seedProgramHistory(
        tx,
        {
          actorId: actors.programOfficer,
          actorRole: 'program_officer',
          requestId: null,
          now: HISTORY_LOADED,
        },
        { scale: 'small', today: isoDateOf(ctx.now), until: DEMO_HISTORY_UNTIL, cutover: 9999 },
      );
      await seedHistory(tx, actors, ctx.now);
      await seedPeople(
        tx,
        { programOfficer: actors.programOfficer, officerUser: id('officer@demo.peaceops.ca') },
        ctx.now,
      );
      await seedCalls(tx, actors, ctx.now);
      await seedTraining(tx, actors, ctx.now);
      await seedDutyOfCare(
        tx,
        { programOfficer: actors.programOfficer, officerUser: id('officer@demo.peaceops.ca') },
        ctx.now,
        appUrl,
      );
    });
  }
  return logins;
}
