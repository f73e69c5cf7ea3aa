import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError, type MissionRole } from '../../lib/api.ts';
import { uuid } from '../../lib/calls.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { useCodeList } from '../../lib/reference.ts';
import type { Deployment } from '../../lib/training.ts';
import { Facts, missionLabel, personName, tourText, useRole } from '../calls/parts.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies } from '../officers/parts.tsx';
import { DeploymentStateTag, itemLabel, ReadinessTag } from '../training/parts.tsx';
import { EndOfTourReportForm } from './EndOfTourReportForm.tsx';
import { MoveSection } from './MoveSection.tsx';
import {
  DebriefSection,
  ExtensionsSection,
  LocationSection,
  MovesHistory,
  RotationSection,
} from './TourSections.tsx';

export function DeploymentPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('deployment.read')) return <NotFoundPage />;
  return <DeploymentView id={id} />;
}

/**
 * A deployment: the officer, mission, post and dates, its readiness checklist, its moves, and the
 * tour's details (location, extensions, rotation, end-of-tour report, debrief). Forms and buttons
 * show from what the server says the caller may do (`can`, `decidable`).
 */
function DeploymentView({ id }: { id: string }) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const auth = useAuth();
  const role = useRole();
  const [refresh, setRefresh] = useState(0);
  const deployment = useApi<Deployment>(`/api/v1/deployments/${id}`, refresh);
  const data = deployment.status === 'ready' ? deployment.data : null;
  const agencies = useAgencies();
  const postTypes = useCodeList('post-types');
  const teams = useCodeList<MissionRole>('mission-roles');
  const notice = useSuccessNotice();
  const title = data
    ? t('deployment.title', { name: personName(data.officer), mission: data.mission.acronym })
    : t('deployment.titleLoading');
  usePageTitle(title);

  if (
    deployment.status === 'error' &&
    deployment.error instanceof ApiError &&
    deployment.error.status === 404
  )
    return <NotFoundPage />;
  const back = auth.can('readiness.board') ? (
    <p className="back-link">
      <Link to={`/${lang}/readiness`}>{t('deployment.backToBoard')}</Link>
    </p>
  ) : null;
  if (!data) {
    return (
      <>
        <PageHeading>{t('deployment.titleLoading')}</PageHeading>
        {deployment.status === 'error' ? <LoadError error={deployment.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const name = personName(data.officer);
  const isOfficer = role === 'officer';
  const facts: Array<[string, ReactNode]> = [
    [
      t('deployment.officer'),
      auth.can('officer.read') && !isOfficer ? (
        <Link to={`/${lang}/officers/${data.officer.id}`}>{name}</Link>
      ) : (
        name
      ),
    ],
    [t('deployment.agency'), agencies.name(data.officer.agencyId, data.agencyCode)],
    [
      t('deployment.mission'),
      auth.can('mission.read') ? (
        <Link to={`/${lang}/missions/${data.mission.id}`}>{missionLabel(lang, data.mission)}</Link>
      ) : (
        missionLabel(lang, data.mission)
      ),
    ],
    [
      t('deployment.post'),
      data.post
        ? [
            data.post.reference,
            postTypes.name(data.post.postTypeCode),
            data.post.teamCode ? teams.name(data.post.teamCode) : null,
          ]
            .filter(Boolean)
            .join(' – ')
        : t('deployment.noPost'),
    ],
    [t('deployment.dates'), tourText(t, lang, data.plannedStart, data.plannedEnd)],
    [t('deployment.location'), data.location || t('deployment.noLocation')],
    [t('deployment.state'), <DeploymentStateTag key="state" state={data.state} />],
  ];
  if (data.actualStart)
    facts.push([
      t('deployment.actualDates'),
      data.actualEnd
        ? tourText(t, lang, data.actualStart, data.actualEnd)
        : t('deployment.since', { date: formatDate(lang, data.actualStart) }),
    ]);
  if (auth.can('training.read'))
    facts.push([
      t('deployment.training'),
      <Link
        key="training"
        to={isOfficer ? `/${lang}/my-training` : `/${lang}/officers/${data.officer.id}/training`}
      >
        {isOfficer ? t('deployment.trainingOwn') : t('deployment.trainingOf', { name })}
      </Link>,
    ]);

  const reload = () => setRefresh((n) => n + 1);
  const changed = (message: string) => {
    notice.show(message);
    setRefresh((n) => n + 1);
  };

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('deployment.kicker')}</span>
        {title}
      </PageHeading>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      <section aria-labelledby="deployment-facts">
        <h2 id="deployment-facts">{t('deployment.factsHeading')}</h2>
        <Facts rows={facts} />
      </section>
      <ChecklistSection deployment={data} />
      {auth.can('deployment.move') ? (
        <MoveSection deployment={data} onDone={changed} onStale={reload} />
      ) : null}
      <MovesHistory deployment={data} />
      {data.can?.editLocation ? (
        <LocationSection
          key={`location-${data.version}`}
          deployment={data}
          onDone={changed}
          onStale={reload}
        />
      ) : null}
      <ExtensionsSection deployment={data} onDone={changed} onStale={reload} />
      <RotationSection deployment={data} onDone={changed} onStale={reload} />
      {data.can?.readEndOfTourReport &&
      (data.endOfTourReport || data.can.writeEndOfTourReport || data.closing) ? (
        <EndOfTourReportForm deploymentId={data.id} onSaved={() => reload()} />
      ) : null}
      <DebriefSection
        key={`debrief-${data.version}`}
        deployment={data}
        onDone={changed}
        onStale={reload}
      />
      {back}
    </>
  );
}

/** Each readiness item: done, missing or expiring, and the server's word on what to do. */
function ChecklistSection({ deployment }: { deployment: Deployment }) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const auth = useAuth();
  const countries = useCodeList('countries');
  const { items, blocking } = deployment.readiness;
  const name = personName(deployment.officer);
  return (
    <section aria-labelledby="deployment-readiness">
      <h2 id="deployment-readiness">{t('readiness.heading')}</h2>
      <p>
        {blocking === 0
          ? t('readiness.allDone')
          : t('readiness.notDone', { count: blocking, n: formatNumber(lang, blocking) })}
      </p>
      <div className="table-wrapper">
        <table className="data-table">
          <caption>
            {t('readiness.caption', { name, start: formatDate(lang, deployment.plannedStart) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('readiness.columns.item')}</th>
              <th scope="col">{t('readiness.columns.status')}</th>
              <th scope="col">{t('readiness.columns.message')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.item}:${item.ref ?? ''}`}>
                <th scope="row">{itemLabel(t, lang, item, countries)}</th>
                <td>
                  <ReadinessTag status={item.status} />
                </td>
                <td>
                  {item.message}
                  {item.item === 'course' &&
                  item.status !== 'done' &&
                  item.ref &&
                  auth.can('session.list') ? (
                    <>
                      <br />
                      <Link to={`/${lang}/training?courseId=${item.ref}`}>
                        {t('readiness.findSession', { course: String(item.params.course ?? '') })}
                      </Link>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
