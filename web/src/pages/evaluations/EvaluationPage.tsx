import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError, type Evaluation } from '../../lib/api.ts';
import { formatDate, nameIn } from '../../lib/format.ts';
import { useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { EvaluationForm } from './EvaluationForm.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function EvaluationPage() {
  const { id = '' } = useParams();
  if (!uuid.test(id)) return <NotFoundPage />;
  return <EvaluationView id={id} />;
}

function EvaluationView({ id }: { id: string }) {
  const { t } = useTranslation('evaluations');
  const lang = useLang();
  const auth = useAuth();
  const location = useLocation();
  const [refresh, setRefresh] = useState(0);
  const [editing, setEditing] = useState(false);
  const notice = useSuccessNotice();
  // Switching between reading and editing moves focus to what replaced the control used.
  const editHeading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<'form' | 'button' | null>(null);
  useEffect(() => {
    if (focusTarget === 'form') editHeading.current?.focus();
    if (focusTarget === 'button') editButton.current?.focus();
  }, [focusTarget]);
  const evaluation = useApi<Evaluation>(`/api/v1/evaluations/${id}`, refresh);
  const data = evaluation.status === 'ready' ? evaluation.data : null;
  const title = data
    ? t('detail.title', { mission: data.mission.acronym, kind: t(`kinds.${data.kind}`) })
    : t('detail.titleLoading');
  usePageTitle(title);
  const created = (location.state as { created?: boolean } | null)?.created === true;

  if (
    evaluation.status === 'error' &&
    evaluation.error instanceof ApiError &&
    evaluation.error.status === 404
  ) {
    return <NotFoundPage />;
  }
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/evaluations`}>{t('detail.backToList')}</Link>
    </p>
  );
  if (!data) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        {evaluation.status === 'error' ? <LoadError error={evaluation.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const rows: Array<[string, string]> = [
    [t('fields.kind'), t(`kinds.${data.kind}`)],
    [
      t('list.columns.period'),
      t('period', {
        start: formatDate(lang, data.periodStart),
        end: formatDate(lang, data.periodEnd),
      }),
    ],
    [t('fields.rating'), t(`ratings.${data.rating}`)],
    [t('list.columns.author'), data.authorName ?? t('common:none')],
  ];

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('detail.kicker')}</span>
        {title}
      </PageHeading>
      <SuccessNotice
        message={notice.message ?? (created && !editing ? t('detail.created') : null)}
        focusKey={notice.shown}
      />
      {editing ? (
        <section aria-labelledby="edit-evaluation">
          <h2 id="edit-evaluation" tabIndex={-1} ref={editHeading}>
            {t('detail.editHeading')}
          </h2>
          <EvaluationForm
            existing={data}
            onSaved={() => {
              setEditing(false);
              setFocusTarget(null);
              setRefresh((n) => n + 1);
              notice.show(t('detail.saved'));
            }}
            cancel={
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setEditing(false);
                  setFocusTarget('button');
                }}
              >
                {t('common:cancel')}
              </button>
            }
          />
        </section>
      ) : (
        <>
          <section aria-labelledby="evaluation-details">
            <h2 id="evaluation-details">{t('detail.detailsHeading')}</h2>
            <dl className="details-list">
              <div>
                <dt>{t('fields.mission')}</dt>
                <dd>
                  <Link to={`/${lang}/missions/${data.mission.id}`}>
                    {data.mission.acronym} – {nameIn(lang, data.mission)}
                  </Link>
                </dd>
              </div>
              {rows.map(([term, value]) => (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="evaluation-indicators">
            <h2 id="evaluation-indicators">{t('fields.indicators')}</h2>
            {data.indicators.length === 0 ? (
              <p>{t('detail.noIndicators')}</p>
            ) : (
              <div className="table-wrapper">
                <table className="data-table">
                  <caption>{t('detail.indicatorsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('form.indicator.name')}</th>
                      <th scope="col">{t('form.indicator.value')}</th>
                      <th scope="col">{t('form.indicator.target')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.indicators.map((indicator, i) => (
                      <tr key={`${i}-${indicator.name}`}>
                        <th scope="row">{indicator.name}</th>
                        <td>{indicator.value}</td>
                        <td>{indicator.target || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="evaluation-lessons">
            <h2 id="evaluation-lessons">{t('fields.lessonsLearned')}</h2>
            <p className="prewrap">{data.lessonsLearned || t('detail.nothingRecorded')}</p>
          </section>
          <section aria-labelledby="evaluation-recommendations">
            <h2 id="evaluation-recommendations">{t('fields.recommendations')}</h2>
            <p className="prewrap">{data.recommendations || t('detail.nothingRecorded')}</p>
          </section>
          {auth.can('evaluation.update') ? (
            <p>
              <button
                type="button"
                className="button button--primary"
                ref={editButton}
                onClick={() => {
                  notice.hide();
                  setEditing(true);
                  setFocusTarget('form');
                }}
              >
                {t('detail.edit')}
              </button>
            </p>
          ) : null}
        </>
      )}
      {back}
    </>
  );
}
