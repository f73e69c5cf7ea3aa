import { asc } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.ts';
import { countries, missionRoles, organizations, postTypes, ranks } from './schema.ts';

export const listOrganizations = (db: Db) =>
  db.select().from(organizations).orderBy(asc(organizations.code));
export const listCountries = (db: Db) => db.select().from(countries).orderBy(asc(countries.code));
export const listMissionRoles = (db: Db) =>
  db.select().from(missionRoles).orderBy(asc(missionRoles.code));
export const listRanks = (db: Db) => db.select().from(ranks).orderBy(asc(ranks.ordinal));
export const listPostTypes = (db: Db) => db.select().from(postTypes).orderBy(asc(postTypes.code));
