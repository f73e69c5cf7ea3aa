import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { TFunction } from 'i18next';
import type { Locale } from '../../kernel/i18n.ts';

/**
 * A report is a table: columns that say what each cell holds, and rows of cells. The same table
 * answers the page (JSON, cells in the caller's language), the CSV and XLSX exports (in the
 * chosen language) and the PDF (English and French side by side).
 */
export type ColumnKind = 'text' | 'code' | 'bilingual' | 'count' | 'percent';

export interface Column {
  key: string;
  kind: ColumnKind;
  /** For `code` columns: the translation prefix of the codes, e.g. `incidents:types`. */
  codes?: string;
}

/** A bilingual name (a mission, an agency, a course) as the reference data holds it. */
export interface Bilingual {
  en: string;
  fr: string;
}
export type Cell = string | number | null | Bilingual;
export type Row = Record<string, Cell>;

export interface ReportTable {
  columns: Column[];
  rows: Row[];
}

const isBilingual = (cell: Cell): cell is Bilingual =>
  typeof cell === 'object' && cell !== null && 'en' in cell;

/** A cell as a person reads it in one language: codes translated, numbers as numbers. */
export function cellIn(
  t: TFunction,
  lang: Locale,
  column: Column,
  cell: Cell,
): string | number | null {
  if (cell === null || typeof cell === 'number') return cell;
  if (isBilingual(cell)) return cell[lang];
  if (column.kind === 'code' && column.codes) return t(`${column.codes}.${cell}`);
  return cell;
}

/** The rows with every cell in one language (the JSON answer, the spreadsheets). */
export function rowsIn(t: TFunction, lang: Locale, table: ReportTable) {
  return table.rows.map((row) =>
    Object.fromEntries(
      table.columns.map((c) => [c.key, cellIn(t, lang, c, row[c.key] ?? null)] as const),
    ),
  );
}

/** A value a spreadsheet would run as a formula is written as text (CSV injection). */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const headerOf = (t: TFunction, column: Column) => t(`reports:columns.${column.key}`);

/** CSV with a BOM (spreadsheet programs then read the accents), headers in `lang`. */
export function tableToCsv(t: TFunction, lang: Locale, table: ReportTable): Buffer {
  const header = table.columns.map((c) => headerOf(t, c));
  const rows = rowsIn(t, lang, table).map((r) =>
    table.columns.map((c) => {
      const v = r[c.key];
      return v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : safeText(v);
    }),
  );
  return Buffer.from(`\uFEFF${stringify([header, ...rows])}`, 'utf8');
}

/** An XLSX workbook of one sheet: bold headers, numbers as numbers (percentages as such). */
export async function tableToXlsx(
  t: TFunction,
  lang: Locale,
  title: string,
  table: ReportTable,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'peaceops';
  const sheet = workbook.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow(table.columns.map((c) => headerOf(t, c))).font = { bold: true };
  for (const r of rowsIn(t, lang, table))
    sheet.addRow(
      table.columns.map((c) => {
        const v = r[c.key];
        if (v === null || v === undefined) return null;
        if (typeof v === 'number') return c.kind === 'percent' ? v / 100 : v;
        return safeText(v);
      }),
    );
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.kind === 'count' || c.kind === 'percent' ? 14 : 28;
    if (c.kind === 'percent') column.numFmt = '0.0%';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "12.5 %" / "12,5 %" and "1,234" / "1 234": numbers as each language writes them. */
function formatted(lang: Locale, kind: ColumnKind, value: number): string {
  const locale = lang === 'fr' ? 'fr-CA' : 'en-CA';
  return kind === 'percent'
    ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
        value / 100,
      )
    : new Intl.NumberFormat(locale).format(value);
}

/**
 * The report as a bilingual PDF: title, filters and headers in English and French ("Mission /
 * Mission"), cells in both languages where they differ, numbers right-aligned.
 */
export function tableToPdf(
  t: { en: TFunction; fr: TFunction },
  meta: { title: Bilingual; filters: Bilingual[]; generatedAt: Date },
  table: ReportTable,
): Promise<Buffer> {
  const both = (en: string, fr: string) => (en === fr ? en : `${en} / ${fr}`);
  const doc = new PDFDocument({
    size: 'LETTER',
    layout: table.columns.length > 5 ? 'landscape' : 'portrait',
    margin: 40,
    bufferPages: true,
    info: {
      Title: both(meta.title.en, meta.title.fr),
      Creator: 'peaceops',
      CreationDate: meta.generatedAt,
    },
    lang: 'en-CA',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  doc.font('Helvetica-Bold').fontSize(15).text(both(meta.title.en, meta.title.fr));
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#444')
    .text(
      both(
        t.en('reports:pdf.generated', {
          at: meta.generatedAt.toISOString().slice(0, 16).replace('T', ' '),
        }),
        t.fr('reports:pdf.generated', {
          at: meta.generatedAt.toISOString().slice(0, 16).replace('T', ' '),
        }),
      ),
    );
  for (const f of meta.filters) doc.text(both(f.en, f.fr));
  doc.fillColor('#000').moveDown(0.6);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const numeric = (c: Column) => c.kind === 'count' || c.kind === 'percent';
  const weights = table.columns.map((c) => (numeric(c) ? 1 : 2.2));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * width);
  const en = rowsIn(t.en, 'en', table);
  const fr = rowsIn(t.fr, 'fr', table);

  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const heights = cells.map((text, i) => doc.heightOfString(text, { width: widths[i]! - 6 }));
    const height = Math.max(...heights) + 6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      doc.text(text, x + 3, y + 3, {
        width: widths[i]! - 6,
        align: numeric(table.columns[i]!) && !bold ? 'right' : 'left',
      });
      x += widths[i]!;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(bold ? 0.8 : 0.3)
      .strokeColor('#888')
      .stroke();
    doc.x = left;
    doc.y = y + height;
  };

  drawRow(
    table.columns.map((c) => both(headerOf(t.en, c), headerOf(t.fr, c))),
    true,
  );
  if (table.rows.length === 0) {
    doc
      .moveDown(0.5)
      .font('Helvetica')
      .fontSize(9)
      .text(both(t.en('reports:empty'), t.fr('reports:empty')), left);
  }
  en.forEach((row, i) =>
    drawRow(
      table.columns.map((c) => {
        const a = row[c.key];
        const b = fr[i]![c.key];
        if (a === null || a === undefined) return '—';
        if (typeof a === 'number')
          return both(formatted('en', c.kind, a), formatted('fr', c.kind, a));
        return both(String(a), String(b ?? a));
      }),
      false,
    ),
  );
  doc.end();
  return done;
}
