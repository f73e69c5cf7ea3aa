import PDFDocument from 'pdfkit';
import { translator, type Locale } from '../../kernel/i18n.ts';
import type { PersonalData } from './export.ts';

type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

/** The sections of the export, in order, as the JSON names them. */
const sections = [
  'officer',
  'account',
  'contacts',
  'qualifications',
  'priorMissions',
  'applications',
  'selections',
  'deployments',
  'training',
  'incidents',
  'notices',
  'mail',
  'audit',
] as const;

/**
 * The export as a PDF in the officer's language: every section of the JSON, each field with its
 * label (or its name when it has none), values as stored (codes stay codes, as in the JSON).
 */
export async function personalDataPdf(data: PersonalData, language: Locale): Promise<Buffer> {
  const t = translator(language);
  const label = (key: string) => {
    const text = t(`privacy:fields.${key}`, { defaultValue: '' });
    return text || key;
  };
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 56,
    bufferPages: true,
    info: {
      Title: t('privacy:pdf.title'),
      Creator: 'peaceops',
      CreationDate: new Date(data.generatedAt),
    },
    lang: language === 'fr' ? 'fr-CA' : 'en-CA',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  const scalar = (v: Value): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return t(v ? 'privacy:pdf.yes' : 'privacy:pdf.no');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  const write = (value: Value, indent: number) => {
    if (Array.isArray(value)) {
      if (!value.length) {
        doc.font('Helvetica-Oblique').fontSize(9).text(t('privacy:pdf.none'), { indent });
        return;
      }
      value.forEach((item, i) => {
        if (item && typeof item === 'object' && !Array.isArray(item)) {
          doc
            .moveDown(0.2)
            .font('Helvetica-Bold')
            .fontSize(9)
            .text(`${i + 1}.`, { indent });
          write(item, indent + 12);
        } else doc.font('Helvetica').fontSize(9).text(scalar(item), { indent });
      });
      return;
    }
    if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (Array.isArray(v) || (v && typeof v === 'object' && key !== 'competencies')) {
          doc
            .font('Helvetica-Bold')
            .fontSize(9)
            .text(`${label(key)}:`, { indent });
          write(v, indent + 12);
        } else
          doc
            .font('Helvetica-Bold')
            .fontSize(9)
            .text(`${label(key)}: `, { indent, continued: true })
            .font('Helvetica')
            .text(scalar(v));
      }
      return;
    }
    doc.font('Helvetica').fontSize(9).text(scalar(value), { indent });
  };

  doc.font('Helvetica-Bold').fontSize(18).text(t('privacy:pdf.title'));
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(t('privacy:pdf.intro'))
    .fillColor('#444')
    .fontSize(9)
    .text(`${t('privacy:pdf.generatedAt')}: ${data.generatedAt}`)
    .text(`${t('privacy:pdf.reference')}: ${data.officer.id}`)
    .fillColor('#000');
  for (const section of sections) {
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(t(`privacy:sections.${section}`))
      .moveDown(0.3);
    const value = data[section] as Value;
    if (value === null) doc.font('Helvetica-Oblique').fontSize(9).text(t('privacy:pdf.none'));
    else write(value, 0);
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#444')
      .text(t('privacy:pdf.page', { page: i + 1, pages: range.count }), 56, doc.page.height - 40, {
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
