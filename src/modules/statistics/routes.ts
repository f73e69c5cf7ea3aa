import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateOf } from '../../kernel/dates.ts';
import { authorize } from '../../kernel/http/context.ts';
import { bilingual } from '../../kernel/http/schemas.ts';
import { publicFigures, shareOf, womenYear, type Figures, type Targets } from './rules.ts';
import type { StatisticsCache } from './statistics.ts';
import { targetFor } from './targets.ts';
import { currentSettings } from '../settings/settings.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The figures, computed once per data version (see statistics.ts). */
    statistics: StatisticsCache;
  }
}

const count = (description: string) => z.number().int().meta({ description });

/** A published count: the number, or withheld (under 5, or because it would give one away). */
const publishedCount = z
  .union([
    z.number().int(),
    z.object({
      suppressed: z.literal(true),
      reason: z.enum(['fewer_than_5', 'complementary']).meta({
        description:
          'fewer_than_5: the count is under 5; complementary: withheld so that a count under 5 cannot be computed from the totals.',
      }),
    }),
  ])
  .meta({ id: 'PublishedCount' });

const share = z
  .number()
  .nullable()
  .meta({ description: "Women's share in percent (one decimal); null when withheld or nobody." });
const target = z.number().nullable().meta({ description: 'Target share of women, in percent.' });
const gap = z
  .number()
  .nullable()
  .meta({ description: 'Target minus share, in points (negative: above the target).' });

const missionNames = {
  code: z.string(),
  acronym: z.string(),
  ...bilingual,
  countryCode: z.string(),
  iso3: z.string().nullable(),
  countryNameEn: z.string(),
  countryNameFr: z.string(),
};

const publicStatistics = z
  .object({
    asOf: z.string().meta({ description: 'The day the figures describe (YYYY-MM-DD).' }),
    since: z.number().int().nullable(),
    headline: z.object({
      officersDeployed: publishedCount,
      women: publishedCount,
      womenShare: share,
      tours: publishedCount,
      countries: publishedCount,
      missions: publishedCount,
      deployedNow: z.object({
        total: publishedCount,
        inTheatre: publishedCount,
        remote: publishedCount,
        travelling: publishedCount,
        history: publishedCount,
      }),
    }),
    countries: z.array(
      z.object({
        code: z.string(),
        iso3: z.string().nullable(),
        ...bilingual,
        firstYear: z.number().int(),
        lastYear: z.number().int(),
        officers: publishedCount,
      }),
    ),
    currentMissions: z.array(z.object({ ...missionNames, deployed: publishedCount })),
    womenOverTime: z.array(
      z.object({
        year: z.number().int(),
        deployed: publishedCount,
        women: publishedCount,
        share,
        unTarget: target,
        programTarget: target,
        gapToUnTarget: gap,
      }),
    ),
    targets: z.object({ un: target, program: target }),
  })
  .meta({ id: 'PublicStatistics' });

const nowSchema = z.object({
  total: count('Distinct officers deployed now.'),
  inTheatre: count('In theatre.'),
  remote: count('Working remotely (remote or virtual).'),
  travelling: count('In transit back to theatre, or repatriating.'),
  history: count('On a tour of the loaded history not over yet (where is not recorded).'),
});

const dashboard = z
  .object({
    asOf: z.string(),
    since: z.number().int().nullable(),
    officersDeployed: count('Distinct officers with a tour on record.'),
    women: count('Of those, the women.'),
    womenShare: share,
    tours: count('Tours (an officer may serve several).'),
    unlinkedTours: count('Tours of the loaded history whose mission is not linked.'),
    countries: count('Host countries of the missions served.'),
    missions: count('Missions served.'),
    deployedNow: nowSchema,
    byAgency: z.array(
      z.object({
        code: z.string(),
        ...bilingual,
        officers: z.number().int(),
        women: z.number().int(),
        womenShare: share,
        tours: z.number().int(),
        deployedNow: z.number().int(),
      }),
    ),
    womenByYear: z.array(
      z.object({
        year: z.number().int(),
        deployed: z.number().int(),
        women: z.number().int(),
        share,
        unTarget: target,
        programTarget: target,
        gapToUnTarget: gap,
        gapToProgramTarget: gap,
      }),
    ),
    womenByMission: z.array(
      z.object({
        ...missionNames,
        officers: z.number().int(),
        women: z.number().int(),
        tours: z.number().int(),
        share,
      }),
    ),
    countriesServed: z.array(
      z.object({
        code: z.string(),
        iso3: z.string().nullable(),
        ...bilingual,
        officers: z.number().int(),
        tours: z.number().int(),
        firstYear: z.number().int(),
        lastYear: z.number().int(),
      }),
    ),
    currentMissions: z.array(z.object({ ...missionNames, ...nowSchema.shape })),
    wpsPosts: z.object({
      sgbvTeam: z.object({ posts: z.number().int(), filled: z.number().int() }),
      genderAdviser: z.object({ posts: z.number().int(), filled: z.number().int() }),
    }),
    targets: z.object({ un: target, program: target, gapToUnTarget: gap }),
  })
  .meta({ id: 'StatisticsDashboard' });

/** The staff view: every figure, unsuppressed, with shares and gaps. */
export function dashboardOf(figures: Figures, targets: Targets) {
  const { byYear, byMission, byAgency, ...rest } = figures;
  const thisYear = byYear.find((y) => y.year === Number(figures.asOf.slice(0, 4)));
  const current = thisYear ? womenYear(thisYear, targets) : null;
  return {
    ...rest,
    womenShare: shareOf(figures.women, figures.officersDeployed),
    byAgency: byAgency.map((a) => ({ ...a, womenShare: shareOf(a.women, a.officers) })),
    womenByYear: byYear.map((y) => womenYear(y, targets)),
    womenByMission: byMission.map((m) => ({ ...m, share: shareOf(m.women, m.officers) })),
    targets: {
      un: targets.un(Number(figures.asOf.slice(0, 4))),
      program: targets.program,
      gapToUnTarget: current?.gapToUnTarget ?? null,
    },
  };
}

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const targets = async (): Promise<Targets> => {
    const settings = await currentSettings(app.ctx.database.db, app.ctx.config);
    return {
      un: (year) => targetFor(settings.unWomenPoliceTargets, year),
      program: settings.wpsTargetPercent,
    };
  };
  const figures = () => app.statistics.figures(app.ctx.database.db, isoDateOf(app.ctx.clock.now()));

  app.get(
    '/api/v1/public/statistics',
    {
      config: { action: 'public' },
      schema: {
        summary: 'The program in figures (open data, no sign-in)',
        description:
          'Aggregates only, no personal data. Any count under 5 is withheld as `{ "suppressed": true, "reason": "fewer_than_5" }`, and a count that would let one be computed from the totals as `{ "suppressed": true, "reason": "complementary" }`; a share derived from a withheld count is null. Served from a cache refreshed when the records change.',
        tags: ['statistics'],
        response: { 200: publicStatistics },
      },
    },
    async () => publicFigures(await figures(), await targets()),
  );

  app.get(
    '/api/v1/statistics/dashboard',
    {
      config: { action: 'statistics.dashboard' },
      schema: {
        summary: 'The program dashboard: every headline figure, by agency, mission and year',
        description:
          'Aggregates only (no person), unsuppressed: program staff, partners, auditors.',
        tags: ['statistics'],
        response: { 200: dashboard },
      },
    },
    async (request) => {
      await authorize(app, request, 'statistics.dashboard');
      return dashboardOf(await figures(), await targets());
    },
  );
};
