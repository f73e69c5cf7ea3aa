import { describe, expect, it } from 'vitest';
import {
  gapTo,
  publicFigures,
  published,
  shareOf,
  suppressCells,
  type Figures,
  type Relation,
} from './rules.ts';

const reasons = (m: Map<string, string>) => Object.fromEntries([...m].sort());

/** Can some relation still be solved for a withheld cell (exactly one unknown)? */
function recoverable(values: Record<string, number>, relations: Relation[], hidden: Set<string>) {
  return relations.some((r) => [r.total, ...r.parts].filter((id) => hidden.has(id)).length === 1);
}

describe('small-cell suppression', () => {
  it('withholds every count under 5, zero included, and keeps 5 and more', () => {
    const values = { a: 0, b: 1, c: 4, d: 5, e: 120 };
    expect(reasons(suppressCells(values, []))).toEqual({
      a: 'fewer_than_5',
      b: 'fewer_than_5',
      c: 'fewer_than_5',
    });
  });

  it('a lone small cell in a row whose total is published: the next smallest goes too', () => {
    // Mission A 12, B 3, C 20; total 35. Publishing 35, 12 and 20 gives B = 35 - 12 - 20.
    const values = { A: 12, B: 3, C: 20, total: 35 };
    const relations = [{ total: 'total', parts: ['A', 'B', 'C'] }];
    const hidden = suppressCells(values, relations);
    expect(reasons(hidden)).toEqual({ A: 'complementary', B: 'fewer_than_5' });
    expect(recoverable(values, relations, new Set(hidden.keys()))).toBe(false);
    // What is still published does not give B: total - C = A + B, two unknowns.
    expect(published('total', values, hidden)).toBe(35);
    expect(published('C', values, hidden)).toBe(20);
    expect(published('B', values, hidden)).toEqual({ suppressed: true, reason: 'fewer_than_5' });
    expect(published('A', values, hidden)).toEqual({ suppressed: true, reason: 'complementary' });
  });

  it('two small cells in one row protect each other: nothing more is withheld', () => {
    const values = { A: 2, B: 3, C: 20, total: 25 };
    const hidden = suppressCells(values, [{ total: 'total', parts: ['A', 'B', 'C'] }]);
    expect(reasons(hidden)).toEqual({ A: 'fewer_than_5', B: 'fewer_than_5' });
  });

  it('withholds the total when the small cell is the only part left to hide', () => {
    // women 3 + others (unpublished, 40) = 43: hiding others does nothing, so with only one
    // other part the rule takes the smallest published part, then the total if none remains.
    const values = { women: 3, total: 43 };
    const hidden = suppressCells(values, [{ total: 'total', parts: ['women'] }]);
    expect(reasons(hidden)).toEqual({ total: 'complementary', women: 'fewer_than_5' });
  });

  it('a small total with large published parts cannot be summed back', () => {
    // Impossible in counts (parts <= total) unless the "parts" are of another relation; the rule
    // still hides a part so the sum does not give the total away.
    const values = { a: 2, b: 1, t: 3 };
    const hidden = suppressCells(values, [{ total: 't', parts: ['a', 'b'] }]);
    expect(reasons(hidden)).toEqual({ a: 'fewer_than_5', b: 'fewer_than_5', t: 'fewer_than_5' });
    const big = { a: 10, b: 12, t: 4 };
    expect(reasons(suppressCells(big, [{ total: 't', parts: ['a', 'b'] }]))).toEqual({
      a: 'complementary',
      t: 'fewer_than_5',
    });
  });

  it('follows a complementary cell into the other relations it belongs to (rows and columns)', () => {
    //            women  others | total
    // mission X     3     10   |   13
    // mission Y     8      9   |   17
    // ---------------------------------
    // total        11     19   |   30
    const values = { Xw: 3, Xo: 10, X: 13, Yw: 8, Yo: 9, Y: 17, W: 11, O: 19, T: 30 };
    const relations: Relation[] = [
      { total: 'X', parts: ['Xw', 'Xo'] },
      { total: 'Y', parts: ['Yw', 'Yo'] },
      { total: 'W', parts: ['Xw', 'Yw'] },
      { total: 'O', parts: ['Xo', 'Yo'] },
      { total: 'T', parts: ['X', 'Y'] },
      { total: 'T', parts: ['W', 'O'] },
    ];
    const hidden = suppressCells(values, relations);
    expect(hidden.get('Xw')).toBe('fewer_than_5');
    // The classic pattern: a rectangle of four inner cells, so neither a row nor a column solves.
    expect(reasons(hidden)).toEqual({
      Xo: 'complementary',
      Xw: 'fewer_than_5',
      Yo: 'complementary',
      Yw: 'complementary',
    });
    expect(recoverable(values, relations, new Set(hidden.keys()))).toBe(false);
  });

  it('takes an unpublished cell as the complement when the relation has one', () => {
    // 30 deployed = 3 women + 27 others (never published): hiding the others is enough.
    const values = { deployed: 30, women: 3, others: 27 };
    const relations = [{ total: 'deployed', parts: ['women', 'others'] }];
    const hidden = suppressCells(values, relations, { unpublished: new Set(['others']) });
    expect(reasons(hidden)).toEqual({ others: 'complementary', women: 'fewer_than_5' });
    // Without the hint, the smallest other part goes all the same.
    expect(reasons(suppressCells(values, relations))).toEqual({
      others: 'complementary',
      women: 'fewer_than_5',
    });
    const three = { deployed: 40, women: 3, men: 20, another: 17 };
    const r3 = [{ total: 'deployed', parts: ['women', 'men', 'another'] }];
    expect(reasons(suppressCells(three, r3))).toEqual({
      another: 'complementary',
      women: 'fewer_than_5',
    });
    expect(reasons(suppressCells(three, r3, { unpublished: new Set(['men']) }))).toEqual({
      men: 'complementary',
      women: 'fewer_than_5',
    });
  });

  it('uses the threshold it is given', () => {
    expect(reasons(suppressCells({ a: 9, b: 10 }, [], { threshold: 10 }))).toEqual({
      a: 'fewer_than_5',
    });
  });

  it('breaks ties towards the cell listed first and refuses a relation naming an unknown cell', () => {
    const values = { a: 2, b: 7, c: 7, t: 16 };
    expect(reasons(suppressCells(values, [{ total: 't', parts: ['a', 'b', 'c'] }]))).toEqual({
      a: 'fewer_than_5',
      b: 'complementary',
    });
    expect(() => suppressCells({ a: 1, t: 9 }, [{ total: 't', parts: ['a', 'zz'] }])).toThrow(/zz/);
  });
});

