import type { organizationKinds } from '../schema.ts';

export interface OrganizationRow {
  code: string;
  kind: (typeof organizationKinds)[number];
  nameEn: string;
  nameFr: string;
}

/** Organizations that request Canadian police for peace operations (DESIGN.md section 1). */
export const organizations: OrganizationRow[] = [
  { code: 'UN', kind: 'un', nameEn: 'United Nations', nameFr: 'Organisation des Nations Unies' },
  { code: 'EU', kind: 'eu', nameEn: 'European Union', nameFr: 'Union européenne' },
  {
    code: 'OSCE',
    kind: 'osce',
    nameEn: 'Organization for Security and Co-operation in Europe',
    nameFr: 'Organisation pour la sécurité et la coopération en Europe',
  },
  { code: 'AU', kind: 'regional', nameEn: 'African Union', nameFr: 'Union africaine' },
  {
    code: 'OAS',
    kind: 'regional',
    nameEn: 'Organization of American States',
    nameFr: 'Organisation des États américains',
  },
  { code: 'CARICOM', kind: 'regional', nameEn: 'Caribbean Community', nameFr: 'Communauté des Caraïbes' },
  {
    code: 'NATO',
    kind: 'other',
    nameEn: 'North Atlantic Treaty Organization',
    nameFr: "Organisation du Traité de l'Atlantique Nord",
  },
  {
    code: 'BILATERAL',
    kind: 'bilateral',
    nameEn: 'Bilateral arrangement (Canada and a host country)',
    nameFr: 'Entente bilatérale (Canada et un pays hôte)',
  },
];
