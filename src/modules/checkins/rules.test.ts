import { describe, expect, it } from 'vitest';
import { normalSituation } from '../events/rules.ts';
import {
  alertOf,
  cadenceHours,
  contingentOrder,
  defaultCadence,
  dueAt,
  parseCadence,
  stepsDue,
} from './rules.ts';

const at = (iso: string) => new Date(iso);

describe('check-in cadence', () => {
  it('follows the risk level, and the shortest of the events in force', () => {
    expect(cadenceHours('moderate', normalSituation, defaultCadence)).toBe(168);
    expect(cadenceHours('high', normalSituation, defaultCadence)).toBe(72);
    expect(cadenceHours('moderate', { ...normalSituation, lockdown: true }, defaultCadence)).toBe(
      24,
    );
    expect(
      cadenceHours(
        'moderate',
        { lockdown: true, evacuation: 'remote', suspension: false },
        defaultCadence,
      ),
    ).toBe(12);
    // A suspension holds travel; it does not change the cadence.
    expect(cadenceHours('low', { ...normalSituation, suspension: true }, defaultCadence)).toBe(168);
  });

  it('is configured by CHECKIN_CADENCE_HOURS, and refuses what it cannot read', () => {
    expect(parseCadence(undefined)).toEqual(defaultCadence);
    expect(parseCadence('lockdown=12, evacuation=6')).toMatchObject({
      lockdown: 12,
      evacuation: 6,
      low: 168,
    });
    expect(() => parseCadence('curfew=12')).toThrow(/curfew/);
    expect(() => parseCadence('lockdown=0')).toThrow(/whole number/);
    expect(() => parseCadence('lockdown=1.5')).toThrow(/whole number/);
  });
});

describe('when the next check-in is due', () => {
  const since = {
    lastCheckInAt: null,
    expectedSince: at('2026-05-01T08:00:00Z'),
    situationChangedAt: null,
  };
  it('counts from the last check-in, or from arrival', () => {
    expect(dueAt(since, 168)).toEqual(at('2026-05-08T08:00:00Z'));
    expect(dueAt({ ...since, lastCheckInAt: at('2026-05-03T10:00:00Z') }, 24)).toEqual(
      at('2026-05-04T10:00:00Z'),
    );
  });
  it('restarts when the situation changes: a lockdown today is not overdue at once', () => {
    expect(
      dueAt(
        {
          ...since,
          lastCheckInAt: at('2026-05-02T08:00:00Z'),
          situationChangedAt: at('2026-05-06T20:00:00Z'),
        },
        24,
      ),
    ).toEqual(at('2026-05-07T20:00:00Z'));
  });
});

describe('escalation of a missed check-in', () => {
  const delays = { reminder: 60, commander: 240, dutyOfficer: 480 };
  it('goes reminder, commander, duty officer, each after its delay', () => {
    expect(stepsDue(-5, delays)).toEqual([]);
    expect(stepsDue(59, delays)).toEqual([]);
    expect(stepsDue(60, delays)).toEqual(['reminder']);
    expect(stepsDue(240, delays)).toEqual(['reminder', 'commander']);
    expect(stepsDue(10_000, delays)).toEqual(['reminder', 'commander', 'duty_officer']);
  });
  it('alerts at once for a call for help', () => {
    expect(alertOf('ok')).toBeNull();
    expect(alertOf('needs_support')).toBe('needs_support');
    expect(alertOf('urgent')).toBe('urgent');
  });
});

describe('the contingent board order', () => {
  const m = (
    familyName: string,
    overdueMinutes: number,
    status: 'ok' | 'needs_support' | 'urgent' | null = null,
  ) => ({
    familyName,
    givenName: 'A',
    overdueMinutes,
    lastCheckIn: status ? { status } : null,
  });
  it('puts the longest overdue first, then calls for help, then names', () => {
    const sorted = [
      m('Roy', -100),
      m('Côté', 30),
      m('Bélanger', -5, 'urgent'),
      m('Abel', 300),
      m('Dion', -1, 'needs_support'),
      m('Audet', -50),
    ]
      .sort(contingentOrder)
      .map((x) => x.familyName);
    expect(sorted).toEqual(['Abel', 'Côté', 'Bélanger', 'Dion', 'Audet', 'Roy']);
  });
});