describe('shares and gaps', () => {
  it('rounds to one decimal and has no share of nobody', () => {
    expect(shareOf(1, 3)).toBe(33.3);
    expect(shareOf(2, 3)).toBe(66.7);
    expect(shareOf(0, 0)).toBeNull();
    expect(gapTo(30, 22.5)).toBe(7.5);
    expect(gapTo(30, 31.2)).toBe(-1.2);
    expect(gapTo(null, 20)).toBeNull();
  });
});

describe('the public answer', () => {
  const mission = (code: string, total: number) => ({
    code,
    acronym: code,
    nameEn: code,
    nameFr: code,
    countryCode: 'ML',
    iso3: 'MLI',
    countryNameEn: 'Mali',
    countryNameFr: 'Mali',
    total,
    inTheatre: total,
    remote: 0,
    travelling: 0,
    history: 0,
  });
  const figures: Figures = {
    asOf: '2026-12-04',
    since: 2024,
    officersDeployed: 40,
    women: 9,
    tours: 45,
    unlinkedTours: 0,
    countries: 2,
    missions: 3,
    deployedNow: { total: 23, inTheatre: 23, remote: 0, travelling: 0, history: 0 },
    byAgency: [],
    byYear: [
      { year: 2025, deployed: 30, women: 3 },
      { year: 2026, deployed: 25, women: 8 },
    ],
    byMission: [],
    countriesServed: [
      {
        code: 'ML',
        iso3: 'MLI',
        nameEn: 'Mali',
        nameFr: 'Mali',
        officers: 30,
        tours: 40,
        firstYear: 2024,
        lastYear: 2026,
      },
      {
        code: 'HT',
        iso3: 'HTI',
        nameEn: 'Haiti',
        nameFr: 'Haïti',
        officers: 5,
        tours: 5,
        firstYear: 2025,
        lastYear: 2025,
      },
    ],
    currentMissions: [mission('MINUSMA', 20), mission('EUCAP', 3)],
    wpsPosts: { sgbvTeam: { posts: 1, filled: 1 }, genderAdviser: { posts: 1, filled: 0 } },
  };
  const targets = { un: (y: number) => (y >= 2026 ? 29 : 28), program: 30 };
  const answer = publicFigures(figures, targets);
  const withheld = { suppressed: true, reason: 'fewer_than_5' };
  const complementary = { suppressed: true, reason: 'complementary' };

  it('withholds a mission of 3 and the next smallest, so 23 - 20 gives nothing', () => {
    expect(answer.currentMissions.map((m) => [m.code, m.deployed])).toEqual([
      ['MINUSMA', complementary],
      ['EUCAP', withheld],
    ]);
    expect(answer.headline.deployedNow.total).toBe(23);
  });

  it('counts those deployed now outside any mission in the sum, unpublished', () => {
    // 26 deployed now: MINUSMA 20, EUCAP 3, and 3 on history tours without a mission. EUCAP's 3
    // and the 3 others hide each other: 26 - 20 = 6 is all anyone can tell.
    const some = publicFigures(
      { ...figures, deployedNow: { ...figures.deployedNow, total: 26, history: 3 } },
      targets,
    );
    expect(some.currentMissions.map((m) => m.deployed)).toEqual([20, withheld]);
    expect(some.headline.deployedNow.total).toBe(26);
    // 30 deployed now, 7 others: EUCAP's 3 alone is small, the smallest other part (unpublished)
    // hides it.
    const more = publicFigures(
      { ...figures, deployedNow: { ...figures.deployedNow, total: 30, history: 7 } },
      targets,
    );
    expect(more.currentMissions.map((m) => m.deployed)).toEqual([20, withheld]);
  });

  it('withholds the zeros of the split of those deployed now and keeps the rest', () => {
    expect(answer.headline.deployedNow.remote).toEqual(withheld);
    expect(answer.headline.deployedNow.travelling).toEqual(withheld);
    expect(answer.headline.deployedNow.history).toEqual(withheld);
    expect(answer.headline.deployedNow.inTheatre).toBe(23);
    expect(answer.headline.officersDeployed).toBe(40);
    expect(answer.headline.women).toBe(9);
    expect(answer.headline.womenShare).toBe(22.5);
  });

  it('withholds a year of 3 women with its share (the others, unpublished, protect them)', () => {
    const [y2025, y2026] = answer.womenOverTime;
    expect(y2025).toEqual({
      year: 2025,
      deployed: 30,
      women: withheld,
      share: null,
      unTarget: 28,
      programTarget: 30,
      gapToUnTarget: null,
    });
    expect(y2026).toEqual({
      year: 2026,
      deployed: 25,
      women: 8,
      share: 32,
      unTarget: 29,
      programTarget: 30,
      gapToUnTarget: -3,
    });
    expect(answer.targets).toEqual({ un: 29, program: 30 });
  });

  it('keeps countries of 5 people and more, and says nothing of anyone', () => {
    expect(answer.countries.map((c) => [c.iso3, c.officers])).toEqual([
      ['MLI', 30],
      ['HTI', 5],
    ]);
    const small = publicFigures(
      { ...figures, countriesServed: [{ ...figures.countriesServed[1]!, officers: 4 }] },
      targets,
    );
    expect(small.countries[0]!.officers).toEqual(withheld);
  });
});
