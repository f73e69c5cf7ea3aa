import type { Locale, Partner, Role } from '../../modules/users/schema.ts';

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
