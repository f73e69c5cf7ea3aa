import { describe, expect, it } from 'vitest';
import { blocking, readinessOf, type ReadinessFacts } from './readiness.ts';

const everyone = { everyone: true, postTypes: [], teams: [], missionCodes: [] };
const facts = (over: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  deployment: { plannedStart: '2027-03-01', plannedEnd: '2028-02-29' },
  post: { postTypeCode: 'sgbv_investigator', teamCode: 'sgbv' },
  mission: {
    code: 'MONUSCO',
    organizationCode: 'UN',
    hostCountryCode: 'CD',
    requiredVaccinations: ['yellow_fever'],
  },
  courses: [
    { id: 'pdt', code: 'PDT', requiredFor: everyone },
    {
      id: 'sgbv',
      code: 'SGBV-INV',
      requiredFor: { ...everyone, everyone: false, teams: ['sgbv'] },
    },
    {
      id: 'heat',
      code: 'HEAT',
      requiredFor: { ...everyone, everyone: false, missionCodes: ['MINUSMA'] },
    },
  ],
  certificates: [
    { courseId: 'pdt', expiresOn: '2029-01-01' },
    { courseId: 'sgbv', expiresOn: null },
  ],
  qualifications: [
    { kind: 'medical', code: '', passed: true, obtainedOn: '2026-10-01', expiresOn: '2027-10-01' },
    {
      kind: 'security_clearance',
      code: 'secret',
      passed: true,
      obtainedOn: '2020-01-01',
      expiresOn: '2030-01-01',
    },
    { kind: 'passport', code: '', passed: null, obtainedOn: '2020-01-01', expiresOn: '2028-08-29' },
    { kind: 'visa', code: 'CD', passed: null, obtainedOn: '2026-11-01', expiresOn: '2028-03-31' },
    {
      kind: 'un_assessment',
      code: 'SAAT',
      passed: true,
      obtainedOn: '2026-01-10',
      expiresOn: '2028-01-10',
    },
    {
      kind: 'vaccination',
      code: 'yellow_fever',
      passed: null,
      obtainedOn: '2015-01-01',
      expiresOn: null,
    },
  ],
  today: '2026-11-23',
  ...over,
});

const status = (f: ReadinessFacts) =>
  Object.fromEntries(readinessOf(f).map((i) => [i.ref ? `${i.item}:${i.ref}` : i.item, i.status]));

describe('readiness', () => {
  it('lists the courses the post, team and mission require, and every document, all done', () => {
    expect(status(facts())).toEqual({
      'course:pdt': 'done',
      'course:sgbv': 'done',
      medical: 'done',
      security_clearance: 'done',
      passport: 'done',
      visa: 'done',
      un_assessment: 'done',
      'vaccination:yellow_fever': 'done',
    });
    expect(blocking(readinessOf(facts()))).toEqual([]);
  });

  it('wants the passport valid six months beyond the tour end, to the day', () => {
    const passport = (expiresOn: string) =>
      status(
        facts({
          qualifications: facts().qualifications.map((q) =>
            q.kind === 'passport' ? { ...q, expiresOn } : q,
          ),
        }),
      ).passport;
    expect(passport('2028-08-29')).toBe('done');
    expect(passport('2028-08-28')).toBe('expiring');
    expect(passport('2026-11-22')).toBe('missing');
  });

  it('marks a certificate that lapses before the start as expiring, with what to renew', () => {
    const items = readinessOf(
      facts({
        certificates: [
          { courseId: 'pdt', expiresOn: '2027-02-28' },
          { courseId: 'sgbv', expiresOn: null },
        ],
      }),
    );
    expect(items.find((i) => i.ref === 'pdt')).toMatchObject({
      status: 'expiring',
      reason: 'readiness.course.expiring',
      params: { course: 'PDT', expiresOn: '2027-02-28', neededOn: '2027-03-01' },
    });
    const onTheDay = readinessOf(
      facts({
        certificates: [
          { courseId: 'pdt', expiresOn: '2027-03-01' },
          { courseId: 'sgbv', expiresOn: null },
        ],
      }),
    );
    expect(onTheDay.find((i) => i.ref === 'pdt')!.status).toBe('done');
  });

  it('reports what is missing: a course never taken, a visa for another country, a vaccination', () => {
    const s = status(
      facts({
        certificates: [],
        qualifications: facts()
          .qualifications.filter((q) => q.kind !== 'vaccination' && q.kind !== 'visa')
          .concat([
            {
              kind: 'visa',
              code: 'ML',
              passed: null,
              obtainedOn: '2026-01-01',
              expiresOn: '2029-01-01',
            },
          ]),
      }),
    );
    expect(s).toMatchObject({
      'course:pdt': 'missing',
      'course:sgbv': 'missing',
      visa: 'missing',
      'vaccination:yellow_fever': 'missing',
    });
  });

  it('asks the UN assessment only for UN missions, and a failed medical counts for nothing', () => {
    const eu = facts({
      mission: { ...facts().mission, organizationCode: 'EU', requiredVaccinations: [] },
    });
    expect(status(eu).un_assessment).toBeUndefined();
    const failed = facts({
      qualifications: facts().qualifications.map((q) =>
        q.kind === 'medical' ? { ...q, passed: false } : q,
      ),
    });
    expect(status(failed).medical).toBe('missing');
  });
});
