import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
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

export const listOrganizations = (db: Db) =>
  db.select().from(organizations).orderBy(asc(organizations.code));
export const listCountries = (db: Db) => db.select().from(countries).orderBy(asc(countries.code));
export const listMissionRoles = (db: Db) =>
  db.select().from(missionRoles).orderBy(asc(missionRoles.code));
export const listRanks = (db: Db) => db.select().from(ranks).orderBy(asc(ranks.ordinal));
export const listPostTypes = (db: Db) => db.select().from(postTypes).orderBy(asc(postTypes.code));

export const listAgencies = (db: Db) => db.select().from(agencies).orderBy(asc(agencies.nameEn));

export async function findAgency(db: Db, id: string) {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  return row ?? null;
}

export const listMissions = (db: Db) =>
  db.select().from(missions).orderBy(asc(missions.startDate), asc(missions.code));

export async function findMission(db: Db, id: string) {
  const [row] = await db.select().from(missions).where(eq(missions.id, id));
  if (!row) return null;
  const locations = await db
    .select({
      id: missionLocations.id,
      nameEn: missionLocations.nameEn,
      nameFr: missionLocations.nameFr,
    })
    .from(missionLocations)
    .where(eq(missionLocations.missionId, id))
    .orderBy(asc(missionLocations.nameEn));
  return { ...row, locations };
}
