import { describe, expect, it } from 'vitest';
import { chartOf, MAX_STACKS, reportQuery, type ReportSummary } from './reports.ts';

const label = (key: string) => key.toUpperCase();

describe('report charts', () => {
  it('stacks the series columns, a bar per category', () => {
    const chart = chartOf(
      { category: 'mission', series: ['inTheatre', 'remote'] },
      [
        { mission: 'MINUSMA', inTheatre: 3, remote: 1 },
        { mission: 'MINUSMA', inTheatre: 2, remote: 0 },
        { mission: 'EUAM', inTheatre: 0, remote: 4 },
      ],
      label,
      'other',
    );
    expect(chart).toEqual({
      categories: ['MINUSMA', 'EUAM'],
      series: [
        { name: 'INTHEATRE', data: [5, 0] },
        { name: 'REMOTE', data: [1, 4] },
      ],
    });
  });

  it('splits a value by a column, oldest period first, the smallest stacks together as other', () => {
    const rows = [
      ...Array.from({ length: MAX_STACKS + 2 }, (_, i) => ({
        period: '2020',
        mission: `M${i}`,
        officers: 100 - i,
      })),
      { period: '2019', mission: 'M0', officers: 7 },
    ];
    const chart = chartOf(
      { category: 'period', stackBy: 'mission', value: 'officers' },
      rows,
      label,
      'Other',
    )!;
    expect(chart.categories).toEqual(['2019', '2020']);
    expect(chart.series.map((s) => s.name)).toEqual([
      ...Array.from({ length: MAX_STACKS - 1 }, (_, i) => `M${i}`),
      'Other',
    ]);
    expect(chart.series[0]!.data).toEqual([7, 100]);
    // M6, M7 and M8 together: 94 + 93 + 92.
    expect(chart.series.at(-1)!.data).toEqual([0, 279]);
    expect(chartOf({ category: 'x', series: ['y'] }, [], label, 'Other')).toBeNull();
  });

  it('sends only the filters the report takes', () => {
    const report = {
      id: 'r',
      filters: ['from', 'gender'],
      columns: [],
      chart: null,
    } as ReportSummary;
    expect(
      reportQuery(report, { from: '2020-01-01', agencyId: 'a', gender: '' }, { format: 'csv' }),
    ).toBe('from=2020-01-01&format=csv');
  });
});
