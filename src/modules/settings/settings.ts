import { desc, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import { queryRows, type Db } from '../../kernel/db/client.ts';
import { assertVersion } from '../../kernel/db/version.ts';
import { AppError } from '../../kernel/errors.ts';
import { users } from '../users/schema.ts';
import {
  settingKeys,
  settingSchemas,
  settingsFromConfig,
  settingsOf,
  valueOf,
  type ProgramSettings,
  type SettingKey,
} from './rules.ts';
import { programSettings } from './schema.ts';

/**
 * First start: each setting without a stored version gets version 1 from the environment (the
 * env vars are the initial defaults). Later starts leave the stored versions alone. No audit entry:
 * nobody changed anything, and the row says it came from the environment (no author).
 */
export async function seedSettings(db: Db, config: Config, now: Date): Promise<void> {
  const defaults = settingsFromConfig(config);
  await db
    .insert(programSettings)
    .values(
      settingKeys.map((key) => ({
        key,
        version: 1,
        value: valueOf(defaults, key),
        effectiveFrom: now,
        changedBy: null,
        changedAt: now,
      })),
    )
    .onConflictDoNothing();
}

const caches = new WeakMap<Db, { seq: number; settings: ProgramSettings }>();

/**
 * The settings in force: the latest version of each key over the environment's defaults. Each call
 * is one query: the audit log's last sequence number (every change of a setting is audited, so
 * it moves), and, only when it moved since the last read of this database, the settings with it.
 * So a check-in reads one indexed maximum, and a change made by another instance is seen next time.
 */
export async function currentSettings(db: Db, config: Config): Promise<ProgramSettings> {
  const cached = caches.get(db);
  if (cached) {
    const [row] = await queryRows<{ seq: number | string | null }>(
      db,
      sql`select max(seq) as seq from audit_entries`,
    );
    if (Number(row?.seq ?? 0) === cached.seq) return cached.settings;
  }
  const rows = await queryRows<{ key: string | null; value: unknown; seq: number | string | null }>(
    db,
    sql`select s.key, s.value, (select max(seq) from audit_entries) as seq
          from (select 1) one
          left join (select distinct on (key) key, value from program_settings
                      order by key, version desc) s on true`,
  );
  const settings = settingsOf(
    settingsFromConfig(config),
    rows.filter((r) => r.key !== null) as Array<{ key: string; value: unknown }>,
  );
  caches.set(db, { seq: Number(rows[0]?.seq ?? 0), settings });
  return settings;
}

/** Every setting: the version in force and its history, newest first, with who changed it. */
export async function listSettings(db: Db) {
  const rows = await db
    .select({
      key: programSettings.key,
      version: programSettings.version,
      value: programSettings.value,
      effectiveFrom: programSettings.effectiveFrom,
      changedAt: programSettings.changedAt,
      changedBy: programSettings.changedBy,
      changedByName: users.displayName,
    })
    .from(programSettings)
    .leftJoin(users, eq(users.id, programSettings.changedBy))
    .orderBy(programSettings.key, desc(programSettings.version));
  return settingKeys.map((key) => {
    const history = rows.filter((r) => r.key === key);
    return { key, current: history[0] ?? null, history };
  });
}

/** A new version of one setting, from the version it was read at; audited with before and after. */
export async function updateSetting(
  db: Db,
  ctx: AuditContext,
  key: SettingKey,
  version: number,
  value: unknown,
) {
  const parsed = settingSchemas[key].parse(value);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('program_settings'), 0)`);
    const [current] = await tx
      .select()
      .from(programSettings)
      .where(eq(programSettings.key, key))
      .orderBy(desc(programSettings.version))
      .limit(1);
    if (!current) throw new AppError('not_found');
    assertVersion(current.version, version);
    const [created] = await tx
      .insert(programSettings)
      .values({
        key,
        version: current.version + 1,
        value: parsed,
        effectiveFrom: ctx.now,
        changedBy: ctx.actorId,
        changedAt: ctx.now,
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'settings.update',
      recordType: 'program_setting',
      recordId: key,
      changes: { value: [current.value, parsed], version: [current.version, created!.version] },
    });
    return created!;
  });
}
