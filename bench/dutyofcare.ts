/**
 * Duty of care at contingent scale: a mission with BENCH_CONTINGENT officers in theatre (default
 * 1,000; Canada's largest contingents were a few hundred) and a year of check-ins behind them
 * (one every three days: ~120,000 rows), on the embedded database (in memory) and the local
 * PostgreSQL server. Times: the evacuation of the whole contingent in one action (every move
 * recorded and audited), the return to theatre, the commander's board (median of 5), the
 * escalation job's scan when nothing is due (median of 5) and its run when everyone is overdue
 * (alerts taken and e-mails queued). Writes bench/results/dutyofcare.json.
 * Run with `node bench/dutyofcare.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { onEachDatabase } from './databases.ts';
import { eq } from 'drizzle-orm';
import type { Database } from '../src/kernel/db/client.ts';
import { bulkInsert } from '../src/kernel/db/bulk.ts';
import { contingentOf, escalateMissedCheckIns } from '../src/modules/checkins/checkins.ts';
import { defaultCadence, defaultEscalation } from '../src/modules/checkins/rules.ts';
import { checkIns } from '../src/modules/checkins/schema.ts';
import { deploymentMoves, deployments } from '../src/modules/deployments/schema.ts';
import { declareMissionEvent } from '../src/modules/events/events.ts';
import { officers } from '../src/modules/officers/schema.ts';
import { agencies, missions } from '../src/modules/reference/schema.ts';
import { seedReferenceData } from '../src/modules/reference/seed.ts';

const size = Number(process.env.BENCH_CONTINGENT ?? 1000);
const root = path.resolve(import.meta.dirname, '..');
const DAY = 86_400_000;
const options = {
  cadence: defaultCadence,
  escalation: defaultEscalation,
  dutyOfficerEmail: 'duty@example.ca',
  appUrl: 'http://localhost:3000',
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return Math.round(performance.now() - started);
}

async function median(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(fn));
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function measure(label: string, database: Database) {
  await database.migrate();
  await seedReferenceData(database.db);
  const db = database.db;
  const [agency] = await db
    .select({ id: agencies.id })
    .from(agencies)
    .where(eq(agencies.code, 'RCMP'));
  const [mission] = await db
    .select({ id: missions.id })
    .from(missions)
    .where(eq(missions.code, 'EUAM-UKRAINE'));
  const now = new Date();
  const arrived = new Date(now.getTime() - 365 * DAY);
  const arrivedOn = arrived.toISOString().slice(0, 10);
  const ids = await db.transaction(async (tx) => {
    const people = Array.from({ length: size }, (_, i) => ({
      id: crypto.randomUUID(),
      agencyId: agency!.id,
      badgeNumber: `B${i}`,
      givenName: 'Alex',
      familyName: `Officer ${String(i).padStart(5, '0')}`,
      gender: i % 3 ? ('man' as const) : ('woman' as const),
      rankCode: 'constable',
      serviceStart: '2010-01-01',
      email: `o${i}@example.ca`,
    }));
    await bulkInsert(tx, officers, people);
    const placed = people.map((p) => ({
      id: crypto.randomUUID(),
      officerId: p.id,
      missionId: mission!.id,
      state: 'in_theatre' as const,
      plannedStart: arrivedOn,
      plannedEnd: new Date(now.getTime() + 30 * DAY).toISOString().slice(0, 10),
      actualStart: arrivedOn,
      mode: 'in_theatre' as const,
      location: 'Kyiv',
    }));
    await bulkInsert(tx, deployments, placed);
    await bulkInsert(
      tx,
      deploymentMoves,
      placed.map((d) => ({
        deploymentId: d.id,
        fromState: 'in_transit' as const,
        toState: 'in_theatre' as const,
        at: arrived,
      })),
    );
    const history: Array<typeof checkIns.$inferInsert> = [];
    for (const d of placed)
      for (let day = 363; day >= 0; day -= 3)
        history.push({
          deploymentId: d.id,
          missionId: mission!.id,
          status: 'ok',
          location: 'Kyiv',
          at: new Date(now.getTime() - day * DAY - 3_600_000),
        });
    await bulkInsert(tx, checkIns, history);
    return placed.map((d) => d.id);
  });
  const ctx = (at = new Date()) => ({
    actorId: null,
    actorRole: 'bench',
    requestId: null,
    now: at,
  });
  const board = await median(() => contingentOf(db, mission!.id, new Date(), defaultCadence));
  const scan = await median(() => escalateMissedCheckIns(db, ctx(), options));
  const instructions = { instructionsEn: 'Leave', instructionsFr: 'Partez' };
  const evacuation = await timed(() =>
    declareMissionEvent(db, ctx(), mission!.id, {
      kind: 'evacuation',
      destination: 'remote',
      ...instructions,
    }),
  );
  const back = await timed(() =>
    declareMissionEvent(db, ctx(), mission!.id, { kind: 'return_to_theatre', ...instructions }),
  );
  // A week later nobody has checked in: every officer is due every step.
  const escalation = await timed(() =>
    escalateMissedCheckIns(db, ctx(new Date(now.getTime() + 7 * DAY)), options),
  );
  return {
    database: label,
    officers: ids.length,
    checkIns: ids.length * 122,
    evacuationMs: evacuation,
    returnToTheatreMs: back,
    boardMedianMs: board,
    escalationScanMedianMs: scan,
    escalationAllOverdueMs: escalation,
  };
}

const results = await onEachDatabase(measure);
console.table(results);
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/dutyofcare.json'),
  JSON.stringify({ at: new Date().toISOString(), results }, null, 2),
);
