import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import type { AuditContext } from '../../kernel/audit/audit.ts';
import { seedReferenceData } from '../reference/seed.ts';
import { missions } from '../reference/schema.ts';
import { users, type Partner, type Role } from '../users/schema.ts';
import { addUser } from '../users/users.ts';

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

/** Reference data plus one account per role. Idempotent for reference data; users only once. */
export async function seedDemo(db: Db, ctx: AuditContext): Promise<DemoLogin[]> {
  await seedReferenceData(db);
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
      await addUser(db, ctx, { ...account, password: DEMO_PASSWORD });
    }
    logins.push({
      role: account.role,
      email: account.email,
      scope: account.partner ?? account.agencyCode ?? account.missionCode ?? null,
    });
  }
  return logins;
}
