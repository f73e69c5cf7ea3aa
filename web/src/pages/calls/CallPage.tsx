import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError, api, type Page } from '../../lib/api.ts';
import {
  dateOfTimestamp,
  screenable,
  takesApplications,
  uuid,
  type ApplicationSummary,
  type CallDetail,
  type ScreeningSummary,
} from '../../lib/calls.ts';
import { formatDate, formatNumber, nameIn } from '../../lib/format.ts';
import { useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies } from '../officers/parts.tsx';
import { ApplyForm } from './ApplyForm.tsx';
import {
  ApplicationStatusTag,
  CallStatusTag,
  errorText,
  Facts,
  missionLabel,
  personName,
  useRole,
} from './parts.tsx';

export function CallPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('call.read')) return <NotFoundPage />;
  return <CallView id={id} />;
}

/** A call: its terms, its posts and agencies; applying, nominating, or running it. */
function CallView({ id }: { id: string }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const auth = useAuth();
  const role = useRole();
  const location = useLocation();
  const [refresh, setRefresh] = useState(0);
  const call = useApi<CallDetail>(`/api/v1/calls/${id}`, refresh);
  const data = call.status === 'ready' ? call.data : null;
  usePageTitle(data ? t('detail.title', { number: data.number }) : t('detail.titleLoading'));
  const opened = (location.state as { opened?: string } | null)?.opened;

  if (call.status === 'error' && call.error instanceof ApiError && call.error.status === 404)
    return <NotFoundPage />;
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/calls`}>{t('detail.backToList')}</Link>
    </p>
  );
  if (!data) {
    return (
      <>
        <PageHeading>{t('detail.titleLoading')}</PageHeading>
        {call.status === 'error' ? <LoadError error={call.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const canApply = auth.can('application.create');
  const facts: Array<[string, ReactNode]> = [
    [
      t('detail.mission'),
      auth.can('mission.read') ? (
        <Link to={`/${lang}/missions/${data.mission.id}`}>{missionLabel(lang, data.mission)}</Link>
      ) : (
        missionLabel(lang, data.mission)
      ),
    ],
    [t('detail.status'), <CallStatusTag key="status" status={data.status} />],
    [t('detail.closesOn'), formatDate(lang, data.closesOn)],
    [t('detail.audience'), t(`audiences.${data.audience}`)],
    [t('detail.floor'), t('percent', { value: formatNumber(lang, data.womenFloorPercent) })],
    [t('detail.applications'), formatNumber(lang, data.applications)],
  ];
  if (data.notes) facts.push([t('detail.notes'), <span className="prewrap">{data.notes}</span>]);

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('detail.kicker')}</span>
        {t('detail.title', { number: data.number })}
      </PageHeading>
      <SuccessNotice message={opened ? t('detail.opened', { number: opened }) : null} />
      <section aria-labelledby="call-terms">
        <h2 id="call-terms">{t('detail.termsHeading')}</h2>
        <Facts rows={facts} />
      </section>
      <PostsSection call={data} />
      <AgenciesSection call={data} />
      {role === 'officer' && canApply ? <OwnApplication call={data} /> : null}
      {role === 'agency_coordinator' && canApply ? <NominateSection call={data} /> : null}
      {auth.can('application.list') && role !== 'officer' ? (
        <ApplicationsSection
          call={data}
          agencyScoped={role === 'agency_coordinator'}
          onScreened={() => setRefresh((n) => n + 1)}
        />
      ) : null}
      {back}
    </>
  );
}

function PostsSection({ call }: { call: CallDetail }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  return (
    <section aria-labelledby="call-posts">
      <h2 id="call-posts">{t('detail.postsHeading')}</h2>
      <div className="table-wrapper">
        <table className="data-table">
          <caption>{t('detail.postsCaption', { number: call.number })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('detail.postColumns.reference')}</th>
              <th scope="col">{t('detail.postColumns.type')}</th>
              <th scope="col">{t('detail.postColumns.location')}</th>
              <th scope="col">{t('detail.postColumns.tourStart')}</th>
              <th scope="col">{t('detail.postColumns.tourEnd')}</th>
            </tr>
          </thead>
          <tbody>
            {call.posts.map((p) => (
              <tr key={p.id}>
                <th scope="row" className="nowrap">
                  {p.reference}
                </th>
                <td>
                  {(lang === 'fr' ? p.postTypeNameFr : p.postTypeNameEn) ?? p.postTypeCode}
                  {p.requirements.womenSought ? (
                    <>
                      <br />
                      <span className="secondary">{t('detail.womenSought')}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {p.locationNameEn && p.locationNameFr
                    ? nameIn(lang, { nameEn: p.locationNameEn, nameFr: p.locationNameFr })
                    : t('anyLocation')}
                </td>
                <td className="nowrap">{formatDate(lang, p.tourStart)}</td>
                <td className="nowrap">{formatDate(lang, p.tourEnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AgenciesSection({ call }: { call: CallDetail }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  return (
    <section aria-labelledby="call-agencies">
      <h2 id="call-agencies">{t('detail.agenciesHeading')}</h2>
      {call.audience === 'all' ? <p>{t('detail.allAgencies')}</p> : null}
      {call.agencies.length === 0 ? (
        <p>{t('detail.noCaps')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table data-table--compact report-table">
            <caption>
              {call.audience === 'all'
                ? t('detail.capsCaption')
                : t('detail.agenciesCaption', { number: call.number })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('detail.agencyColumns.agency')}</th>
                <th scope="col" className="numeric">
                  {t('detail.agencyColumns.cap')}
                </th>
              </tr>
            </thead>
            <tbody>
              {call.agencies.map((a) => (
                <tr key={a.agencyId}>
                  <th scope="row">
                    {nameIn(lang, a)} <span className="secondary">({a.code})</span>
                  </th>
                  <td className="numeric">
                    {a.cap === null ? t('detail.noCap') : formatNumber(lang, a.cap)}
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

/** The officer's own application to this call, or the form to apply. */
function OwnApplication({ call }: { call: CallDetail }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const mine = useApi<Page<ApplicationSummary>>(`/api/v1/applications?callId=${call.id}`);
  const own = mine.status === 'ready' ? mine.data.items[0] : undefined;
  return (
    <section aria-labelledby="call-apply">
      <h2 id="call-apply">{own ? t('apply.appliedHeading') : t('apply.heading')}</h2>
      {mine.status === 'error' ? <LoadError error={mine.error} /> : null}
      {mine.status === 'loading' ? <Loading /> : null}
      {own ? (
        <p>
          {t('apply.applied', { date: formatDate(lang, dateOfTimestamp(own.createdAt)) })}{' '}
          <ApplicationStatusTag status={own.status} />{' '}
          <Link to={`/${lang}/applications/${own.id}`}>{t('apply.seeApplication')}</Link>
        </p>
      ) : mine.status !== 'ready' ? null : takesApplications(call) ? (
        <>
          <p>{t('apply.intro', { closesOn: formatDate(lang, call.closesOn) })}</p>
          <ApplyForm call={call} mode="apply" />
        </>
      ) : (
        <p>{t('apply.closed')}</p>
      )}
    </section>
  );
}

/** A coordinator nominates an officer of their agency. */
function NominateSection({ call }: { call: CallDetail }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  return (
    <section aria-labelledby="call-nominate">
      <h2 id="call-nominate">{t('nominate.heading')}</h2>
      {takesApplications(call) ? (
        <>
          <p>{t('nominate.intro', { closesOn: formatDate(lang, call.closesOn) })}</p>
          <ApplyForm call={call} mode="nominate" />
        </>
      ) : (
        <p>{t('apply.closed')}</p>
      )}
    </section>
  );
}

/** The call's applications (an agency's, for its coordinator); program officers screen them. */
function ApplicationsSection({
  call,
  agencyScoped,
  onScreened,
}: {
  call: CallDetail;
  agencyScoped: boolean;
  onScreened(): void;
}) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const auth = useAuth();
  const agencies = useAgencies();
  const [refresh, setRefresh] = useState(0);
  const list = useApi<Page<ApplicationSummary>>(
    `/api/v1/applications?callId=${call.id}&pageSize=200`,
    refresh,
  );
  const notice = useSuccessNotice();
  const [screening, setScreening] = useState(false);
  const [screenError, setScreenError] = useState<string | null>(null);
  const data = list.status === 'ready' ? list.data : null;

  async function screen() {
    if (screening) return;
    setScreening(true);
    setScreenError(null);
    notice.hide();
    try {
      const summary = await api<ScreeningSummary>(`/api/v1/calls/${call.id}/screening`, {
        method: 'POST',
        lang,
      });
      notice.show(
        t('screen.done', {
          screenedIn: formatNumber(lang, summary.screenedIn),
          screenedOut: formatNumber(lang, summary.screenedOut),
          changed: formatNumber(lang, summary.changed),
        }),
      );
      setRefresh((n) => n + 1);
      onScreened();
    } catch (error) {
      setScreenError(errorText(t, error));
    } finally {
      setScreening(false);
    }
  }

  return (
    <section aria-labelledby="call-applications">
      <h2 id="call-applications">
        {agencyScoped ? t('callApplications.headingAgency') : t('callApplications.heading')}
      </h2>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {screenError ? (
        <div className="notice notice--danger" role="alert">
          <p>{screenError}</p>
        </div>
      ) : null}
      {list.status === 'error' ? <LoadError error={list.error} /> : null}
      {list.status === 'loading' ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('callApplications.none')}</p> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>
              {agencyScoped
                ? t('callApplications.captionAgency', { number: call.number })
                : t('callApplications.caption', { number: call.number })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('callApplications.columns.officer')}</th>
                <th scope="col">{t('callApplications.columns.agency')}</th>
                <th scope="col" className="numeric">
                  {t('callApplications.columns.posts')}
                </th>
                <th scope="col">{t('callApplications.columns.submitted')}</th>
                <th scope="col">{t('callApplications.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/${lang}/applications/${a.id}`}>{personName(a.officer)}</Link>
                    {a.nominated ? (
                      <>
                        <br />
                        <span className="secondary">{t('callApplications.nominated')}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{agencies.name(a.officer.agencyId)}</td>
                  <td className="numeric">{formatNumber(lang, a.posts)}</td>
                  <td className="nowrap">{formatDate(lang, dateOfTimestamp(a.createdAt))}</td>
                  <td>
                    <ApplicationStatusTag status={a.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.total > data.items.length ? (
        <p>
          {t('callApplications.more', {
            shown: formatNumber(lang, data.items.length),
            total: formatNumber(lang, data.total),
          })}
        </p>
      ) : null}
      {auth.can('call.screen') && screenable(call.status) ? (
        <>
          <h3>{t('screen.heading')}</h3>
          <p>{t('screen.intro')}</p>
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={screening}
              onClick={() => void screen()}
            >
              {screening ? t('screen.running') : t('screen.submit')}
            </button>
          </p>
        </>
      ) : null}
      {auth.can('call.select') ? (
        <>
          <h3>{t('detail.selectionHeading')}</h3>
          <p>
            {call.status === 'ratified'
              ? t('detail.selectionRatified')
              : t('detail.selectionIntro')}
          </p>
          {call.status !== 'ratified' && call.status !== 'cancelled' ? (
            <p>
              <Link className="button-link" to={`/${lang}/calls/${call.id}/proposal`}>
                {t('detail.toProposal')}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
