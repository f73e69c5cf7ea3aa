import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import { auditContextOf, authorize } from '../../kernel/http/context.ts';
import { fieldErrorOf } from '../../kernel/http/errors.ts';
import { settingKeys, settingSchemas } from './rules.ts';
import { listSettings, updateSetting } from './settings.ts';

const settingVersion = z
  .object({
    key: z.string(),
    version: z.number().int(),
    value: z.unknown(),
    effectiveFrom: z.date(),
    changedAt: z.date(),
    changedBy: z.uuid().nullable().meta({ description: 'Null: seeded from the environment.' }),
    changedByName: z.string().nullable(),
  })
  .meta({ id: 'ProgramSettingVersion' });

const setting = z
  .object({
    key: z.enum(settingKeys),
    current: settingVersion.nullable(),
    history: z.array(settingVersion).meta({ description: 'Every version, newest first.' }),
  })
  .meta({ id: 'ProgramSetting' });

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/api/v1/settings',
    {
      config: { action: 'settings.read' },
      schema: {
        summary: 'The program settings in force, each with its history',
        description:
          'Screening thresholds, Women, Peace and Security targets and check-in cadences. Seeded from the environment on first start; the latest version of each is in force.',
        tags: ['settings'],
        response: { 200: z.array(setting) },
      },
    },
    async (request) => {
      await authorize(app, request, 'settings.read');
      return listSettings(db());
    },
  );

  app.put(
    '/api/v1/settings/:key',
    {
      config: { action: 'settings.update' },
      schema: {
        summary: 'Set a new version of a program setting (with the version it was read at)',
        description: [
          '`screening`: `{minAge, maxAge (18-70), minServiceYears, languagePassMark (0-100), minDrivingYears}`;',
          '`wps_target_percent`: 0-100; `un_women_police_targets`: `[{year, percent}]` in ascending years;',
          '`checkin_cadence_hours`: positive hours for `low`, `moderate`, `high`, `extreme`, `lockdown`, `evacuation`.',
        ].join(' '),
        tags: ['settings'],
        params: z.object({ key: z.enum(settingKeys) }),
        body: z.object({ version: z.number().int().min(1), value: z.unknown() }).strict(),
        response: { 200: settingVersion },
      },
    },
    async (request) => {
      await authorize(app, request, 'settings.update');
      const { key } = request.params;
      const parsed = settingSchemas[key].safeParse(request.body.value);
      if (!parsed.success)
        throw new AppError(
          'validation_failed',
          {},
          parsed.error.issues.map((issue) =>
            fieldErrorOf({
              keyword: issue.code,
              instancePath: ['', 'value', ...issue.path.map(String)].join('/'),
              params: issue as unknown as Record<string, unknown>,
            }),
          ),
        );
      const created = await updateSetting(
        db(),
        auditContextOf(app, request),
        key,
        request.body.version,
        parsed.data,
      );
      return { ...created, changedByName: request.session!.actor.displayName ?? null };
    },
  );
};
