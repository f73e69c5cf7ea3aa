import { describe, expect, it } from 'vitest';
import { translator } from '../../kernel/i18n.ts';
import { cellIn, rowsIn, safeText, tableToCsv, type ReportTable } from './tables.ts';

const table: ReportTable = {
  columns: [
    { key: 'type', kind: 'code', codes: 'incidents:types' },
    { key: 'mission', kind: 'bilingual' },
    { key: 'total', kind: 'count' },
    { key: 'location', kind: 'text' },
  ],
  rows: [
    {
      type: 'medical',
      mission: { en: 'Mission in Mali', fr: 'Mission au Mali' },
      total: 3,
      location: '=HYPERLINK("x")',
    },
    { type: 'other', mission: null, total: 0, location: null },
  ],
};

describe('report tables', () => {
  it('reads each cell in one language: codes translated, bilingual names picked, numbers kept', () => {
    const fr = translator('fr');
    expect(cellIn(fr, 'fr', table.columns[0]!, 'medical')).toBe('Médical');
    expect(cellIn(fr, 'fr', table.columns[1]!, { en: 'A', fr: 'B' })).toBe('B');
    expect(cellIn(fr, 'fr', table.columns[2]!, 0)).toBe(0);
    expect(rowsIn(translator('en'), 'en', table)[1]).toEqual({
      type: 'Other',
      mission: null,
      total: 0,
      location: null,
    });
  });

  it('writes CSV with translated headers, a BOM, and formulas defused', () => {
    const csv = tableToCsv(translator('fr'), 'fr', table).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe('Type,Mission,Total,Lieu');
    expect(lines[1]).toBe('Médical,Mission au Mali,3,"\'=HYPERLINK(""x"")"');
    expect(lines[2]).toBe('Autre,,0,');
    expect(safeText('+1')).toBe("'+1");
    expect(safeText('Bamako')).toBe('Bamako');
  });
});
