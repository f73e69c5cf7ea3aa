import type { RefObject } from 'react';
import type { FieldError } from '../lib/api.ts';
import { formatNumber } from '../lib/format.ts';
import { useLang } from '../lib/hooks.ts';

/**
 * Why an import was refused: the server's message, then every problem by line and column. The
 * heading takes the focus (the caller moves it there), so a screen-reader user hears the outcome.
 * Each import page gives its own words.
 */
export function ImportProblems({
  headingId,
  headingLevel,
  headingRef,
  heading,
  message,
  problems,
  labels,
}: {
  headingId: string;
  headingLevel: 2 | 3;
  headingRef: RefObject<HTMLHeadingElement | null>;
  heading: string;
  message: string;
  problems: FieldError[];
  labels: { caption: string; line: string; column: string; message: string; wholeFile: string };
}) {
  const lang = useLang();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="import-problems">
      <div className="notice notice--danger">
        <Heading id={headingId} className="notice__title" tabIndex={-1} ref={headingRef}>
          {heading}
        </Heading>
        <p>{message}</p>
      </div>
      {problems.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{labels.caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {labels.line}
                </th>
                <th scope="col">{labels.column}</th>
                <th scope="col">{labels.message}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={`${i}-${p.path}-${p.code}`}>
                  <th scope="row" className="numeric">
                    {p.line !== undefined ? formatNumber(lang, p.line) : '—'}
                  </th>
                  <td className="code">{p.column || labels.wholeFile}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
