import zlib from 'node:zlib';

/**
 * The text a PDF written by pdfkit shows, one line per text operation: its content streams
 * inflated and the hex strings of each `TJ` decoded (pdfkit writes standard-font text as
 * WinAnsi hex). Enough to check that an export opens as a PDF and holds the figures, without a
 * PDF library in the tests.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  if (!raw.startsWith('%PDF-') || !raw.trimEnd().endsWith('%%EOF')) throw new Error('not a PDF');
  const lines: string[] = [];
  const streams = /stream\r?\n/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = zlib.inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a compressed content stream (an image, a font)
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ/g))
      lines.push(
        [...op[1]!.matchAll(/<([0-9a-fA-F]*)>/g)]
          .map((h) => Buffer.from(h[1]!, 'hex').toString('latin1'))
          .join(''),
      );
  }
  return lines.join('\n');
}
