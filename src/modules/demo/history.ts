import { asc, eq, inArray } from 'drizzle-orm';
import type { AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { addDays, isoDateOf, tourEndOf, type IsoDate } from '../../kernel/dates.ts';
import { recordDecision, recordPosition, type DecisionInput } from '../decisions/decisions.ts';
import type { Stance } from '../decisions/schema.ts';
import { createEvaluation, type EvaluationInput } from '../evaluations/evaluations.ts';
import { createPosts, updatePost, type Post } from '../missions/posts.ts';
import { missionLocations, missions } from '../reference/schema.ts';
import { moveRequest, registerRequest, type RequestInput } from '../requests/requests.ts';
import type { RequestStep } from '../requests/rules.ts';
import { requestLines, requests } from '../requests/schema.ts';
import type { Partner, Role } from '../users/schema.ts';

/**
 * The demo history: real missions of the program (Mali, Haiti, DR Congo, Ukraine...), the
 * requests that led to them, the three partners' positions and joint decisions, the posts made
 * from the approved lines, two evaluations, and two requests still open today. Every record goes
 * through its use case, so the rules hold and the audit log reads as the program's history: each
 * step is dated when it happened and done by the demo user who would have done it.
 */

/** The demo users who act in the history, by role (and partner). */
export interface DemoActors {
  programOfficer: string | null;
  commander: string | null;
  partners: Record<Partner, string | null>;
}

interface Step {
  at: Date;
  order: number;
  run: () => Promise<void>;
}

/** A time (UTC) on a working day in Ottawa: 14:00 UTC is 9:00 or 10:00 there. */
function on(date: IsoDate, hour = 14): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
}

const fr = { language: 'fr', minScore: 60 };
const frAdvanced = { language: 'fr', minScore: 70 };
const en = { language: 'en', minScore: 60 };

/** Twelve-month tours, as the program deploys. */
const TOUR_MONTHS = 12;

