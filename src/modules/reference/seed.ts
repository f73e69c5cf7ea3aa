import { count } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { seedPastTourMappings } from '../pasttours/seed.ts';
import { agencies as agencyRows } from './data/agencies.ts';
import { countryRows } from './data/countries.ts';
import { missionRows } from './data/missions.ts';
import { organizations as organizationRows } from './data/organizations.ts';
import { rankRows } from './data/ranks.ts';
import { missionRoles as missionRoleRows, postTypes as postTypeRows } from './data/roles.ts';
import {
  agencies,
  countries,
  missionLocations,
  missionRoles,
  missions,
  organizations,
  postTypes,
  ranks,
} from './schema.ts';

const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export interface ReferenceCounts {
  organizations: number;
  countries: number;
  agencies: number;
  missions: number;
  locations: number;
  roles: number;
  postTypes: number;
  ranks: number;
  /** The history import's mapping of other and former mission names (pasttours/aliases.ts). */
  missionAliases: number;
}

/**
 * Load the bilingual reference data. Idempotent: rows are keyed on their natural code and an
 * existing row is left as it is (an administrator may have edited it); a mission's locations are
 * added only when the mission itself is new. Returns the number of rows now present.
 */
export async function seedReferenceData(db: Db): Promise<ReferenceCounts> {
  return db.transaction(async (tx) => {
    for (const rows of chunks(organizationRows)) {
      await tx.insert(organizations).values(rows).onConflictDoNothing();
    }
    for (const rows of chunks(countryRows())) {
      await tx.insert(countries).values(rows).onConflictDoNothing();
    }
    for (const rows of chunks(agencyRows)) {
      await tx.insert(agencies).values(rows).onConflictDoNothing({ target: agencies.code });
    }
    for (const rows of chunks(missionRoleRows)) {
      await tx.insert(missionRoles).values(rows).onConflictDoNothing();
    }
    for (const rows of chunks(postTypeRows)) {
      await tx.insert(postTypes).values(rows).onConflictDoNothing();
    }
    await tx.insert(ranks).values(rankRows).onConflictDoNothing();

    const allMissions = missionRows();
    const locationsByCode = new Map(allMissions.map((m) => [m.code, m.locations]));
    for (const rows of chunks(allMissions)) {
      const inserted = await tx
        .insert(missions)
        .values(rows.map(({ locations: _locations, ...mission }) => mission))
        .onConflictDoNothing({ target: missions.code })
        .returning({ id: missions.id, code: missions.code });
      const locationRows = inserted.flatMap(({ id, code }) =>
        (locationsByCode.get(code) ?? []).map((place) => ({ missionId: id, ...place })),
      );
      for (const batch of chunks(locationRows)) {
        await tx.insert(missionLocations).values(batch);
      }
    }

    const aliases = await seedPastTourMappings(tx);

    const tally = async (
      table:
        | typeof organizations
        | typeof countries
        | typeof agencies
        | typeof missions
        | typeof missionLocations
        | typeof missionRoles
        | typeof postTypes
        | typeof ranks,
    ) => {
      const [row] = await tx.select({ n: count() }).from(table);
      return row?.n ?? 0;
    };
    return {
      organizations: await tally(organizations),
      countries: await tally(countries),
      agencies: await tally(agencies),
      missions: await tally(missions),
      locations: await tally(missionLocations),
      roles: await tally(missionRoles),
      postTypes: await tally(postTypes),
      ranks: await tally(ranks),
      missionAliases: aliases,
    };
  });
}
