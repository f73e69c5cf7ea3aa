import { createHash } from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { writeAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Db } from '../../kernel/db/client.ts';
import { AppError } from '../../kernel/errors.ts';
import { requestDocuments, requests } from './schema.ts';

/** The document types a request may carry, by what the bytes are (not what the name says). */
const accepted: Record<string, { mediaType: string; extensions: string[] }> = {
  pdf: { mediaType: 'application/pdf', extensions: ['.pdf'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
  },
  // Word 97-2003 files are OLE compound files; file-type reports the container.
  cfb: { mediaType: 'application/msword', extensions: ['.doc'] },
};

/** A file name safe to store and to send back in Content-Disposition. */
export function cleanFileName(name: string): string {
  const base = path
    .basename(name.replaceAll('\\', '/'))
    .replace(/[\p{Cc}"]/gu, '')
    .trim();
  return (base || 'document').slice(0, 200);
}

/** What the bytes are, if a request may carry them. */
export async function acceptedTypeOf(content: Buffer, fileName: string) {
  const detected = await fileTypeFromBuffer(content);
  const type = detected ? accepted[detected.ext] : undefined;
  if (!type || !type.extensions.includes(path.extname(fileName).toLowerCase()))
    throw new AppError('document_type_refused');
  return type.mediaType;
}

/** Attach a document to a request (any time before it is withdrawn). */
export async function attachDocument(
  db: Db,
  ctx: AuditContext,
  requestId: string,
  file: { fileName: string; content: Buffer },
) {
  const fileName = cleanFileName(file.fileName);
  const mediaType = await acceptedTypeOf(file.content, fileName);
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select({ status: requests.status })
      .from(requests)
      .where(eq(requests.id, requestId))
      .for('update');
    if (!request) throw new AppError('not_found');
    if (request.status === 'withdrawn')
      throw new AppError('request_closed', { status: 'withdrawn' });
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const [created] = await tx
      .insert(requestDocuments)
      .values({
        requestId,
        fileName,
        mediaType,
        sizeBytes: file.content.length,
        sha256,
        content: file.content,
        uploadedBy: ctx.actorId,
        uploadedAt: ctx.now,
      })
      .returning({
        id: requestDocuments.id,
        fileName: requestDocuments.fileName,
        mediaType: requestDocuments.mediaType,
        sizeBytes: requestDocuments.sizeBytes,
        sha256: requestDocuments.sha256,
        uploadedAt: requestDocuments.uploadedAt,
      });
    await writeAudit(tx, ctx, {
      action: 'request.document.attach',
      recordType: 'request',
      recordId: requestId,
      changes: { document: [null, { id: created!.id, fileName, mediaType, sha256 }] },
    });
    return created!;
  });
}

export async function readDocument(db: Db, requestId: string, documentId: string) {
  const [doc] = await db
    .select()
    .from(requestDocuments)
    .where(and(eq(requestDocuments.id, documentId), eq(requestDocuments.requestId, requestId)));
  return doc ?? null;
}
