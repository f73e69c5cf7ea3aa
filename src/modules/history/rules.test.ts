import { Rng } from '../../kernel/random.ts';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missionRows } from '../reference/data/missions.ts';
import { contingents } from './data/contingents.ts';
import { unPoliceByMonth } from './data/un-police.ts';
import {
  correlation,
  laterTotal,
  missionRunsIn,
  monthEnd,
  monthIndex,
  monthlyTargets,
  monthOf,
  share,
  womenShareIn,
} from './rules.ts';

const missions = missionRows();
const byCode = new Map(missions.map((m) => [m.code, m]));
const TODAY = '2026-12-04';

describe('the embedded IPI figures', () => {
  it('are the Police column of the file, month by month, NA as none', () => {
    const file = fs.readFileSync(
      path.resolve(
        import.meta.dirname,
        '../../../test/fixtures/canada-un-contributions-monthly-1990-2014.csv',
      ),
      'utf8',
    );
    const rows = file
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','));
    expect(unPoliceByMonth.size).toBe(rows.length);
    for (const [date, , police] of rows)
      expect([date!.slice(0, 7), unPoliceByMonth.get(date!.slice(0, 7))]).toEqual([
        date!.slice(0, 7),
        police === 'NA' ? 0 : Number(police),
      ]);
  });
});

describe('months', () => {
  it('count from January 1989', () => {
    expect(monthIndex('1989-10')).toBe(9);
    expect(monthOf(monthIndex('2019-09'))).toBe('2019-09');
    expect(monthEnd(monthIndex('2020-02'))).toBe('2020-02-29');
  });
});

describe('the contingents', () => {
  it('name missions of the reference data and keep inside their dates', () => {
    for (const c of contingents) {
      const mission = byCode.get(c.mission);
      expect(mission, c.mission).toBeDefined();
      expect(missionRunsIn(mission!, monthIndex(c.from)), `${c.mission} from ${c.from}`).toBe(true);
      const to = c.to ?? TODAY.slice(0, 7);
      if (c.to !== null || mission!.endDate !== null)
        expect(missionRunsIn(mission!, monthIndex(to)), `${c.mission} to ${to}`).toBe(true);
    }
  });
});

describe('share', () => {
  it('gives each its minimum, the rest by weight, in whole officers adding up', () => {
    const entries = [
      { mission: 'A', from: '2000-01', to: null, weight: 90 },
      { mission: 'B', from: '2000-01', to: null, weight: 10, min: 3 },
      { mission: 'C', from: '2000-01', to: null, weight: 1, min: 1 },
    ];
    const out = share(50, entries);
    expect(out.reduce((s, n) => s + n, 0)).toBe(50);
    expect(out[1]).toBeGreaterThanOrEqual(3);
    expect(out[2]).toBeGreaterThanOrEqual(1);
    expect(share(2, entries)).toEqual([0, 2, 0]);
    expect(share(0, entries)).toEqual([0, 0, 0]);
  });
});

describe('the monthly shape', () => {
  const targets = monthlyTargets(missions, TODAY);
  const at = (month: string) => monthIndex(month) - targets.first;

  it('follows the IPI file for UN missions where it covers (correlation above 0.9)', () => {
    const file = [...unPoliceByMonth.values()];
    const ours = [...unPoliceByMonth.keys()].map((m) => targets.un[at(m)]!);
    expect(correlation(file, ours)).toBeGreaterThan(0.9);
    // The total with the EU, OSCE and bilateral missions keeps the shape too.
    const all = [...unPoliceByMonth.keys()].map((m) => targets.total[at(m)]!);
    expect(correlation(file, all)).toBeGreaterThan(0.9);
  });

  it('starts with UNTAG in October 1989 and fits the facts after the file', () => {
    expect(targets.byMission.get('UNTAG')![at('1989-10')]).toBe(100);
    expect(targets.total[at('2019-09')]).toBe(83);
    for (let m = at('2014-04'); m < targets.total.length; m++)
      expect(targets.total[m]).toBeLessThanOrEqual(150);
    expect(laterTotal('2019-09')).toBe(83);
    // The DR Congo SGBV team: 5 from January 2021, 13 by April.
    expect(targets.byMission.get('MONUSCO')![at('2021-01')]).toBe(5);
    expect(targets.byMission.get('MONUSCO')![at('2021-04')]).toBe(13);
  });

  it('deploys to a mission only while it runs', () => {
    for (const [code, series] of targets.byMission)
      series.forEach((n, i) => {
        if (n > 0) expect(missionRunsIn(byCode.get(code)!, targets.first + i), code).toBe(true);
      });
  });

  it('scales the numbers and keeps the shape', () => {
    const five = monthlyTargets(missions, TODAY, 5);
    expect(five.total[at('2019-09')]).toBe(415);
    expect(correlation(targets.total, five.total)).toBeGreaterThan(0.999);
  });
});

describe('who goes', () => {
  it("has women's share rising from about 6% to about 30%", () => {
    expect(womenShareIn(1989)).toBeCloseTo(0.06, 2);
    expect(womenShareIn(2000)).toBeGreaterThan(womenShareIn(1995));
    expect(womenShareIn(2026)).toBeCloseTo(0.3, 2);
  });
});

describe('the seeded generator', () => {
  it('makes version-4 UUIDs, the same for the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const ids = Array.from({ length: 100 }, () => a.uuid());
    expect(ids).toEqual(Array.from({ length: 100 }, () => b.uuid()));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(100);
    expect(new Rng(8).uuid()).not.toBe(ids[0]);
  });
});
