import { useTranslation } from 'react-i18next';
import type { Post } from '../../lib/api.ts';
import { intlLocale } from '../../lib/lang.ts';
import { monthTicks, todayIso } from '../../lib/format.ts';
import { useLang } from '../../lib/hooks.ts';

const dayMs = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / dayMs;

/**
 * The tours of a mission's posts as bars over time. A picture of the posts table above it (which
 * holds the same dates in words): hidden from screen readers, and the status of each bar is
 * written beside it and drawn as a texture (solid, hatched, dashed), never by colour alone.
 */
export function Timeline({ posts }: { posts: readonly Post[] }) {
  const { t } = useTranslation('planning');
  const lang = useLang();
  if (posts.length === 0) return null;
  const start = posts.reduce(
    (min, p) => (p.tourStart < min ? p.tourStart : min),
    posts[0]!.tourStart,
  );
  const end = posts.reduce((max, p) => (p.tourEnd > max ? p.tourEnd : max), posts[0]!.tourEnd);
  const first = dayOf(start);
  const span = dayOf(end) - first + 1;
  const pct = (iso: string) => `${(((dayOf(iso) - first) / span) * 100).toFixed(3)}%`;
  const width = (a: string, b: string) =>
    `${Math.max(((dayOf(b) - dayOf(a) + 1) / span) * 100, 0.5).toFixed(3)}%`;
  const ticks = monthTicks(start, end);
  // Marks within a year name their month; yearly marks name the year only.
  const monthly = ticks.some((tick) => !tick.endsWith('-01-01'));
  const tickLabel = new Intl.DateTimeFormat(intlLocale(lang), {
    ...(monthly ? { month: 'short' as const } : {}),
    year: 'numeric',
    timeZone: 'UTC',
  });
  const today = todayIso();
  const showToday = today >= start && today <= end;

  return (
    <figure className="timeline" aria-labelledby="timeline-caption">
      <figcaption id="timeline-caption" className="timeline__caption">
        {t('timeline.caption')}
      </figcaption>
      <ul className="timeline__legend">
        <li>
          <svg className="timeline__swatch" aria-hidden="true" focusable="false">
            <rect x="1" y="1" width="30" height="14" className="timeline__bar--filled" />
          </svg>
          {t('timeline.legend.filled')}
        </li>
        <li>
          <svg className="timeline__swatch" aria-hidden="true" focusable="false">
            <rect x="1" y="1" width="30" height="14" className="timeline__bar--vacant" />
          </svg>
          {t('timeline.legend.vacant')}
        </li>
        <li>
          <svg className="timeline__swatch" aria-hidden="true" focusable="false">
            <rect x="1" y="1" width="30" height="14" className="timeline__bar--cancelled" />
          </svg>
          {t('timeline.legend.cancelled')}
        </li>
        {showToday ? (
          <li>
            <svg className="timeline__swatch" aria-hidden="true" focusable="false">
              <line x1="16" x2="16" y1="0" y2="16" className="timeline__today" />
            </svg>
            {t('timeline.legend.today')}
          </li>
        ) : null}
      </ul>
      <div className="timeline__chart" aria-hidden="true">
        <svg width="0" height="0" className="timeline__defs" focusable="false">
          <defs>
            <pattern
              id="timeline-hatch"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <line x1="0" y1="0" x2="0" y2="6" className="timeline__hatch" />
            </pattern>
          </defs>
        </svg>
        <div className="timeline__row timeline__row--axis">
          <span className="timeline__label" />
          <svg className="timeline__track timeline__track--axis" focusable="false">
            {ticks.map((tick) => (
              <g key={tick}>
                <line x1={pct(tick)} x2={pct(tick)} y1="14" y2="24" className="timeline__tick" />
                <text x={pct(tick)} y="11" className="timeline__tick-label">
                  {tickLabel.format(new Date(`${tick}T00:00:00Z`))}
                </text>
              </g>
            ))}
          </svg>
        </div>
        {posts.map((post) => (
          <div className="timeline__row" key={post.id}>
            <span className="timeline__label">
              <span className="code">{post.reference}</span>{' '}
              <span className="secondary">{t(`statuses.${post.status}`)}</span>
            </span>
            <svg className="timeline__track" focusable="false">
              {ticks.map((tick) => (
                <line
                  key={tick}
                  x1={pct(tick)}
                  x2={pct(tick)}
                  y1="0"
                  y2="100%"
                  className="timeline__grid"
                />
              ))}
              <rect
                x={pct(post.tourStart)}
                width={width(post.tourStart, post.tourEnd)}
                y="5"
                height="18"
                className={`timeline__bar--${post.status}`}
              />
              {showToday ? (
                <line
                  x1={pct(today)}
                  x2={pct(today)}
                  y1="0"
                  y2="100%"
                  className="timeline__today"
                />
              ) : null}
            </svg>
          </div>
        ))}
      </div>
    </figure>
  );
}
