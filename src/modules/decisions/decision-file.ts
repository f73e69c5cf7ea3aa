import { inArray } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { Db } from '../../kernel/db/client.ts';
import { translator } from '../../kernel/i18n.ts';
import { countries, organizations, postTypes } from '../reference/schema.ts';
import type { findRequest } from '../requests/requests.ts';

type RequestFile = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

const en = translator('en');
const fr = translator('fr');
/** A label in both languages: "Request / Demande". */
const both = (key: string, params: Record<string, unknown> = {}) => {
  const a = en(`requests:${key}`, params);
  const b = fr(`requests:${key}`, params);
  return a === b ? a : `${a} / ${b}`;
};

/**
 * The decision file as a bilingual PDF: the request, the posts wanted, the partners' positions,
 * every decision (in force and superseded) and the documents on file. Labels and reference names
 * are in English and French; free text is as the partners wrote it.
 */
export async function decisionFile(db: Db, request: RequestFile, now: Date): Promise<Buffer> {
  const names = async (
    table: typeof organizations | typeof countries | typeof postTypes,
    codes: string[],
  ) =>
    new Map(
      codes.length
        ? (await db.select().from(table).where(inArray(table.code, codes))).map(
            (r) => [r.code, `${r.nameEn} / ${r.nameFr}`] as const,
          )
        : [],
    );
  const orgNames = await names(
    organizations,
    request.organizationCode ? [request.organizationCode] : [],
  );
  const countryNames = await names(
    countries,
    request.requestingCountryCode ? [request.requestingCountryCode] : [],
  );
  const postNames = await names(postTypes, [...new Set(request.lines.map((l) => l.postTypeCode))]);

  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 56,
    bufferPages: true,
    info: {
      Title: `${both('file.title')} ${request.number}`,
      Subject: `${request.mission.acronym}`,
      Creator: 'peaceops',
      CreationDate: now,
    },
    lang: 'en-CA',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  const heading = (text: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.3);
  const field = (label: string, value: string) =>
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${label}: `, { continued: true })
      .font('Helvetica')
      .text(value || '—');
  const body = (text: string) => doc.font('Helvetica').fontSize(10).text(text);

  doc.font('Helvetica-Bold').fontSize(18).text(both('file.title'));
  doc.font('Helvetica').fontSize(11).text(both('file.subtitle'));
  doc
    .fontSize(9)
    .fillColor('#444')
    .text(`${both('file.generated')}: ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`)
    .fillColor('black');

  heading(both('file.request'));
  field(both('file.number'), request.number);
  field(
    both('file.mission'),
    `${request.mission.acronym}: ${request.mission.nameEn} / ${request.mission.nameFr}`,
  );
  field(
    both('file.requester'),
    [
      request.organizationCode
        ? (orgNames.get(request.organizationCode) ?? request.organizationCode)
        : null,
      request.requestingCountryCode
        ? (countryNames.get(request.requestingCountryCode) ?? request.requestingCountryCode)
        : null,
    ]
      .filter(Boolean)
      .join('; '),
  );
  field(both('file.noteReference'), request.noteReference);
  field(both('file.receivedOn'), request.receivedOn);
  field(both('file.responseDue'), request.responseDue);
  field(both('file.startDate'), request.startDate);
  field(both('file.tourMonths'), String(request.tourMonths));
  field(both('file.status'), both(`statuses.${request.status}`));
  if (request.summary) field(both('file.summary'), request.summary);

  heading(both('file.lines'));
  for (const line of request.lines) {
    const parts = [
      `${line.postCount} × ${postNames.get(line.postTypeCode) ?? line.postTypeCode}`,
      line.languages.map((l) => `${l.language.toUpperCase()} ≥ ${l.minScore}%`).join(', '),
      line.minYearsService != null ? `${line.minYearsService}+ yrs/ans` : '',
      line.womenSought ? both('womenSought') : '',
    ].filter(Boolean);
    body(`${both('file.line')} ${line.lineNo}: ${parts.join(' · ')}`);
  }

  heading(both('file.positions'));
  if (!request.positions.length) body(both('file.noPositions'));
  for (const p of request.positions) {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${both(`partners.${p.partner}`)}: ${both(`stances.${p.stance}`)}`);
    body(`${both('file.reasons')}: ${p.reasons}`);
    if (p.conditions) body(`${both('file.conditions')}: ${p.conditions}`);
    doc
      .fontSize(8)
      .fillColor('#444')
      .text(p.recordedAt.toISOString().slice(0, 10))
      .fillColor('black')
      .moveDown(0.3);
  }

  heading(both('file.decisions'));
  if (!request.decisions.length) body(both('file.noDecision'));
  for (const d of request.decisions) {
    const successor = request.decisions.find((later) => later.supersedesId === d.id);
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(
        `${both('file.decision')} ${d.sequence}: ${both(`outcomes.${d.outcome}`)} (${
          successor
            ? both('file.superseded', { sequence: successor.sequence })
            : both('file.inForce')
        })`,
      );
    field(both('file.decidedOn'), d.decidedOn);
    field(both('file.ceiling'), String(d.ceiling));
    if (d.conditions) field(both('file.conditions'), d.conditions);
    if (d.fundingNote) field(both('file.fundingNote'), d.fundingNote);
    field(both('file.rule'), d.rule);
    doc.moveDown(0.4);
  }

  heading(both('file.documents'));
  if (!request.documents.length) body(both('file.noDocuments'));
  for (const d of request.documents)
    body(`${d.fileName} (${Math.ceil(d.sizeBytes / 1024)} KB, SHA-256 ${d.sha256.slice(0, 16)}…)`);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(
        `${request.number} · ${both('file.page', { page: i + 1, pages: range.count })}`,
        56,
        doc.page.height - 40,
        {
          lineBreak: false,
        },
      );
  }
  doc.end();
  return done;
}
