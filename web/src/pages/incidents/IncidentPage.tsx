import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError } from '../../lib/api.ts';
import type { Incident } from '../../lib/duty.ts';
import { formatDate, formatDateTime, nameIn } from '../../lib/format.ts';
import { useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { personName } from '../calls/parts.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { IncidentForm } from './IncidentForm.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function IncidentPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('incident.read')) return <NotFoundPage />;
  return <IncidentView id={id} />;
}

function IncidentView({ id }: { id: string }) {
  const { t } = useTranslation('incidents');
  const lang = useLang();
  const auth = useAuth();
  const location = useLocation();
  const [refresh, setRefresh] = useState(0);
  const [editing, setEditing] = useState(false);
  const notice = useSuccessNotice();
  const editHeading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<'form' | 'button' | null>(null);
  useEffect(() => {
    if (focusTarget === 'form') editHeading.current?.focus();
    if (focusTarget === 'button') editButton.current?.focus();
  }, [focusTarget]);
  const incident = useApi<Incident>(`/api/v1/incidents/${id}`, refresh);
  const data = incident.status === 'ready' ? incident.data : null;
  const title = data
    ? t('detail.title', { type: t(`types.${data.type}`), place: data.place })
    : t('detail.titleLoading');
  usePageTitle(title);
  const created = (location.state as { created?: boolean } | null)?.created === true;

  if (
    incident.status === 'error' &&
    incident.error instanceof ApiError &&
    incident.error.status === 404
  ) {
    return <NotFoundPage />;
  }
  const back = auth.can('incident.create') ? (
    <p className="back-link">
      <Link to={`/${lang}/incidents`}>{t('detail.backToList')}</Link>
    </p>
  ) : null;
  if (!data) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        {incident.status === 'error' ? <LoadError error={incident.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const rows: Array<[string, string]> = [
    [t('fields.mission'), `${data.mission.acronym} – ${nameIn(lang, data.mission)}`],
    [t('fields.type'), t(`types.${data.type}`)],
    [t('fields.severity'), t(`severities.${data.severity}`)],
    [t('fields.occurredOn'), formatDate(lang, data.occurredOn)],
    [t('fields.place'), data.place],
    [t('fields.status'), t(`statuses.${data.status}`)],
    ...(data.closedAt
      ? ([[t('fields.closedAt'), formatDateTime(lang, data.closedAt)]] as Array<[string, string]>)
      : []),
    ...(data.reportedByName
      ? ([[t('fields.reportedBy'), data.reportedByName]] as Array<[string, string]>)
      : []),
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
      <p>{t('confidential')}</p>
      {editing ? (
        <section aria-labelledby="edit-incident">
          <h2 id="edit-incident" tabIndex={-1} ref={editHeading}>
            {t('detail.editHeading')}
          </h2>
          <IncidentForm
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
          <section aria-labelledby="incident-details">
            <h2 id="incident-details">{t('detail.detailsHeading')}</h2>
            <dl className="details-list">
              {rows.map(([term, value]) => (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="incident-officers">
            <h2 id="incident-officers">{t('fields.officers')}</h2>
            {data.officers.length === 0 ? (
              <p>{t('detail.noOfficers')}</p>
            ) : (
              <ul>
                {data.officers.map((o) => (
                  <li key={o.id}>{personName(o)}</li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="incident-narrative">
            <h2 id="incident-narrative">{t('fields.narrative')}</h2>
            <p className="prewrap">{data.narrative}</p>
          </section>
          <section aria-labelledby="incident-actions">
            <h2 id="incident-actions">{t('fields.actions')}</h2>
            <p className="prewrap">{data.actions || t('detail.nothingRecorded')}</p>
          </section>
          {auth.can('incident.update') ? (
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
