import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError } from '../../lib/api.ts';
import {
  assessable,
  dateOfTimestamp,
  uuid,
  withdrawable,
  type ApplicationDetail,
  type Assessment,
} from '../../lib/calls.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { useCodeList } from '../../lib/reference.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies } from '../officers/parts.tsx';
import { AssessmentForm, ReleaseForm, WithdrawForm } from './ApplicationActions.tsx';
import {
  ApplicationStatusTag,
  Facts,
  missionLabel,
  OutcomeTag,
  personName,
  tourText,
  useRole,
} from './parts.tsx';

export function ApplicationPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('application.read')) return <NotFoundPage />;
  return <ApplicationView id={id} />;
}

/** An application: the call, the officer, the posts chosen with their screening, assessments. */
function ApplicationView({ id }: { id: string }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const auth = useAuth();
  const role = useRole();
  const location = useLocation();
  const [refresh, setRefresh] = useState(0);
  const application = useApi<ApplicationDetail>(`/api/v1/applications/${id}`, refresh);
  const data = application.status === 'ready' ? application.data : null;
  const agencies = useAgencies();
  const notice = useSuccessNotice();
  const name = data ? personName(data.officer) : '';
  usePageTitle(
    data
      ? t('application.title', { name, number: data.call.number })
      : t('application.titleLoading'),
  );
  const state = location.state as { applied?: string; nominated?: string; call?: string } | null;

  if (
    application.status === 'error' &&
    application.error instanceof ApiError &&
    application.error.status === 404
  )
    return <NotFoundPage />;
  const back = auth.can('application.list') ? (
    <p className="back-link">
      <Link to={`/${lang}/applications`}>
        {role === 'officer' ? t('application.backToOwn') : t('application.backToList')}
      </Link>
    </p>
  ) : null;
  if (!data) {
    return (
      <>
        <PageHeading>{t('application.titleLoading')}</PageHeading>
        {application.status === 'error' ? <LoadError error={application.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const changed = (message: string) => {
    notice.show(message);
    setRefresh((n) => n + 1);
  };
  const arrived = state?.applied
    ? t('application.applied', { number: state.applied })
    : state?.nominated
      ? t('application.nominated', { name: state.nominated, number: state.call ?? '' })
      : null;

  const facts: Array<[string, ReactNode]> = [
    [
      t('application.call'),
      auth.can('call.read') ? (
        <Link to={`/${lang}/calls/${data.call.id}`}>{data.call.number}</Link>
      ) : (
        data.call.number
      ),
    ],
    [t('application.mission'), missionLabel(lang, data.call.mission)],
    [
      t('application.officer'),
      auth.can('officer.read') && role !== 'officer' ? (
        <Link to={`/${lang}/officers/${data.officer.id}`}>{name}</Link>
      ) : (
        name
      ),
    ],
    [t('application.agency'), agencies.name(data.officer.agencyId, '…')],
    [t('application.status'), <ApplicationStatusTag key="status" status={data.status} />],
    [t('application.submitted'), formatDate(lang, dateOfTimestamp(data.createdAt))],
    [
      t('application.how'),
      data.nominatedBy ? t('application.howNominated') : t('application.howApplied'),
    ],
  ];
  if (data.releaseDecidedAt) {
    const answer = t(
      data.status === 'not_released'
        ? 'application.releaseDeclined'
        : 'application.releaseEndorsed',
      { date: formatDate(lang, dateOfTimestamp(data.releaseDecidedAt)) },
    );
    facts.push([
      t('application.releaseDecided'),
      data.releaseReason
        ? t('application.releaseWithReason', { answer, reason: data.releaseReason })
        : answer,
    ]);
  }
  if (data.withdrawnReason) facts.push([t('application.withdrawnReason'), data.withdrawnReason]);
  if (data.reserveRank !== null)
    facts.push([t('application.reserveRank'), formatNumber(lang, data.reserveRank)]);

  const canRelease = auth.can('application.release') && data.status === 'submitted';
  const canWithdraw = auth.can('application.withdraw') && withdrawable(data.status);
  const canAssess = auth.can('assessment.record');

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('application.kicker')}</span>
        {t('application.title', { name, number: data.call.number })}
      </PageHeading>
      <SuccessNotice message={notice.message ?? arrived} focusKey={notice.shown} />
      <section aria-labelledby="application-facts">
        <h2 id="application-facts">{t('application.factsHeading')}</h2>
        <Facts rows={facts} />
        {data.statement ? (
          <>
            <h3>{t('application.statement')}</h3>
            <p className="prewrap">{data.statement}</p>
          </>
        ) : null}
      </section>
      <ScreeningSection application={data} />
      <AssessmentsSection assessments={data.assessments} />
      {canRelease ? (
        <section aria-labelledby="application-release">
          <h2 id="application-release">{t('release.heading')}</h2>
          <p>{t('release.intro', { name })}</p>
          <ReleaseForm application={data} onDone={changed} />
        </section>
      ) : null}
      {canAssess ? (
        <section aria-labelledby="application-assess">
          <h2 id="application-assess">{t('assessment.heading')}</h2>
          {assessable(data.status) ? (
            <AssessmentForm key={data.assessments.length} application={data} onDone={changed} />
          ) : (
            <p>{t('assessment.notYet')}</p>
          )}
        </section>
      ) : null}
      {canWithdraw ? (
        <section aria-labelledby="application-withdraw">
          <h2 id="application-withdraw">{t('withdraw.heading')}</h2>
          <p>{role === 'officer' ? t('withdraw.introOwn') : t('withdraw.intro')}</p>
          <WithdrawForm application={data} onDone={changed} />
        </section>
      ) : null}
      {back}
    </>
  );
}

/** Each post chosen, in order of preference, with its screening rule by rule. */
function ScreeningSection({ application }: { application: ApplicationDetail }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const postTypes = useCodeList('post-types');
  return (
    <section aria-labelledby="application-posts">
      <h2 id="application-posts">{t('application.postsHeading')}</h2>
      <p>{t('application.screeningIntro')}</p>
      {application.posts.map((post) => (
        <div key={post.id} className="record">
          <h3>
            {t('application.choiceHeading', {
              choice: t(`apply.choice.${post.preference}`, {
                defaultValue: String(post.preference),
              }),
              reference: post.reference,
            })}
          </h3>
          <p>
            {postTypes.name(post.postTypeCode)}, {tourText(t, lang, post.tourStart, post.tourEnd)}
          </p>
          <p>
            {t('application.overall')} <OutcomeTag outcome={post.screening.outcome} />
          </p>
          <div className="table-wrapper">
            <table className="data-table data-table--compact">
              <caption>{t('application.rulesCaption', { reference: post.reference })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('application.ruleColumns.rule')}</th>
                  <th scope="col">{t('application.ruleColumns.outcome')}</th>
                  <th scope="col">{t('application.ruleColumns.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {post.screening.rules.map((r, i) => (
                  <tr key={`${r.rule}-${i}`}>
                    <th scope="row">{t(`screening:rules.${r.rule}`, { defaultValue: r.rule })}</th>
                    <td>
                      <OutcomeTag outcome={r.outcome} />
                    </td>
                    <td>{r.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}

function AssessmentsSection({ assessments }: { assessments: Assessment[] }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  return (
    <section aria-labelledby="application-assessments">
      <h2 id="application-assessments">{t('assessments.heading')}</h2>
      {assessments.length === 0 ? (
        <p>{t('assessments.none')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('assessments.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assessments.columns.kind')}</th>
                <th scope="col">{t('assessments.columns.result')}</th>
                <th scope="col">{t('assessments.columns.date')}</th>
                <th scope="col">{t('assessments.columns.expires')}</th>
                <th scope="col">{t('assessments.columns.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {assessments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.kind === 'language_test' && a.code
                      ? t('assessments.languageTest', {
                          language: t(`reference:languages.${a.code}`, {
                            defaultValue: a.code.toUpperCase(),
                          }),
                        })
                      : t(`assessmentKinds.${a.kind}`)}
                  </th>
                  <td>
                    {a.score !== null
                      ? t('assessments.scored', {
                          score: t('percent', { value: formatNumber(lang, a.score) }),
                          result: a.passed ? t('assessments.passed') : t('assessments.failed'),
                        })
                      : a.passed
                        ? t('assessments.passed')
                        : t('assessments.failed')}
                  </td>
                  <td className="nowrap">{formatDate(lang, a.assessedOn)}</td>
                  <td className="nowrap">
                    {a.expiresOn ? formatDate(lang, a.expiresOn) : t('assessments.noExpiry')}
                  </td>
                  <td>
                    {a.competencies && Object.keys(a.competencies).length > 0 ? (
                      <ul className="compact-list">
                        {Object.entries(a.competencies).map(([name, score]) => (
                          <li key={name}>
                            {t('assessments.competency', {
                              name: t(`competencies.${name}`, { defaultValue: name }),
                              score,
                            })}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {a.notes ? <p className="prewrap secondary">{a.notes}</p> : null}
                    {!a.notes && !(a.competencies && Object.keys(a.competencies).length > 0)
                      ? '—'
                      : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
