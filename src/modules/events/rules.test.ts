import { describe, expect, it } from 'vitest';
import { canEnd, normalSituation, refusalToDeclare, situationOf, travelHeld } from './rules.ts';

describe('mission-wide events', () => {
  it('reads the situation from the events in force', () => {
    expect(situationOf([])).toEqual(normalSituation);
    expect(
      situationOf([
        { kind: 'lockdown', destination: null },
        { kind: 'evacuation', destination: 'repatriating' },
      ]),
    ).toEqual({ lockdown: true, evacuation: 'repatriating', suspension: false });
  });

  it('allows one event of each kind at a time', () => {
    expect(refusalToDeclare('lockdown', normalSituation)).toBeNull();
    expect(refusalToDeclare('lockdown', { ...normalSituation, lockdown: true })).toBe(
      'event_in_force',
    );
    expect(refusalToDeclare('evacuation', { ...normalSituation, lockdown: true })).toBeNull();
    expect(refusalToDeclare('evacuation', { ...normalSituation, evacuation: 'remote' })).toBe(
      'event_in_force',
    );
    expect(refusalToDeclare('suspension', { ...normalSituation, suspension: true })).toBe(
      'event_in_force',
    );
  });

  it('returns to theatre only after an evacuation to remote work; no lockdown of an evacuated contingent', () => {
    expect(refusalToDeclare('return_to_theatre', normalSituation)).toBe('no_evacuation');
    expect(
      refusalToDeclare('return_to_theatre', { ...normalSituation, evacuation: 'repatriating' }),
    ).toBe('no_evacuation');
    expect(
      refusalToDeclare('return_to_theatre', { ...normalSituation, evacuation: 'remote' }),
    ).toBeNull();
    expect(refusalToDeclare('lockdown', { ...normalSituation, evacuation: 'remote' })).toBe(
      'evacuated',
    );
  });

  it('lifts lockdowns and suspensions; an evacuation is reversed by the return to theatre', () => {
    expect(canEnd('lockdown')).toBe(true);
    expect(canEnd('suspension')).toBe(true);
    expect(canEnd('evacuation')).toBe(false);
    expect(canEnd('return_to_theatre')).toBe(false);
  });

  it('holds travel and individual returns while suspended or evacuated', () => {
    expect(travelHeld(normalSituation, 'in_transit')).toBe(false);
    expect(travelHeld({ ...normalSituation, suspension: true }, 'in_transit')).toBe(true);
    expect(travelHeld({ ...normalSituation, evacuation: 'remote' }, 'in_theatre')).toBe(true);
    expect(travelHeld({ ...normalSituation, evacuation: 'remote' }, 'repatriating')).toBe(false);
    expect(travelHeld({ ...normalSituation, lockdown: true }, 'in_transit')).toBe(false);
  });
});
