import { inArray } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/client.ts';
import { can } from '../../kernel/policies.ts';
import { agencies } from '../reference/schema.ts';
import { columns, qualificationColumns } from './exchange-format.ts';
import { listOfficers, type OfficerFilters } from './officers.ts';
import { officers, qualifications } from './schema.ts';

export type SheetFormat = 'csv' | 'xlsx';

/** A value a spreadsheet would run as a formula is written as text (CSV injection). */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

async function sheet(format: SheetFormat, lang: 'en' | 'fr', rows: string[][]): Promise<Buffer> {
  const header = columns.map((c) => c[lang]);
  if (format === 'csv') {
    // A BOM so spreadsheet programs read the accents as UTF-8.
    return Buffer.from(`\uFEFF${stringify([header, ...rows.map((r) => r.map(safeCell))])}`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(lang === 'fr' ? 'Policiers' : 'Officers');
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(safeCell));
  ws.columns.forEach((col) => (col.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The import template: the headers in the chosen language and one example row. */
export function importTemplate(format: SheetFormat, lang: 'en' | 'fr') {
  return sheet(format, lang, [columns.map((c) => c.example)]);
}

/**
 * The officers matching the filters, in the import format (so an export can be corrected and
 * imported back). Scope and field permissions apply: a coordinator gets their agency's officers,
 * and sensitive columns stay empty for whoever may not read them.
 */
export async function exportOfficers(
  db: Db,
  actor: Actor,
  filters: OfficerFilters,
  today: string,
  format: SheetFormat,
  lang: 'en' | 'fr',
  only?: { agencyId: string },
): Promise<{ file: Buffer; sensitive: { officers: number; fields: string[] } }> {
  const rows: string[][] = [];
  // What the file discloses of sensitive columns (names only), for the audit entry.
  const sensitiveFields = new Set<string>();
  let sensitiveOfficers = 0;
  const agencyCodes = new Map(
    (await db.select({ id: agencies.id, code: agencies.code }).from(agencies)).map((a) => [
      a.id,
      a.code,
    ]),
  );
  const pageSize = 2000;
  for (let page = 1; ; page++) {
    const found = await listOfficers(db, filters, { page, pageSize }, today, only);
    const ids = found.items.map((o) => o.id);
    if (!ids.length) break;
    const full = await db.select().from(officers).where(inArray(officers.id, ids));
    const byId = new Map(full.map((o) => [o.id, o]));
    const held = await db
      .select()
      .from(qualifications)
      .where(inArray(qualifications.officerId, ids));
    for (const item of found.items) {
      const o = byId.get(item.id)!;
      const sensitive = can(actor, 'officer.sensitive.read', {
        id: o.id,
        agencyId: o.agencyId,
        userId: o.userId,
      });
      const mine = held.filter((q) => q.officerId === o.id);
      const latest = (kind: string, code?: string) =>
        mine
          .filter((q) => q.kind === kind && (code === undefined || q.code === code))
          .sort((a, b) => b.obtainedOn.localeCompare(a.obtainedOn))[0];
      const values: Record<string, string> = {
        agencyCode: agencyCodes.get(o.agencyId) ?? '',
        badgeNumber: o.badgeNumber,
        givenName: o.givenName,
        familyName: o.familyName,
        gender: o.gender,
        dateOfBirth: o.dateOfBirth ?? '',
        rankCode: o.rankCode,
        agencyRankTitle: o.agencyRankTitle ?? '',
        serviceStart: o.serviceStart,
        email: o.email ?? '',
        phone: o.phone ?? '',
        preferredLanguage: o.preferredLanguage,
        specialisations: mine
          .filter((q) => q.kind === 'specialisation')
          .map((q) => q.code)
          .join(';'),
      };
      for (const qc of qualificationColumns) {
        const q = latest(qc.kind, qc.code);
        if (!q) continue;
        values[qc.obtained] = q.obtainedOn;
        if (qc.score) values[qc.score] = q.score === null ? '' : String(q.score);
        if (qc.expires) values[qc.expires] = q.expiresOn ?? '';
        if (qc.codeColumn) values[qc.codeColumn] = q.code;
        if (qc.documentNumber) values[qc.documentNumber] = q.documentNumber ?? '';
      }
      rows.push(columns.map((c) => (c.sensitive && !sensitive ? '' : (values[c.key] ?? ''))));
      if (sensitive) {
        const shown = columns.filter((c) => c.sensitive && values[c.key]).map((c) => c.key);
        if (shown.length) sensitiveOfficers++;
        for (const key of shown) sensitiveFields.add(key);
      }
    }
    if (found.items.length < pageSize) break;
  }
  return {
    file: await sheet(format, lang, rows),
    sensitive: { officers: sensitiveOfficers, fields: [...sensitiveFields].sort() },
  };
}
