import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Both names of bilingual reference data are required: the database refuses an empty one too. */
export const bilingualChecks = (table: string, t: { nameEn: unknown; nameFr: unknown }) => [
  check(`${table}_name_en_ck`, sql`length(trim(${t.nameEn})) > 0`),
  check(`${table}_name_fr_ck`, sql`length(trim(${t.nameFr})) > 0`),
];

/**
 * Bilingual reference data. Every name exists in English and French as paired columns
 * (nameEn / nameFr), as GC Forms stores its bilingual reference data.
 */

export const organizationKinds = ['un', 'eu', 'osce', 'regional', 'bilateral', 'other'] as const;

export const organizations = pgTable(
  'organizations',
  {
    code: text('code').primaryKey(),
    kind: text('kind', { enum: organizationKinds }).notNull(),
    nameEn: text('name_en').notNull(),
    nameFr: text('name_fr').notNull(),
    version: integer('version').notNull().default(1),
    /** Retired reference data stays for the records that name it, but is offered no more. */
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    check(
      'organizations_kind_ck',
      sql`${t.kind} in ('un','eu','osce','regional','bilateral','other')`,
    ),
    ...bilingualChecks('organizations', t),
  ],
);

/** ISO 3166-1 alpha-2 codes, plus XK (Kosovo, user-assigned) as the UN and EU use it. */
export const countries = pgTable('countries', {
  code: text('code').primaryKey(),
  iso3: text('iso3'),
  nameEn: text('name_en').notNull(),
  nameFr: text('name_fr').notNull(),
  /** Set when the country no longer exists (Yugoslavia, Zaire...): history keeps the name of the day. */
  dissolvedOn: date('dissolved_on'),
});

export const agencyTypes = [
  'federal',
  'provincial',
  'municipal',
  'first_nations',
  'regional',
] as const;
export const provinces = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
] as const;

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short stable code used by the CLI and imports (e.g. RCMP, SQ, SPVM, OPP). */
    code: text('code').notNull().unique(),
    nameEn: text('name_en').notNull(),
    nameFr: text('name_fr').notNull(),
    type: text('type', { enum: agencyTypes }).notNull(),
    /** Null for the federal RCMP. */
    province: text('province'),
    agreementStatus: text('agreement_status', { enum: ['active', 'inactive', 'pending'] })
      .notNull()
      .default('active'),
    /** The agency's contact for the program (a role address, not a person's private data). */
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    version: integer('version').notNull().default(1),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'agencies_type_ck',
      sql`${t.type} in ('federal','provincial','municipal','first_nations','regional')`,
    ),
    check('agencies_agreement_ck', sql`${t.agreementStatus} in ('active','inactive','pending')`),
    ...bilingualChecks('agencies', t),
  ],
);

/** A mission's life cycle (`suspended` is set and lifted by a mission-wide event). */
export const missionStatuses = ['planned', 'active', 'suspended', 'closing', 'closed'] as const;
export const riskLevels = ['low', 'moderate', 'high', 'extreme'] as const;

export const missions = pgTable(
  'missions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Acronym, unique across the program's history (e.g. UNTAG, MINUSTAH, EUCAP-SAHEL-MALI). */
    code: text('code').notNull().unique(),
    acronym: text('acronym').notNull(),
    nameEn: text('name_en').notNull(),
    nameFr: text('name_fr').notNull(),
    organizationCode: text('organization_code')
      .notNull()
      .references(() => organizations.code),
    hostCountryCode: text('host_country_code')
      .notNull()
      .references(() => countries.code),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    status: text('status', { enum: missionStatuses }).notNull(),
    workingLanguage: text('working_language', { enum: ['en', 'fr'] }).notNull(),
    riskLevel: text('risk_level', { enum: riskLevels }).notNull().default('moderate'),
    armed: boolean('armed').notNull().default(false),
    /** Vaccinations officers need for the mission (readiness), e.g. yellow_fever. */
    requiredVaccinations: text('required_vaccinations')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    headquarters: text('headquarters'),
    /** Officers Canada may have in the mission at once: the sum of its current approved decisions' ceilings. */
    authorizedStrength: integer('authorized_strength').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'missions_status_ck',
      sql`${t.status} in ('planned','active','suspended','closing','closed')`,
    ),
    check('missions_language_ck', sql`${t.workingLanguage} in ('en','fr')`),
    check('missions_risk_ck', sql`${t.riskLevel} in ('low','moderate','high','extreme')`),
    check('missions_strength_ck', sql`${t.authorizedStrength} >= 0`),
    check('missions_dates_ck', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    ...bilingualChecks('missions', t),
  ],
);

/** Towns of a mission where officers serve (Bamako, Mopti...). */
export const missionLocations = pgTable(
  'mission_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id, { onDelete: 'cascade' }),
    nameEn: text('name_en').notNull(),
    nameFr: text('name_fr').notNull(),
    latitude: text('latitude'),
    longitude: text('longitude'),
    version: integer('version').notNull().default(1),
    active: boolean('active').notNull().default(true),
  },
  (t) => bilingualChecks('mission_locations', t),
);

/** Post types (individual police officer, trainer, gender adviser, contingent commander...). */
export const postTypes = pgTable('post_types', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameFr: text('name_fr').notNull(),
});

/** Roles in mission and specialised teams (DESIGN.md section 1). */
export const missionRoles = pgTable(
  'mission_roles',
  {
    code: text('code').primaryKey(),
    kind: text('kind', { enum: ['role', 'specialised_team'] }).notNull(),
    nameEn: text('name_en').notNull(),
    nameFr: text('name_fr').notNull(),
  },
  (t) => [check('mission_roles_kind_ck', sql`${t.kind} in ('role','specialised_team')`)],
);

/** The common rank scale every agency's ranks map to (ordinal: higher is more senior). */
export const ranks = pgTable(
  'ranks',
  {
    code: text('code').primaryKey(),
    ordinal: integer('ordinal').notNull().unique(),
    nameEn: text('name_en').notNull(),
    nameFr: text('name_fr').notNull(),
    version: integer('version').notNull().default(1),
    active: boolean('active').notNull().default(true),
  },
  (t) => bilingualChecks('ranks', t),
);
