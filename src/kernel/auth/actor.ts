import type { Locale, Partner, Role, users } from '../../modules/users/schema.ts';

/** The signed-in user as every use case and policy sees them. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  partner: Partner | null;
  agencyId: string | null;
  missionId: string | null;
  locale: Locale;
}

/** The actor of an account row (never its password hash or lockout counters). */
export function actorOf(u: typeof users.$inferSelect): Actor {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    partner: u.partner,
    agencyId: u.agencyId,
    missionId: u.missionId,
    locale: u.locale,
  };
}
