import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../kernel/db/client.ts';
import { countries, missions } from '../reference/schema.ts';
import { countryAliasRows, countrySuccessionRows, missionAliasRows } from './aliases.ts';
import { nameKey } from './rules.ts';
import { countryAliases, countrySuccessions, missionAliases } from './schema.ts';

/**
 * Load the mapping data (./aliases.ts) into mission_aliases, country_aliases and
 * country_successions. Idempotent: existing rows are left as they are. Called by the reference
 * seed. Returns the number of mission aliases on file.
 */
export async function seedPastTourMappings(tx: Tx): Promise<number> {
  const missionIds = new Map(
    (await tx.select({ id: missions.id, code: missions.code }).from(missions)).map((m) => [
      m.code,
      m.id,
    ]),
  );
  const aliasValues = missionAliasRows
    .filter((a) => missionIds.has(a.mission))
    .map((a) => ({
      alias: a.alias,
      aliasKey: nameKey(a.alias),
      missionId: missionIds.get(a.mission)!,
      validFrom: a.validFrom ?? null,
      validTo: a.validTo ?? null,
      noteEn: a.noteEn,
      noteFr: a.noteFr,
    }));
  if (aliasValues.length) await tx.insert(missionAliases).values(aliasValues).onConflictDoNothing();
  const known = new Set(
    (await tx.select({ code: countries.code }).from(countries)).map((c) => c.code),
  );
  const countryValues = countryAliasRows
    .filter((a) => known.has(a.country))
    .map((a) => ({ alias: a.alias, aliasKey: nameKey(a.alias), countryCode: a.country }));
  if (countryValues.length)
    await tx.insert(countryAliases).values(countryValues).onConflictDoNothing();
  const successionValues = countrySuccessionRows.flatMap((s) =>
    s.successors
      .filter((c) => known.has(c) && known.has(s.predecessor))
      .map((successorCode) => ({ predecessorCode: s.predecessor, successorCode })),
  );
  if (successionValues.length)
    await tx.insert(countrySuccessions).values(successionValues).onConflictDoNothing();
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from mission_aliases`,
  );
  return row?.n ?? 0;
}
