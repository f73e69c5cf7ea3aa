import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../kernel/dates.ts';
import { addYears, firstNationsFamilies } from '../demo/people.ts';
import { missionRows } from '../reference/data/missions.ts';
import { unPoliceByMonth } from './data/un-police.ts';
import { planHistory, type HistoryPlan } from './plan.ts';
import { correlation, monthEnd, monthIndex } from './rules.ts';

const TODAY = '2026-12-04';
const plan = planHistory({ seed: 1989, today: TODAY, multiplier: 1 });
const missions = new Map(missionRows().map((m) => [m.code, m]));
const digest = (p: HistoryPlan) =>
  createHash('sha256')
    .update(JSON.stringify([p.officers, p.tours]))
    .digest('hex');
const deployedAt = (day: string, un?: boolean) =>
  plan.tours.filter(
    (t) =>
      t.start <= day &&
      t.end >= day &&
      (un === undefined || (missions.get(t.mission)!.organizationCode === 'UN') === un),
  ).length;
const womenShare = (from: number, to: number) => {
  const tours = plan.tours.filter((t) => {
    const year = Number(t.start.slice(0, 4));
    return year >= from && year <= to;
  });
  return tours.filter((t) => plan.officers[t.officer]!.gender === 'woman').length / tours.length;
};