export async function seedHistory(db: Db, actors: DemoActors, now: Date): Promise<void> {
  const today = isoDateOf(now);
  const steps: Step[] = [];

  // --- Lookups: missions and their towns by name ----------------------------------------------
  const codes = [
    'MINUSMA',
    'EUCAP-SAHEL-MALI',
    'BINUH',
    'EUAM-UKRAINE',
    'MINUSCA',
    'MONUSCO',
    'OSCE-SMM-UKRAINE',
    'MINUSTAH',
  ] as const;
  type Code = (typeof codes)[number];
  const missionRows = await db
    .select({ id: missions.id, code: missions.code })
    .from(missions)
    .where(inArray(missions.code, [...codes]));
  const missionIds = new Map(missionRows.map((m) => [m.code, m.id]));
  const missionId = (code: Code) => {
    const id = missionIds.get(code);
    if (!id) throw new Error(`demo history: mission ${code} missing from the reference data`);
    return id;
  };
  const locationRows = await db
    .select({
      id: missionLocations.id,
      missionId: missionLocations.missionId,
      name: missionLocations.nameEn,
    })
    .from(missionLocations)
    .where(inArray(missionLocations.missionId, [...missionIds.values()]));
  const place = (code: Code, name: string) => {
    const id = missionId(code);
    const row = locationRows.find((l) => l.missionId === id && l.name === name);
    if (!row) throw new Error(`demo history: no location ${name} in ${code}`);
    return row.id;
  };

  // --- Acting: who does what, when ------------------------------------------------------------
  const ctxOf = (actorId: string | null, actorRole: Role, at: Date): AuditContext => ({
    actorId,
    actorRole,
    requestId: null,
    now: at,
  });
  const officer = (at: Date) => ctxOf(actors.programOfficer, 'program_officer', at);
  const partnerCtx = (partner: Partner, at: Date) =>
    ctxOf(actors.partners[partner], 'decision_partner', at);

  /** Schedule a step; steps run in date order whatever order the stories are written in. */
  const at = (when: Date, run: () => Promise<void>) =>
    steps.push({ at: when, order: steps.length, run });

  const currentVersion = async (requestId: string) => {
    const [row] = await db
      .select({ version: requests.version })
      .from(requests)
      .where(eq(requests.id, requestId));
    return row!.version;
  };

  /** A request's story: registered, positions, decisions, posts. */
  class Story {
    id = '';
    lines: string[] = [];
    /** Each partner's current position version, for changing it. */
    positions: Partial<Record<Partner, number>> = {};
    readonly mission: Code;
    constructor(mission: Code, input: Omit<RequestInput, 'missionId'>) {
      this.mission = mission;
      at(on(input.receivedOn, 15), async () => {
        const created = await registerRequest(db, officer(on(input.receivedOn, 15)), {
          ...input,
          missionId: missionId(mission),
        });
        this.id = created.id;
        const lines = await db
          .select({ id: requestLines.id })
          .from(requestLines)
          .where(eq(requestLines.requestId, created.id))
          .orderBy(asc(requestLines.lineNo));
        this.lines = lines.map((l) => l.id);
      });
    }

    position(
      date: IsoDate,
      partner: Partner,
      stance: Stance,
      reasons: string,
      conditions?: string,
    ): this {
      const when = on(date, partner === 'GAC' ? 15 : partner === 'PS' ? 17 : 19);
      at(when, async () => {
        const saved = await recordPosition(db, partnerCtx(partner, when), partner, this.id, {
          stance,
          reasons,
          conditions: conditions ?? null,
          version: this.positions[partner] ?? null,
        });
        this.positions[partner] = saved.version;
      });
      return this;
    }

    decide(input: Omit<DecisionInput, 'requestVersion'>): this {
      const when = on(input.decidedOn, 20);
      at(when, async () => {
        await recordDecision(db, officer(when), 'unanimous', this.id, {
          ...input,
          requestVersion: await currentVersion(this.id),
        });
      });
      return this;
    }

    move(date: IsoDate, step: RequestStep, reason: string | null): this {
      const when = on(date, 16);
      at(when, async () => {
        await moveRequest(db, officer(when), this.id, await currentVersion(this.id), step, reason);
      });
      return this;
    }

    /**
     * Posts from one line (0-based) for a 12-month tour from `tourStart`, created on `date`;
     * `filled` of them are marked filled on `filledOn`. Returns the posts once created.
     */
    posts(
      date: IsoDate,
      line: number,
      spec: {
        count: number;
        tourStart: IsoDate;
        succeeds?: () => Post | undefined;
        filled?: number;
        filledOn?: IsoDate;
      },
    ): { created: Post[] } {
      const result = { created: [] as Post[] };
      const when = on(date, 18);
      const mission = missionId(this.mission);
      at(when, async () => {
        result.created = await createPosts(db, officer(when), mission, {
          requestLineId: this.lines[line]!,
          count: spec.count,
          tourStart: spec.tourStart,
          tourEnd: tourEndOf(spec.tourStart, TOUR_MONTHS),
          succeedsPostId: spec.succeeds?.()?.id ?? null,
        });
      });
      if (spec.filled) {
        if ((spec.filledOn ?? date) < date) throw new Error('demo history: filled before created');
        const filledAt = on(spec.filledOn ?? date, 18);
        at(filledAt, async () => {
          for (const post of result.created.slice(0, spec.filled))
            await updatePost(db, officer(filledAt), mission, post.id, post.version, {
              status: 'filled',
            });
        });
      }
      return result;
    }
  }

  // === Haiti: the end-of-mission evaluation of MINUSTAH (2004-2017) ============================
  const evaluate = (date: IsoDate, actor: 'officer' | 'commander', input: EvaluationInput) => {
    const when = on(date, 18);
    at(when, async () => {
      const ctx =
        actor === 'commander'
          ? ctxOf(actors.commander, 'contingent_commander', when)
          : officer(when);
      await createEvaluation(db, ctx, input);
    });
  };
  evaluate('2019-01-24', 'officer', {
    missionId: missionId('MINUSTAH'),
    kind: 'end_of_mission',
    periodStart: '2004-06-01',
    periodEnd: '2017-10-01',
    rating: 'met',
    indicators: [
      {
        name: 'Haitian National Police strength (officers)',
        value: 'about 15,000',
        target: '15,000',
      },
      {
        name: 'Rotations of the contingent commander with a hand-over overlap',
        value: '12 of 13',
        target: 'all',
      },
      {
        name: 'Canadian officers posted outside Port-au-Prince at the end of the mission',
        value: '4 towns',
        target: null,
      },
    ],
    lessonsLearned:
      'Thirteen years of mentoring the Haitian National Police worked best where the same ' +
      'Canadian posts were held without a break, so that Haitian counterparts kept one adviser ' +
      'after another rather than starting over. The 2010 earthquake showed that the contingent ' +
      'must be able to work for weeks without the mission headquarters. French was essential; ' +
      'officers with some Haitian Creole were far more effective in the regions.',
    recommendations:
      'Keep a two-week hand-over between rotations in every mission. Carry the relationships ' +
      'with the Haitian National Police through MINUJUSTH and into whatever follows it in ' +
      'October 2019. Give officers a Creole introduction during pre-deployment training at the ' +
      'Canadian Police College.',
  });

  // === Mali 2019: MINUSMA (UN) ===================================================================
  const minusma = new Story('MINUSMA', {
    organizationCode: 'UN',
    noteReference: 'DPO/PD/FPGS/2019/0112',
    receivedOn: '2019-02-11',
    responseDue: '2019-03-29',
    startDate: '2019-07-15',
    tourMonths: TOUR_MONTHS,
    summary:
      "The UN Police Division asks Canada for individual police officers and specialists for MINUSMA's police component: mentoring and training the Malian police and gendarmerie, investigations into serious and organized crime and terrorism, and a gender adviser. Working language French; reporting to New York in English. Posts in Bamako and Mopti.",
    lines: [
      {
        postCount: 2,
        postTypeCode: 'contingent_commander',
        locationId: place('MINUSMA', 'Bamako'),
        languages: [frAdvanced, en],
        minRankCode: 'inspector',
        minYearsService: 15,
        notes:
          'Two consecutive 12-month tours, one commander at a time, with a two-week hand-over.',
      },
      {
        postCount: 6,
        postTypeCode: 'individual_police_officer',
        teamCode: 'training_mentoring_monitoring',
        locationId: place('MINUSMA', 'Bamako'),
        languages: [fr],
        minYearsService: 5,
        skills: ['UN driving test', 'report writing in French'],
        womenSought: true,
      },
      {
        postCount: 3,
        postTypeCode: 'individual_police_officer',
        teamCode: 'training_mentoring_monitoring',
        locationId: place('MINUSMA', 'Mopti'),
        languages: [fr],
        minYearsService: 5,
        skills: ['UN driving test'],
        womenSought: true,
      },
      {
        postCount: 2,
        postTypeCode: 'investigator_mentor',
        teamCode: 'serious_organized_crime',
        locationId: place('MINUSMA', 'Bamako'),
        languages: [fr],
        minRankCode: 'sergeant',
        minYearsService: 8,
        skills: ['major case management', 'terrorism financing investigations'],
      },
      {
        postCount: 1,
        postTypeCode: 'gender_adviser',
        teamCode: 'sgbv',
        locationId: place('MINUSMA', 'Bamako'),
        languages: [fr],
        minRankCode: 'sergeant',
        minYearsService: 8,
        womenSought: true,
      },
      {
        postCount: 2,
        postTypeCode: 'trainer',
        teamCode: 'management_development',
        locationId: place('MINUSMA', 'Bamako'),
        languages: [fr],
        minRankCode: 'corporal',
        minYearsService: 7,
        skills: ['adult education', 'course design'],
      },
    ],
  })
    .position(
      '2019-02-19',
      'GAC',
      'support',
      'A clear Security Council mandate (resolution 2423 (2018)) and an official request from the UN Secretariat. Mali is central to Canada’s engagement in the Sahel; police officers follow on from the Canadian Air Task Force in MINUSMA (2018-2019). French-speaking Canadian police are in short supply in UN missions.',
    )
    .position(
      '2019-03-05',
      'PS',
      'support',
      'Fits within the Canadian Police Arrangement envelope for 2019-20 (about $46.9M a year, up to 150 officers deployed at once). Partner agencies have told us they can release French-speaking officers for a 12-month tour.',
    )
    .position(
      '2019-03-12',
      'RCMP',
      'support',
      'A suitable role for Canadian police: mentoring, training and investigation support, where our specialists add value. We can select, train and support up to 20 officers. The risk is high, but posts are in Bamako and Mopti under UN security management, not in the north.',
    )
    .decide({
      outcome: 'approved',
      ceiling: 20,
      conditions: null,
      fundingNote:
        'Canadian Police Arrangement, 2019-20 and 2020-21; up to 20 officers in MINUSMA at once.',
      decidedOn: '2019-03-26',
    });
  // First tour, July 2019 to July 2020; most posts filled after selection in June.
  const minusmaCommander = minusma.posts('2019-04-15', 0, {
    count: 1,
    tourStart: '2019-07-15',
    filled: 1,
    filledOn: '2019-06-14',
  });
  minusma.posts('2019-04-15', 1, {
    count: 6,
    tourStart: '2019-07-15',
    filled: 6,
    filledOn: '2019-06-14',
  });
  minusma.posts('2019-04-15', 2, {
    count: 3,
    tourStart: '2019-07-15',
    filled: 2,
    filledOn: '2019-06-14',
  });
  minusma.posts('2019-04-15', 3, {
    count: 2,
    tourStart: '2019-07-15',
    filled: 2,
    filledOn: '2019-06-14',
  });
  minusma.posts('2019-04-15', 4, {
    count: 1,
    tourStart: '2019-07-15',
    filled: 1,
    filledOn: '2019-06-14',
  });
  minusma.posts('2019-04-15', 5, {
    count: 2,
    tourStart: '2019-08-12',
    filled: 1,
    filledOn: '2019-06-14',
  });
  // The commander's rotation: the successor arrives two weeks early for the hand-over.
  minusma.posts('2020-04-20', 0, {
    count: 1,
    tourStart: addDays(tourEndOf('2019-07-15', TOUR_MONTHS), -13),
    succeeds: () => minusmaCommander.created[0],
    filled: 1,
    filledOn: '2020-05-15',
  });
  evaluate('2020-02-10', 'commander', {
    missionId: missionId('MINUSMA'),
    kind: 'periodic',
    periodStart: '2019-07-15',
    periodEnd: '2020-01-14',
    rating: 'met',
    indicators: [
      { name: 'Malian police and gendarmerie officers trained', value: '312', target: '300' },
      { name: 'Patrols mentored with the Malian police in Bamako', value: '46', target: '40' },
      { name: 'Posts filled (of 15 in the first tour)', value: '13', target: '15' },
      { name: 'Women among Canadian officers deployed', value: '31%', target: '20%' },
      { name: 'Weekly welfare check-ins answered', value: '98%', target: '100%' },
    ],
    lessonsLearned:
      'Officers with strong written French produced usable reports from the first week; others ' +
      'needed months. Movement restrictions in Mopti after attacks in the region in 2019 cut mentoring ' +
      'there by half: officers worked from the camp and by telephone. One Mopti post stayed vacant ' +
      'for lack of a candidate with the French level required.',
    recommendations:
      'Test written French at 70% for Mopti. Keep the two-week hand-over for the commander and ' +
      'extend it to the investigator mentors. Plan remote work from the camp as part of ' +
      'pre-deployment training, not as an exception.',
  });

  // === Mali 2019: EUCAP Sahel Mali (EU), approved with conditions ================================
  const eucapConditions =
    'Bamako only for now: the Mopti post waits for an RCMP security assessment of the EUCAP regional office. Officers must test at 70% or better in French, as EUCAP works without interpreters. The EU provides armoured transport and medical evacuation for Canadian officers as for its own staff.';
  const eucap = new Story('EUCAP-SAHEL-MALI', {
    organizationCode: 'EU',
    noteReference: 'EEAS CPCC call for contributions 2019/04',
    receivedOn: '2019-03-18',
    responseDue: '2019-04-30',
    startDate: '2019-09-02',
    tourMonths: TOUR_MONTHS,
    summary:
      'The EU asks Canada for seconded police experts to EUCAP Sahel Mali: trainers in management for the Malian internal security forces, a planning officer, and an investigator mentor in counter-terrorism at the Mopti regional office.',
    lines: [
      {
        postCount: 2,
        postTypeCode: 'trainer',
        teamCode: 'management_development',
        locationId: place('EUCAP-SAHEL-MALI', 'Bamako'),
        languages: [frAdvanced],
        minRankCode: 'sergeant',
        minYearsService: 10,
      },
      {
        postCount: 1,
        postTypeCode: 'planning_officer',
        locationId: place('EUCAP-SAHEL-MALI', 'Bamako'),
        languages: [frAdvanced, en],
        minRankCode: 'staff_sergeant',
        minYearsService: 12,
      },
      {
        postCount: 1,
        postTypeCode: 'investigator_mentor',
        teamCode: 'counter_terrorism',
        locationId: place('EUCAP-SAHEL-MALI', 'Mopti'),
        languages: [frAdvanced],
        minRankCode: 'sergeant',
        minYearsService: 10,
        skills: ['counter-terrorism investigations'],
      },
    ],
  })
    .position(
      '2019-03-25',
      'GAC',
      'support',
      'The mission has a clear mandate (Council Decision 2014/219/CFSP, as extended) and complements Canada’s contribution to MINUSMA. Working with the EU in the Sahel is a foreign-policy priority.',
    )
    .position(
      '2019-04-08',
      'PS',
      'support',
      'Four posts fit within the 2019-20 envelope alongside MINUSMA. The EU covers per diem and in-mission costs for seconded experts.',
    )
    .position(
      '2019-04-15',
      'RCMP',
      'support_with_conditions',
      'A sound role for Canadian police that complements MINUSMA. The EUCAP regional office in Mopti faces a high threat and we have not assessed it yet; the training posts in Bamako can go ahead.',
      eucapConditions,
    )
    .decide({
      outcome: 'approved_with_conditions',
      ceiling: 3,
      conditions: eucapConditions,
      fundingNote: 'Canadian Police Arrangement 2019-20; in-mission costs borne by the EU.',
      decidedOn: '2019-04-24',
    });
  eucap.posts('2019-05-06', 0, {
    count: 2,
    tourStart: '2019-09-02',
    filled: 2,
    filledOn: '2019-07-22',
  });
  eucap.posts('2019-05-06', 1, {
    count: 1,
    tourStart: '2019-09-02',
    filled: 1,
    filledOn: '2019-07-22',
  });

  // === Haiti 2019: BINUH (UN), after MINUJUSTH ====================================================
  const binuh = new Story('BINUH', {
    organizationCode: 'UN',
    noteReference: 'DPO/PD/2019/0871',
    receivedOn: '2019-10-22',
    responseDue: '2019-11-29',
    startDate: '2020-01-13',
    tourMonths: TOUR_MONTHS,
    summary:
      "MINUJUSTH closed on 15 October 2019. The UN asks Canada for police advisers to the new Integrated Office in Haiti (BINUH), to advise the Haitian National Police's leadership on strategy, community policing and sexual and gender-based violence.",
    lines: [
      {
        postCount: 1,
        postTypeCode: 'senior_police_adviser',
        locationId: place('BINUH', 'Port-au-Prince'),
        languages: [frAdvanced, en],
        minRankCode: 'superintendent',
        minYearsService: 20,
      },
      {
        postCount: 1,
        postTypeCode: 'planning_officer',
        locationId: place('BINUH', 'Port-au-Prince'),
        languages: [fr, en],
        minRankCode: 'staff_sergeant',
        minYearsService: 12,
      },
      {
        postCount: 1,
        postTypeCode: 'gender_adviser',
        teamCode: 'sgbv',
        locationId: place('BINUH', 'Port-au-Prince'),
        languages: [fr],
        minRankCode: 'sergeant',
        minYearsService: 8,
        womenSought: true,
      },
      {
        postCount: 1,
        postTypeCode: 'community_policing_adviser',
        teamCode: 'community_policing',
        locationId: place('BINUH', 'Port-au-Prince'),
        languages: [fr],
        minRankCode: 'sergeant',
        minYearsService: 8,
      },
    ],
  })
    .position(
      '2019-10-30',
      'GAC',
      'support',
      'Haiti is the program’s longest-running commitment (since 1993). BINUH’s mandate (resolution 2476 (2019)) keeps a police advisory role after MINUJUSTH; continuity with Canada’s bilateral support to the Haitian National Police.',
    )
    .position(
      '2019-11-12',
      'PS',
      'support',
      'Four advisers replace part of the MINUJUSTH contingent within the same envelope.',
    )
    .position(
      '2019-11-19',
      'RCMP',
      'support',
      'Senior advisory posts suit experienced Canadian officers, and candidates who served in MINUSTAH and MINUJUSTH are available.',
    )
    .decide({
      outcome: 'approved',
      ceiling: 4,
      conditions: null,
      fundingNote: 'Canadian Police Arrangement 2019-20 and 2020-21.',
      decidedOn: '2019-12-03',
    });
  for (const [index, filled] of [1, 1, 0, 1].entries())
    binuh.posts('2019-12-16', index, {
      count: 1,
      tourStart: '2020-01-13',
      filled,
      filledOn: '2020-01-06',
    });

  // === Ukraine 2020: EUAM Ukraine (EU) ============================================================
  new Story('EUAM-UKRAINE', {
    organizationCode: 'EU',
    noteReference: 'EEAS CPCC call for contributions 2020/01',
    receivedOn: '2020-01-27',
    responseDue: '2020-03-06',
    startDate: '2020-05-04',
    tourMonths: TOUR_MONTHS,
    summary:
      "The EU Advisory Mission asks for police advisers to support the National Police of Ukraine's reform: community policing in Kharkiv, training in Lviv, and strategic planning at headquarters in Kyiv. Working language English, with interpretation.",
    lines: [
      {
        postCount: 1,
        postTypeCode: 'community_policing_adviser',
        teamCode: 'community_policing',
        locationId: place('EUAM-UKRAINE', 'Kharkiv'),
        languages: [en],
        minRankCode: 'sergeant',
        minYearsService: 10,
      },
      {
        postCount: 1,
        postTypeCode: 'trainer',
        teamCode: 'training_mentoring_monitoring',
        locationId: place('EUAM-UKRAINE', 'Lviv'),
        languages: [en],
        minRankCode: 'corporal',
        minYearsService: 7,
      },
      {
        postCount: 1,
        postTypeCode: 'planning_officer',
        locationId: place('EUAM-UKRAINE', 'Kyiv'),
        languages: [en],
        minRankCode: 'staff_sergeant',
        minYearsService: 12,
      },
    ],
  })
    .position(
      '2020-02-04',
      'GAC',
      'support',
      'Supporting Ukraine’s security sector reform is a Canadian priority; EUAM’s mandate (Council Decision 2014/486/CFSP) is clear and complements the bilateral Canadian Police Mission in Ukraine.',
    )
    .position(
      '2020-02-14',
      'PS',
      'support',
      'Three posts are funded in 2020-21; the EU covers in-mission costs.',
    )
    .position(
      '2020-02-21',
      'RCMP',
      'support',
      'Community policing and training are areas where Canadian police are recognised; English working language widens the pool of candidates.',
    )
    .decide({
      outcome: 'approved',
      ceiling: 3,
      conditions: null,
      fundingNote: 'Canadian Police Arrangement 2020-21; in-mission costs borne by the EU.',
      decidedOn: '2020-02-28',
    });

  // === Central African Republic 2020: MINUSCA (UN), declined =====================================
  new Story('MINUSCA', {
    organizationCode: 'UN',
    noteReference: 'DPO/PD/2020/0433',
    receivedOn: '2020-06-15',
    responseDue: '2020-07-31',
    startDate: '2020-10-05',
    tourMonths: TOUR_MONTHS,
    summary:
      'The UN asks Canada for ten French-speaking individual police officers and two trainers for MINUSCA, in Bangui, to support the Central African internal security forces before the December 2020 elections.',
    lines: [
      {
        postCount: 10,
        postTypeCode: 'individual_police_officer',
        teamCode: 'elections_support',
        languages: [fr],
        minYearsService: 5,
        womenSought: true,
      },
      {
        postCount: 2,
        postTypeCode: 'trainer',
        teamCode: 'training_mentoring_monitoring',
        languages: [fr],
        minRankCode: 'sergeant',
        minYearsService: 8,
      },
    ],
  })
    .position(
      '2020-06-29',
      'GAC',
      'support',
      'A clear mandate (resolution 2499 (2019)) and an official request; supporting peaceful elections in the Central African Republic matters to Canada and to our partners in the region.',
    )
    .position(
      '2020-07-10',
      'PS',
      'oppose',
      'The 2020-21 envelope is committed to Mali, Haiti and Ukraine, and the pandemic has raised the cost of every rotation (quarantine, charter flights). Twelve more officers cannot be funded this year without cutting existing commitments.',
    )
    .position(
      '2020-07-17',
      'RCMP',
      'oppose',
      'The pool of French-speaking candidates who passed the UN assessment is already drawn on by Mali and Haiti, and the Canadian Police College is training at reduced capacity. We could not have officers trained and in Bangui before the elections.',
    )
    .decide({
      outcome: 'declined',
      ceiling: null,
      conditions: null,
      fundingNote:
        'No funding available in 2020-21. The UN to be told Canada may reconsider for 2021-22.',
      decidedOn: '2020-07-28',
    });

  // === DR Congo 2020-21: the MONUSCO SGBV team, 5 then 13 =========================================
  const monusco = new Story('MONUSCO', {
    organizationCode: 'UN',
    noteReference: 'DPO/PD/2020/0716',
    receivedOn: '2020-10-05',
    responseDue: '2020-11-20',
    startDate: '2021-01-11',
    tourMonths: TOUR_MONTHS,
    summary:
      'The UN asks Canada for a specialised team of 13 police officers to support the Congolese National Police in investigating sexual and gender-based violence: a team leader and ten investigators in Goma, two trainers in Kinshasa. Women officers are sought. Working language French.',
    lines: [
      {
        postCount: 1,
        postTypeCode: 'senior_police_adviser',
        teamCode: 'sgbv',
        locationId: place('MONUSCO', 'Goma'),
        languages: [frAdvanced, en],
        minRankCode: 'staff_sergeant',
        minYearsService: 15,
        notes: 'Team leader of the SGBV team.',
      },
      {
        postCount: 10,
        postTypeCode: 'sgbv_investigator',
        teamCode: 'sgbv',
        locationId: place('MONUSCO', 'Goma'),
        languages: [fr],
        minYearsService: 8,
        skills: ['sexual assault investigations', 'trauma-informed interviewing of victims'],
        womenSought: true,
      },
      {
        postCount: 2,
        postTypeCode: 'trainer',
        teamCode: 'sgbv',
        locationId: place('MONUSCO', 'Kinshasa'),
        languages: [fr],
        minRankCode: 'corporal',
        minYearsService: 8,
        womenSought: true,
      },
    ],
  })
    .position(
      '2020-10-14',
      'GAC',
      'support',
      'MONUSCO’s mandate (resolution 2502 (2019)) puts the protection of civilians against sexual violence first. A specialised team fits Canada’s Feminist International Assistance Policy, the National Action Plan on Women, Peace and Security and the Elsie Initiative.',
    )
    .position(
      '2020-11-02',
      'PS',
      'support',
      'An initial team of five can be funded in 2020-21. The full team depends on 2021-22 allocations, to be confirmed in February.',
    )
    .position(
      '2020-11-09',
      'RCMP',
      'support',
      'Specialised SGBV investigators with French are available from the RCMP and partner agencies. Five can be selected and trained by January; the others need until spring.',
    )
    .decide({
      outcome: 'approved',
      ceiling: 5,
      conditions: null,
      fundingNote:
        'Initial team of 5 funded in 2020-21 from the Canadian Police Arrangement; the rest of the team to be reconsidered once 2021-22 funding is confirmed.',
      decidedOn: '2020-11-19',
    });
  monusco.posts('2020-12-01', 0, {
    count: 1,
    tourStart: '2021-01-11',
    filled: 1,
    filledOn: '2020-12-18',
  });
  monusco.posts('2020-12-01', 1, {
    count: 4,
    tourStart: '2021-01-11',
    filled: 4,
    filledOn: '2020-12-18',
  });
  monusco
    .move(
      '2021-02-08',
      'reconsider',
      "MONUSCO's Police Commissioner asks that the team reach its full strength of 13 by April 2021. Funding for 2021-22 is now confirmed; the first five officers have been in Goma since January.",
    )
    .position(
      '2021-02-12',
      'GAC',
      'support',
      'The first five officers are well received by MONUSCO and the Congolese National Police; bringing the team to 13 answers the UN’s request in full.',
    )
    .position('2021-02-22', 'PS', 'support', '2021-22 funding is confirmed for a team of 13.')
    .position(
      '2021-03-01',
      'RCMP',
      'support',
      'Eight more officers are selected; their pre-deployment training at the Canadian Police College ends in March, ready for early April.',
    )
    .decide({
      outcome: 'approved',
      ceiling: 13,
      conditions: null,
      fundingNote: 'Canadian Police Arrangement 2021-22: a team of 13.',
      decidedOn: '2021-03-05',
    });
  monusco.posts('2021-03-10', 1, {
    count: 6,
    tourStart: '2021-04-06',
    filled: 6,
    filledOn: '2021-03-24',
  });
  monusco.posts('2021-03-10', 2, {
    count: 2,
    tourStart: '2021-04-06',
    filled: 1,
    filledOn: '2021-03-24',
  });

  // === Ukraine 2022: the OSCE Special Monitoring Mission, withdrawn ===============================
  new Story('OSCE-SMM-UKRAINE', {
    organizationCode: 'OSCE',
    noteReference: 'OSCE SEC.GAL/14/22',
    receivedOn: '2022-01-24',
    responseDue: '2022-02-18',
    startDate: '2022-04-04',
    tourMonths: TOUR_MONTHS,
    summary:
      'The OSCE asks participating States for additional monitors with a police background for the Special Monitoring Mission to Ukraine, based in Kyiv.',
    lines: [
      {
        postCount: 4,
        postTypeCode: 'individual_police_officer',
        teamCode: 'training_mentoring_monitoring',
        locationId: place('OSCE-SMM-UKRAINE', 'Kyiv'),
        languages: [en],
        minYearsService: 8,
        skills: ['Russian or Ukrainian an asset'],
      },
    ],
  })
    .position(
      '2022-02-03',
      'GAC',
      'support',
      'Strong support for the OSCE’s presence in Ukraine at a time of rising tension; an official request from the OSCE Secretariat.',
    )
    .move(
      '2022-03-07',
      'withdraw',
      'The OSCE withdrew its request: the Special Monitoring Mission evacuated its international monitors after 24 February 2022, and its mandate was not extended beyond 31 March 2022.',
    );

  // === Open today: Haiti, overdue, waiting for Public Safety =====================================
  new Story('BINUH', {
    organizationCode: 'UN',
    noteReference: `DPO/PD/${addDays(today, -40).slice(0, 4)}/HT-017`,
    receivedOn: addDays(today, -40),
    responseDue: addDays(today, -5),
    startDate: addDays(today, 75),
    tourMonths: TOUR_MONTHS,
    summary:
      'The UN asks Canada for police advisers to BINUH to help the Haitian National Police investigate gang crime and kidnappings and respond to sexual violence, and for a planning officer.',
    lines: [
      {
        postCount: 2,
        postTypeCode: 'investigator_mentor',
        teamCode: 'serious_organized_crime',
        locationId: place('BINUH', 'Port-au-Prince'),
        languages: [fr],
        minRankCode: 'sergeant',
        minYearsService: 10,
        skills: ['organized crime investigations', 'kidnapping investigations'],
      },
      {
        postCount: 1,
        postTypeCode: 'gender_adviser',
        teamCode: 'sgbv',
        locationId: place('BINUH', 'Port-au-Prince'),
        languages: [fr],
        minRankCode: 'sergeant',
        minYearsService: 8,
        womenSought: true,
      },
      {
        postCount: 1,
        postTypeCode: 'planning_officer',
        locationId: place('BINUH', 'Port-au-Prince'),
        languages: [fr, en],
        minRankCode: 'staff_sergeant',
        minYearsService: 12,
      },
    ],
  })
    .position(
      addDays(today, -34),
      'GAC',
      'support',
      'Haiti remains a top priority for Canada. BINUH’s mandate covers advice to the Haitian National Police, and help against gang violence and kidnapping is what Haitian authorities ask of us.',
    )
    .position(
      addDays(today, -21),
      'RCMP',
      'support_with_conditions',
      'Suitable posts for experienced Canadian investigators, and candidates with French are available. The security situation in Port-au-Prince is severe.',
      'Officers based in Port-au-Prince only, inside UN security arrangements, with movement approved by the UN security adviser. Deployment waits for an RCMP security assessment visit, and a medical evacuation arrangement must be confirmed before the first officer travels.',
    );

  // === Open today: Ukraine, due in three days, no position yet ===================================
  new Story('EUAM-UKRAINE', {
    organizationCode: 'EU',
    noteReference: `EEAS CPCC call for contributions ${addDays(today, -20).slice(0, 4)}/02`,
    receivedOn: addDays(today, -20),
    responseDue: addDays(today, 3),
    startDate: addDays(today, 120),
    tourMonths: TOUR_MONTHS,
    summary:
      "EUAM Ukraine asks for police advisers to support the National Police of Ukraine's investigations of international crimes, and community policing in Kharkiv region.",
    lines: [
      {
        postCount: 2,
        postTypeCode: 'investigator_mentor',
        teamCode: 'human_rights_investigation',
        locationId: place('EUAM-UKRAINE', 'Kyiv'),
        languages: [en],
        minRankCode: 'sergeant',
        minYearsService: 10,
        skills: ['major case management', 'evidence handling for international courts'],
      },
      {
        postCount: 1,
        postTypeCode: 'community_policing_adviser',
        teamCode: 'community_policing',
        locationId: place('EUAM-UKRAINE', 'Kharkiv'),
        languages: [en],
        minRankCode: 'sergeant',
        minYearsService: 8,
      },
    ],
  });

  // --- Run the history in date order ----------------------------------------------------------
  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const step of steps) {
    if (step.at > now)
      throw new Error(`demo history: a step is dated after now (${step.at.toISOString()})`);
    await step.run();
  }
}
