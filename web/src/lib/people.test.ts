import { describe, expect, it } from 'vitest';
import { asImportFile, expiryWindowOf, exportHref, templateHref } from './people.ts';

describe('officer export and template addresses', () => {
  it('keeps the list filters, not the page, and names the language', () => {
    const href = exportHref('xlsx', 'fr', {
      q: 'Tremblay',
      rank: 'sergeant',
      gender: '',
      page: '3',
      pageSize: '25',
    } as Record<string, string>);
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/api/v1/officers/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'xlsx',
      lang: 'fr',
      q: 'Tremblay',
      rank: 'sergeant',
    });
  });

  it('asks for the template in the page language', () => {
    expect(templateHref('csv', 'fr')).toBe('/api/v1/officers/import-template?format=csv&lang=fr');
  });
});

describe('the file sent to the import', () => {
  it('carries the type the server reads, whatever the browser said', () => {
    const excelCsv = new File(['a,b\n'], 'Officers.CSV', { type: 'application/vnd.ms-excel' });
    expect(asImportFile(excelCsv).type).toBe('text/csv');
    expect(asImportFile(excelCsv).name).toBe('Officers.CSV');
    const sheet = new File(['PK'], 'officers.xlsx', { type: '' });
    expect(asImportFile(sheet).type).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const other = new File(['?'], 'officers', { type: '' });
    expect(asImportFile(other).type).toBe('application/octet-stream');
    const same = new File(['a'], 'x.csv', { type: 'text/csv' });
    expect(asImportFile(same)).toBe(same);
  });
});

describe('the expiry window', () => {
  it('is one of those offered, 90 days otherwise', () => {
    expect(expiryWindowOf('30')).toBe('30');
    expect(expiryWindowOf('180')).toBe('180');
    expect(expiryWindowOf('45')).toBe('90');
    expect(expiryWindowOf(undefined)).toBe('90');
    expect(expiryWindowOf('')).toBe('90');
  });
});
