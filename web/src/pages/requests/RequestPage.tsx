import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import {
  ApiError,
  type MissionDetail,
  type Rank,
  type RequestDetail,
  type RequestLine,
} from '../../lib/api.ts';
import { formatDate, formatNumber, nameIn } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { useCodeList } from '../../lib/reference.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { DecisionsSection } from './DecisionsSection.tsx';
import { DocumentsSection } from './DocumentsSection.tsx';
import { isOpenRequest } from './EditRequestPage.tsx';
import { DeadlineTag, statusText } from './parts.tsx';
import { PositionsSection } from './PositionsSection.tsx';
import { TransitionsSection } from './TransitionsSection.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function RequestPage() {
  const { id = '' } = useParams();
  if (!uuid.test(id)) return <NotFoundPage />;
  return <RequestView id={id} />;
}

/** The request's decision file: facts, posts wanted, documents, positions, decisions. */
function RequestView({ id }: { id: string }) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const auth = useAuth();
  const location = useLocation();
  const [refresh, setRefresh] = useState(0);
  const reload = () => setRefresh((n) => n + 1);
  const request = useApi<RequestDetail>(`/api/v1/requests/${id}`, refresh);
  const data = request.status === 'ready' ? request.data : null;
  const mission = useApi<MissionDetail>(data ? `/api/v1/missions/${data.missionId}` : null);
  const organizations = useCodeList('organizations');
  const countries = useCodeList('countries');
  const postTypes = useCodeList('post-types');
  const roles = useCodeList('mission-roles');
  const ranks = useCodeList<Rank>('ranks', false);
  usePageTitle(data ? t('detail.title', { number: data.number }) : t('detail.titleLoading'));
  const state = location.state as { registered?: string; saved?: string } | null;
  const registered = state?.registered;
  const saved = state?.saved;

  if (
    request.status === 'error' &&
    request.error instanceof ApiError &&
    request.error.status === 404
  ) {
    return <NotFoundPage />;
  }
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/requests`}>{t('detail.backToList')}</Link>
    </p>
  );
  if (!data) {
    return (
      <>
        <PageHeading>{t('detail.titleLoading')}</PageHeading>
        {request.status === 'error' ? <LoadError error={request.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const locationName = (locationId: string | null) => {
    if (!locationId) return t('detail.anyLocation');
    const found =
      mission.status === 'ready'
        ? mission.data.locations.find((l) => l.id === locationId)
        : undefined;
    return found ? nameIn(lang, found) : '…';
  };
  const requester = data.organizationCode
    ? organizations.name(data.organizationCode)
    : countries.name(data.requestingCountryCode);

  const facts: Array<[string, ReactNode]> = [
    [t('file.number'), data.number],
    [
      t('file.mission'),
      <Link key="mission" to={`/${lang}/missions/${data.mission.id}`}>
        {data.mission.acronym} – {nameIn(lang, data.mission)}
      </Link>,
    ],
    [t('file.requester'), requester],
    [t('file.noteReference'), data.noteReference],
    [t('file.receivedOn'), formatDate(lang, data.receivedOn)],
    [
      t('file.responseDue'),
      <>
        {formatDate(lang, data.responseDue)}
        {data.deadline ? (
          <>
            {' '}
            <DeadlineTag deadline={data.deadline} />
          </>
        ) : null}
      </>,
    ],
    [t('file.startDate'), formatDate(lang, data.startDate)],
    [t('file.tourMonths'), formatNumber(lang, data.tourMonths)],
    [t('file.status'), statusText(t, data.status, data.outcome)],
    [t('detail.authorizedStrength'), formatNumber(lang, data.mission.authorizedStrength)],
  ];
  if (data.withdrawnReason) facts.push([t('detail.withdrawnReason'), data.withdrawnReason]);

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('detail.kicker')}</span>
        {t('detail.title', { number: data.number })}
      </PageHeading>
      <SuccessNotice
        message={
          registered
            ? t('detail.registered', { number: registered })
            : saved
              ? t('edit.saved', { number: saved })
              : null
        }
      />
      {auth.can('request.update') && isOpenRequest(data) ? (
        <p>
          <Link className="button-link" to={`/${lang}/requests/${data.id}/edit`}>
            {t('edit.link')}
          </Link>
        </p>
      ) : null}
      {auth.can('decision.read') ? (
        <p>
          <a
            className="download-link"
            href={`/api/v1/requests/${data.id}/decision-file`}
            download={`decision-file-${data.number}.pdf`}
          >
            {t('detail.downloadFile')}
          </a>
        </p>
      ) : null}
      <section aria-labelledby="request-facts">
        <h2 id="request-facts">{t('detail.factsHeading')}</h2>
        <dl className="details-list">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {data.summary ? (
          <>
            <h3>{t('file.summary')}</h3>
            <p className="prewrap">{data.summary}</p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="request-lines">
        <h2 id="request-lines">{t('file.lines')}</h2>
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('detail.linesCaption', { number: data.number })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('file.line')}</th>
                <th scope="col">{t('detail.lineColumns.postType')}</th>
                <th scope="col">{t('detail.lineColumns.location')}</th>
                <th scope="col" className="numeric">
                  {t('detail.lineColumns.wanted')}
                </th>
                <th scope="col">{t('detail.lineColumns.requirements')}</th>
                <th scope="col" className="numeric">
                  {t('detail.lineColumns.created')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line) => (
                <tr key={line.id}>
                  <th scope="row">{line.lineNo}</th>
                  <td>
                    {postTypes.name(line.postTypeCode)}
                    {line.teamCode ? (
                      <>
                        <br />
                        <span className="secondary">{roles.name(line.teamCode)}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{locationName(line.locationId)}</td>
                  <td className="numeric">{formatNumber(lang, line.postCount)}</td>
                  <td>
                    <Requirements line={line} rankName={ranks.name} />
                  </td>
                  <td className="numeric">{formatNumber(lang, line.postsCreated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <DocumentsSection request={data} onChanged={reload} />
      <PositionsSection request={data} onChanged={reload} />
      <DecisionsSection request={data} onChanged={reload} />
      <TransitionsSection request={data} onChanged={reload} />
      {back}
    </>
  );
}

/** What a line asks of the officers, in words. */
function Requirements({
  line,
  rankName,
}: {
  line: RequestLine;
  rankName: (code: string) => string;
}) {
  const { t } = useTranslation('requests');
  const items: string[] = [
    ...line.languages.map((l) =>
      t('detail.languageScore', {
        language: t(`reference:languages.${l.language}`, { defaultValue: l.language }),
        score: l.minScore,
      }),
    ),
    ...(line.minRankCode ? [t('detail.minRank', { rank: rankName(line.minRankCode) })] : []),
    ...(line.minYearsService != null
      ? [t('detail.minYears', { years: line.minYearsService })]
      : []),
    ...(line.womenSought ? [t('detail.womenSought')] : []),
    ...line.skills.map((s) => t('detail.skill', { skill: s })),
  ];
  return (
    <>
      {items.length > 0 ? (
        <ul className="compact-list">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : (
        t('detail.noRequirements')
      )}
      {line.notes ? <p className="secondary prewrap">{line.notes}</p> : null}
    </>
  );
}