describe('the planned history (small: the real program)', () => {
  it("has the program's size: over 4,000 officers in more than 33 countries since 1989", () => {
    expect(plan.officers.length).toBeGreaterThan(4000);
    const countries = new Set(plan.tours.map((t) => missions.get(t.mission)!.hostCountryCode));
    expect(countries.size).toBeGreaterThan(33);
    expect(
      plan.tours
        .map((t) => t.start)
        .sort()[0]!
        .slice(0, 7),
    ).toBe('1989-10');
  });

  it("follows Canada's monthly UN police figures where the IPI file covers", () => {
    const file: number[] = [];
    const ours: number[] = [];
    for (const [month, police] of unPoliceByMonth) {
      file.push(police);
      ours.push(deployedAt(monthEnd(monthIndex(month)), true));
    }
    expect(correlation(file, ours)).toBeGreaterThan(0.9);
    expect(deployedAt('2019-09-30')).toBe(83);
  });

  it('has the RCMP supply 30-40% of the officers, the rest from many partner agencies', () => {
    const rcmp = plan.officers.filter((o) => o.agencyCode === 'RCMP').length;
    expect(rcmp / plan.officers.length).toBeGreaterThan(0.3);
    expect(rcmp / plan.officers.length).toBeLessThan(0.4);
    const agencies = new Set(plan.officers.map((o) => o.agencyCode));
    expect(agencies.size).toBeGreaterThan(30);
    // First Nations services' officers, with their communities' names among them.
    expect(
      plan.officers.filter((o) => firstNationsFamilies[o.agencyCode]?.includes(o.familyName))
        .length,
    ).toBeGreaterThan(10);
  });

  it("has women's share rising: about 5-8% in 1989-1995, about 25-30% now", () => {
    expect(womenShare(1989, 1995)).toBeGreaterThan(0.03);
    expect(womenShare(1989, 1995)).toBeLessThan(0.1);
    expect(womenShare(2005, 2010)).toBeGreaterThan(womenShare(1989, 1995));
    expect(womenShare(2021, 2026)).toBeGreaterThan(0.22);
    expect(womenShare(2021, 2026)).toBeLessThan(0.34);
  });

  it('puts no officer in two overlapping tours; repeat tours come years apart, four at most', () => {
    const byOfficer = new Map<number, typeof plan.tours>();
    for (const t of plan.tours) byOfficer.set(t.officer, [...(byOfficer.get(t.officer) ?? []), t]);
    let repeat = 0;
    for (const tours of byOfficer.values()) {
      expect(tours.length).toBeLessThanOrEqual(4);
      if (tours.length > 1) repeat++;
      const sorted = [...tours].sort((a, b) => a.start.localeCompare(b.start));
      for (let i = 1; i < sorted.length; i++)
        expect(daysBetween(sorted[i - 1]!.end, sorted[i]!.start)).toBeGreaterThan(365);
    }
    expect(repeat).toBeGreaterThan(100);
  });

  it("keeps every tour inside its mission's dates, about twelve months long", () => {
    const lengths: number[] = [];
    for (const t of plan.tours) {
      const m = missions.get(t.mission)!;
      expect(t.start >= m.startDate, `${t.mission} ${t.start}`).toBe(true);
      if (m.endDate) expect(t.end <= m.endDate, `${t.mission} ${t.end}`).toBe(true);
      expect(t.end > t.start).toBe(true);
      expect(t.start <= TODAY).toBe(true);
      lengths.push(daysBetween(t.start, t.end));
    }
    lengths.sort((a, b) => a - b);
    // Twelve months most often; six and nine in some (the 1990s), fifteen when extended.
    const months = (n: number) =>
      lengths.filter((d) => d >= n * 30.4 - 5 && d <= n * 30.4 + 5).length;
    expect(months(12)).toBeGreaterThan(months(6));
    expect(months(12)).toBeGreaterThan(months(9));
    expect(months(12)).toBeGreaterThan(months(15));
    expect(months(12) / lengths.length).toBeGreaterThan(0.3);
    const median = lengths[Math.floor(lengths.length / 2)]!;
    expect(median).toBeGreaterThan(270);
    expect(median).toBeLessThan(380);
    expect(lengths[lengths.length - 1]).toBeLessThan(15 * 31 + 1);
    expect(plan.tours.some((t) => t.extendedFrom !== null)).toBe(true);
  });

  it('hands each post to one successor, who arrives the day after the predecessor leaves', () => {
    const successors = new Map<number, number>();
    let rotations = 0;
    plan.tours.forEach((t, i) => {
      if (t.predecessor === null) return;
      rotations++;
      expect(successors.has(t.predecessor)).toBe(false);
      successors.set(t.predecessor, i);
      const before = plan.tours[t.predecessor]!;
      expect(before.mission).toBe(t.mission);
      expect(t.start).toBe(addDays(before.end, 1));
      expect(t.postType).toBe(before.postType);
    });
    expect(rotations / plan.tours.length).toBeGreaterThan(0.5);
  });

  it('deploys officers within the UN minimums: aged 25 to 62, five years of service', () => {
    for (const t of plan.tours) {
      const o = plan.officers[t.officer]!;
      const age = daysBetween(o.dateOfBirth, t.start) / 365.25;
      expect(age).toBeGreaterThanOrEqual(25);
      expect(age).toBeLessThanOrEqual(62);
      expect(addYears(o.serviceStart, 5) <= t.start).toBe(true);
    }
  });

  it('is the same plan for the same seed, another for another seed', () => {
    expect(digest(planHistory({ seed: 1989, today: TODAY, multiplier: 1 }))).toBe(digest(plan));
    expect(digest(planHistory({ seed: 1990, today: TODAY, multiplier: 1 }))).not.toBe(digest(plan));
  });

  it('stops where asked (the demo) and scales with the multiplier', () => {
    const before2019 = planHistory({
      seed: 1989,
      today: TODAY,
      multiplier: 1,
      until: '2019-01-01',
    });
    expect(before2019.tours.every((t) => t.start < '2019-01-01')).toBe(true);
    expect(before2019.tours.length).toBe(plan.tours.filter((t) => t.start < '2019-01-01').length);
    const three = planHistory({ seed: 1989, today: TODAY, multiplier: 3 });
    expect(three.officers.length / plan.officers.length).toBeGreaterThan(2.7);
    expect(three.officers.length / plan.officers.length).toBeLessThan(3.3);
  });
});
