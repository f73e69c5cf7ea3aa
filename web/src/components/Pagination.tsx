import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format.ts';
import { useLang } from '../lib/hooks.ts';
import { pageNumbers } from '../lib/paging.ts';

interface PageInfo {
  total: number;
  page: number;
  pageSize: number;
}

/** "Results 26 to 50 of 71": what the table shows of everything that matches. */
export function ResultCount({ total, page, pageSize }: PageInfo) {
  const { t } = useTranslation('common');
  const lang = useLang();
  if (total === 0) return null;
  const from = Math.min(total, (page - 1) * pageSize + 1);
  const to = Math.min(total, page * pageSize);
  return (
    <p className="result-count">
      {t('pagination.results', {
        from: formatNumber(lang, from),
        to: formatNumber(lang, to),
        total: formatNumber(lang, total),
      })}
    </p>
  );
}

/** Links to the other pages of a list; the page number lives in the query string (?page=2). */
export function Pagination({ total, page, pageSize }: PageInfo) {
  const { t } = useTranslation('common');
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams(location.search);
    if (n === 1) params.delete('page');
    else params.set('page', String(n));
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ''}`;
  };
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <ul className="pagination__list">
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} rel="prev" className="pagination__step">
              {t('pagination.previous')}
            </Link>
          </li>
        ) : null}
        {pageNumbers(page, pages).map((n, i) =>
          n === 'gap' ? (
            <li key={`gap-${i}`} className="pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                to={href(n)}
                aria-current={n === page ? 'page' : undefined}
                aria-label={t('pagination.page', { page: n })}
                className={
                  n === page ? 'pagination__page pagination__page--current' : 'pagination__page'
                }
              >
                {n}
              </Link>
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <Link to={href(page + 1)} rel="next" className="pagination__step">
              {t('pagination.next')}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
