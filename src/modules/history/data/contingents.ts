/**
 * Where Canada's police served, when, and how many: the hand-made part of the generated history.
 *
 * Each entry is a contingent on one mission (by its reference-data code) over a window of months
 * (inclusive, 'YYYY-MM'; `to` null: still running). How an entry's `weight` reads depends on the
 * era (rules.ts, `monthlyTargets`):
 *  - before 1990-11 (before the IPI file), and for missions other than the UN's in the file's
 *    years (1990-11 to 2014-03): the number of officers deployed;
 *  - for UN missions in the file's years: the entry's share of Canada's UN police that month
 *    (data/un-police.ts), after each running entry has its `min`;
 *  - after the file (from 2014-04): the entry's share of the program's total (`laterTotals`).
 * Windows keep inside the missions' own dates (a test checks it). The sources: DESIGN.md section 1
 * (UNTAG from October 1989 with about 100 officers, Haiti since 1993, Bosnia 1996-2005, UNMIK
 * 1999-2004 up to 92 a year, Afghanistan 2003-2014 about 300 officers, the DR Congo SGBV team
 * from 2021, Mali from 2019, Ukraine) and the reference data's mission dates; the small
 * contingents (one or two officers, `min`) stand for the many countries where a few Canadians
 * served.
 */
export interface Contingent {
  mission: string;
  from: string;
  to: string | null;
  weight: number;
  /** Officers this contingent keeps whatever the month's total (when the total allows). */
  min?: number;
  /** A team of a set size: `weight` officers in every era, taken from the month's total. */
  fixed?: boolean;
}

