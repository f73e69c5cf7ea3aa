import { describe, expect, it } from 'vitest';
import {
  awaitingResult,
  certificateState,
  instructorsOf,
  linkable,
  requirementOf,
  requiresAnyone,
  sessionsQuery,
  shiftDate,
  splitByDate,
  withdrawableEnrolment,
} from '../../lib/training.ts';

describe('enrolments', () => {
  it('can be withdrawn from a seat or the waiting list only', () => {
    expect(withdrawableEnrolment('enrolled')).toBe(true);
    expect(withdrawableEnrolment('waitlisted')).toBe(true);
    for (const s of ['withdrawn', 'attended', 'absent', 'passed', 'failed'] as const)
      expect(withdrawableEnrolment(s)).toBe(false);
  });

  it('take a result while enrolled, or attended without a result yet', () => {
    expect(awaitingResult('enrolled')).toBe(true);
    expect(awaitingResult('attended')).toBe(true);
    for (const s of ['waitlisted', 'withdrawn', 'absent', 'passed', 'failed'] as const)
      expect(awaitingResult(s)).toBe(false);
  });
});

describe('dates and windows', () => {
  it('shifts calendar dates across months and years', () => {
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDate('2024-12-31', 1)).toBe('2025-01-01');
    expect(shiftDate('not a date', 3)).toBe('not a date');
  });

  it('asks for upcoming sessions by default, started ones up to yesterday, or all', () => {
    expect(sessionsQuery('upcoming', '', '2026-05-10')).toBe('from=2026-05-10');
    expect(sessionsQuery('', 'abc', '2026-05-10')).toBe('courseId=abc&from=2026-05-10');
    expect(sessionsQuery('earlier', '', '2026-05-10')).toBe('to=2026-05-09');
    expect(sessionsQuery('all', 'abc', '2026-05-10')).toBe('courseId=abc');
  });

  it('says whether a certificate is valid today', () => {
    expect(certificateState(null, '2026-05-10')).toBe('no_expiry');
    expect(certificateState('2026-05-10', '2026-05-10')).toBe('valid');
    expect(certificateState('2026-05-09', '2026-05-10')).toBe('expired');
  });

  it('splits an officer’s sessions into those not over yet and past ones', () => {
    const e = (id: string, startsOn: string, endsOn: string) => ({
      id,
      session: { startsOn, endsOn },
    });
    const { upcoming, past } = splitByDate(
      [
        e('a', '2026-01-05', '2026-01-09'),
        e('b', '2026-06-01', '2026-06-05'),
        e('c', '2026-05-08', '2026-05-12'),
        e('d', '2026-02-02', '2026-02-03'),
      ],
      '2026-05-10',
    );
    expect(upcoming.map((x) => x.id)).toEqual(['c', 'b']);
    expect(past.map((x) => x.id)).toEqual(['d', 'a']);
  });
});

describe('the forms’ values', () => {
  it('builds who must take a course from the form’s answer', () => {
    const chosen = { postTypes: ['patrol_team_leader'], teams: ['sgbv'], missionCodes: [] };
    expect(requirementOf('everyone', chosen)).toEqual({
      everyone: true,
      postTypes: [],
      teams: [],
      missionCodes: [],
    });
    expect(requirementOf('some', chosen)).toEqual({ everyone: false, ...chosen });
    expect(requiresAnyone(requirementOf('none', chosen))).toBe(false);
    expect(requiresAnyone(requirementOf('some', chosen))).toBe(true);
  });

  it('reads instructors one per line or separated by semicolons', () => {
    expect(instructorsOf(' Sgt. Nadia Roy \n\nCpl. Luc Roy; Insp. Anne Gagnon ')).toEqual([
      'Sgt. Nadia Roy',
      'Cpl. Luc Roy',
      'Insp. Anne Gagnon',
    ]);
    expect(instructorsOf('  ')).toEqual([]);
  });

  it('links only to web addresses', () => {
    expect(linkable('https://meet.example.ca/pdt')).toBe('https://meet.example.ca/pdt');
    expect(linkable('javascript:alert(1)')).toBeNull();
    expect(linkable('not a link')).toBeNull();
    expect(linkable(null)).toBeNull();
  });
});
