import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { errorResponse } from './errors.ts';

/** The content types an import accepts as its raw body: CSV, XLSX, or bytes of either. */
export const importFileTypes = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/** Take import files as raw bodies (up to IMPORT_MAX_BYTES) in this plugin's routes. */
export function acceptImportFiles(app: FastifyInstance): void {
  app.addContentTypeParser(
    importFileTypes,
    { parseAs: 'buffer', bodyLimit: app.ctx.config.importMaxBytes },
    (_req, body, done) => done(null, body),
  );
}

/** The file an import was sent, or 400 `import_invalid` naming the file (`emptyCode` says why). */
export function importFileOf(request: FastifyRequest, emptyCode: string): Buffer {
  if (Buffer.isBuffer(request.body)) return request.body;
  throw new AppError('import_invalid', {}, [
    { path: 'file', code: emptyCode, line: 1, column: '' },
  ]);
}

export type ImportPhase = 'checking' | 'writing';
export type ImportProgress = (done: number, total: number, phase: ImportPhase) => void;

/** A line of an import's progress stream (`Accept: application/x-ndjson`). */
type ImportLine<Report> =
  | { type: 'progress'; phase: ImportPhase; done: number; total: number }
  | { type: 'report'; report: Report }
  | ({ type: 'error'; status: number } & ReturnType<typeof errorResponse>['payload']);

/**
 * Answer an import: its report as JSON, or, when the caller accepts `application/x-ndjson`, a
 * 200 stream of JSON lines (progress as the import goes, then the report or the error the plain
 * call would have answered), so a large file shows how far it has come.
 */
export async function answerImport<Report>(
  request: FastifyRequest,
  reply: FastifyReply,
  run: (onProgress?: ImportProgress) => Promise<Report>,
): Promise<Report | FastifyReply> {
  if (!request.headers.accept?.includes('application/x-ndjson')) return run();
  const lines = new PassThrough();
  const send = (line: ImportLine<Report>) => lines.write(`${JSON.stringify(line)}\n`);
  void run((done, total, phase) => send({ type: 'progress', phase, done, total }))
    .then((report) => send({ type: 'report', report }))
    .catch((error: unknown) => {
      const { status, payload } = errorResponse(error, request);
      send({ type: 'error', status, ...payload });
    })
    .finally(() => lines.end());
  return reply
    .type('application/x-ndjson')
    .header('cache-control', 'no-store')
    .send(lines as never);
}