export const contingents: readonly Contingent[] = [
  // The first deployment: Namibia, October 1989, about 100 officers for the elections.
  { mission: 'UNTAG', from: '1989-10', to: '1990-02', weight: 100 },

  // The former Yugoslavia.
  { mission: 'UNPROFOR', from: '1992-02', to: '1995-02', weight: 40 },
  { mission: 'UNCRO', from: '1995-04', to: '1995-12', weight: 20 },
  { mission: 'UNTAES', from: '1996-01', to: '1997-12', weight: 8, min: 1 },
  { mission: 'UNPSG', from: '1998-01', to: '1998-09', weight: 3, min: 1 },
  { mission: 'UNPREDEP', from: '1995-04', to: '1999-01', weight: 2, min: 1 },
  { mission: 'UNMIBH', from: '1996-01', to: '2002-11', weight: 30 },
  { mission: 'EUPM', from: '2003-01', to: '2005-12', weight: 8 },
  { mission: 'EUPM', from: '2006-01', to: '2012-05', weight: 3 },
  // Kosovo: UNMIK's executive policing, then the OSCE and the EU.
  { mission: 'UNMIK', from: '1999-07', to: '2004-12', weight: 90 },
  { mission: 'OSCE-OMIK', from: '1999-09', to: '2012-12', weight: 4 },
  { mission: 'EULEX-KOSOVO', from: '2008-03', to: '2018-12', weight: 3 },

  // Haiti, since 1993: the longest-running.
  { mission: 'UNMIH', from: '1993-10', to: '1996-05', weight: 100 },
  { mission: 'UNSMIH', from: '1996-07', to: '1997-06', weight: 100 },
  { mission: 'UNTMIH', from: '1997-08', to: '1997-10', weight: 100 },
  { mission: 'MIPONUH', from: '1998-01', to: '2000-02', weight: 40 },
  { mission: 'MICAH', from: '2000-01', to: '2001-01', weight: 30 },
  { mission: 'MINUSTAH', from: '2004-06', to: '2017-09', weight: 100 },
  { mission: 'MINUJUSTH', from: '2017-11', to: '2019-09', weight: 45 },
  { mission: 'BINUH', from: '2019-11', to: null, weight: 8, min: 2 },
  { mission: 'CA-HTI-PNH', from: '2019-11', to: null, weight: 12 },

  // Afghanistan, 2003-2014: about 300 officers in all.
  { mission: 'UNAMA', from: '2003-06', to: '2014-12', weight: 2, min: 1 },
  { mission: 'CA-AFG-KANDAHAR', from: '2005-09', to: '2011-06', weight: 22 },
  { mission: 'EUPOL-AFGHANISTAN', from: '2007-07', to: '2014-12', weight: 10 },

  // Africa.
  { mission: 'UNAVEM-II', from: '1992-08', to: '1995-01', weight: 1, min: 1 },
  { mission: 'UNAVEM-III', from: '1995-03', to: '1997-05', weight: 1, min: 1 },
  { mission: 'ONUMOZ', from: '1993-03', to: '1994-11', weight: 1, min: 1 },
  { mission: 'UNOSOM-II', from: '1993-06', to: '1995-02', weight: 1, min: 1 },
  { mission: 'UNAMIR', from: '1994-08', to: '1996-02', weight: 3, min: 1 },
  { mission: 'MINURSO', from: '1992-08', to: '1996-12', weight: 1, min: 1 },
  { mission: 'MINURCA', from: '1998-05', to: '2000-01', weight: 1, min: 1 },
  { mission: 'UNAMSIL', from: '2000-01', to: '2005-11', weight: 3, min: 1 },
  { mission: 'UNMEE', from: '2001-01', to: '2003-12', weight: 1, min: 1 },
  { mission: 'MONUC', from: '2000-06', to: '2010-05', weight: 3, min: 1 },
  { mission: 'MONUSCO', from: '2010-07', to: '2020-12', weight: 4, min: 1 },
  // The SGBV team: 5 officers from January 2021, 13 by April 2021.
  { mission: 'MONUSCO', from: '2021-01', to: '2021-03', weight: 5, fixed: true },
  { mission: 'MONUSCO', from: '2021-04', to: null, weight: 13, fixed: true },
  { mission: 'UNMIL', from: '2004-01', to: '2018-01', weight: 4, min: 1 },
  { mission: 'UNOCI', from: '2004-06', to: '2017-03', weight: 3, min: 1 },
  { mission: 'ONUB', from: '2004-09', to: '2006-11', weight: 2, min: 1 },
  { mission: 'UNMIS', from: '2005-06', to: '2011-06', weight: 10, min: 1 },
  { mission: 'UNAMID', from: '2008-01', to: '2020-11', weight: 5, min: 1 },
  { mission: 'MINURCAT', from: '2008-03', to: '2010-11', weight: 2, min: 1 },
  { mission: 'UNMISS', from: '2011-08', to: null, weight: 8, min: 2 },
  { mission: 'MINUSCA', from: '2014-09', to: null, weight: 3, min: 1 },
  // Mali, from 2019: MINUSMA until its close, and the EU's capacity-building mission.
  { mission: 'MINUSMA', from: '2019-01', to: '2023-11', weight: 20, min: 3 },
  { mission: 'EUCAP-SAHEL-MALI', from: '2019-01', to: null, weight: 5 },

  // The Americas, Asia, the Middle East, the Caucasus and Europe.
  { mission: 'ONUSAL', from: '1992-08', to: '1995-03', weight: 3, min: 1 },
  { mission: 'MINUGUA', from: '1995-01', to: '1997-12', weight: 2, min: 1 },
  { mission: 'UNTAC', from: '1992-06', to: '1993-08', weight: 5, min: 1 },
  { mission: 'UNTAET', from: '1999-11', to: '2002-04', weight: 5, min: 1 },
  { mission: 'UNMISET', from: '2002-05', to: '2004-06', weight: 3, min: 1 },
  { mission: 'UNMIT', from: '2006-09', to: '2012-11', weight: 3, min: 1 },
  { mission: 'UNMIN', from: '2007-03', to: '2010-12', weight: 1, min: 1 },
  { mission: 'UNIKOM', from: '1994-01', to: '2003-02', weight: 1, min: 1 },
  { mission: 'UNOMIG', from: '1995-01', to: '2009-05', weight: 1, min: 1 },
  { mission: 'UNMOT', from: '1995-06', to: '2000-04', weight: 1, min: 1 },
  { mission: 'UNFICYP', from: '1993-01', to: '2008-12', weight: 1, min: 1 },
  { mission: 'EUPOL-COPPS', from: '2006-02', to: null, weight: 3 },
  // Ukraine: the OSCE monitors until the invasion, the EU's advisers, the bilateral mission
  // (paused in 2022, back from mid-year).
  { mission: 'OSCE-SMM-UKRAINE', from: '2014-04', to: '2022-01', weight: 12 },
  { mission: 'EUAM-UKRAINE', from: '2015-01', to: null, weight: 6 },
  { mission: 'CA-UKR-POLICE', from: '2015-07', to: '2022-01', weight: 20 },
  { mission: 'CA-UKR-POLICE', from: '2022-06', to: null, weight: 10 },
];

/**
 * The program's total deployed after the IPI file ends (2014-04 on), by hand: anchor months,
 * straight lines between, the last figure held after the last anchor. 83 deployed in September
 * 2019 and at most 150 at once (DESIGN.md); the pandemic's dip in 2020; the evacuation from
 * Ukraine in February 2022; MINUSMA's close at the end of 2023.
 */
export const laterTotals: ReadonlyArray<readonly [month: string, total: number]> = [
  ['2014-04', 105],
  ['2015-06', 112],
  ['2016-06', 96],
  ['2017-06', 86],
  ['2018-06', 76],
  ['2019-09', 83],
  ['2020-03', 82],
  ['2020-06', 56],
  ['2021-04', 82],
  ['2022-01', 92],
  ['2022-03', 66],
  ['2023-06', 82],
  ['2023-12', 72],
  ['2024-06', 66],
  ['2025-06', 72],
  ['2026-12', 76],
];
