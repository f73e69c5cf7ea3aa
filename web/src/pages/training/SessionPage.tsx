import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError } from '../../lib/api.ts';
import { uuid } from '../../lib/calls.ts';
import { formatDate, formatNumber, nameIn } from '../../lib/format.ts';
import { useFocusLater, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import {
  activeEnrolment,
  awaitingResult,
  withdrawableEnrolment,
  type Course,
  type SessionDetail,
  type SessionEnrolment,
} from '../../lib/training.ts';
import { Facts, personName, useRole } from '../calls/parts.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies } from '../officers/parts.tsx';
import { datesText, EnrolmentStatusTag, seatsText, SessionPlace } from './parts.tsx';
import {
  EnrolOfficerForm,
  EnrolSelfButton,
  ResultForm,
  WithdrawConfirm,
} from './SessionActions.tsx';

export function SessionPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('session.read')) return <NotFoundPage />;
  return <SessionView id={id} />;
}

/** A session: its details and enrolments; enrolling, withdrawing, and recording results. */
function SessionView({ id }: { id: string }) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const auth = useAuth();
  const role = useRole();
  const location = useLocation();
  const [refresh, setRefresh] = useState(0);
  const session = useApi<SessionDetail>(`/api/v1/sessions/${id}`, refresh);
  const data = session.status === 'ready' ? session.data : null;
  const notice = useSuccessNotice();
  const title = data
    ? t('session.title', {
        course: nameIn(lang, data.course),
        start: formatDate(lang, data.startsOn),
      })
    : t('session.titleLoading');
  usePageTitle(title);
  const scheduled = (location.state as { scheduled?: boolean } | null)?.scheduled;

  if (
    session.status === 'error' &&
    session.error instanceof ApiError &&
    session.error.status === 404
  )
    return <NotFoundPage />;
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/training`}>{t('session.backToCatalogue')}</Link>
    </p>
  );
  if (!data) {
    return (
      <>
        <PageHeading>{t('session.titleLoading')}</PageHeading>
        {session.status === 'error' ? <LoadError error={session.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const changed = (message: string) => {
    notice.show(message);
    setRefresh((n) => n + 1);
  };
  const open = data.status === 'scheduled';
  const facts: Array<[string, ReactNode]> = [
    [
      t('session.course'),
      <>
        <span className="code">{data.course.code}</span> – {nameIn(lang, data.course)}
      </>,
    ],
    [t('session.dates'), datesText(t, lang, data.startsOn, data.endsOn)],
    [
      t('session.place'),
      <SessionPlace key="place" place={data.place} virtualLink={data.virtualLink} />,
    ],
    [t('session.language'), t(`languages.${data.language}`)],
    [t('session.seats'), seatsText(t, lang, data.seatsTaken, data.capacity)],
    [
      t('session.waiting'),
      data.waiting === 0
        ? t('session.nobodyWaiting')
        : t('session.waitingCount', { count: data.waiting, n: formatNumber(lang, data.waiting) }),
    ],
  ];
  if (!open) facts.push([t('session.status'), t(`sessionStatuses.${data.status}`)]);
  const isOfficer = role === 'officer';
  const showList =
    !isOfficer &&
    (data.enrolments.length > 0 || auth.can('enrolment.create') || auth.can('enrolment.result'));

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('session.kicker')}</span>
        {title}
      </PageHeading>
      <SuccessNotice
        message={notice.message ?? (scheduled ? t('session.scheduled') : null)}
        focusKey={notice.shown}
      />
      <section aria-labelledby="session-facts">
        <h2 id="session-facts">{t('session.factsHeading')}</h2>
        <Facts rows={facts} />
      </section>
      {isOfficer && auth.can('enrolment.create') ? (
        <OwnEnrolment session={data} onDone={changed} />
      ) : null}
      {showList ? (
        <EnrolmentsSection
          session={data}
          agencyScoped={role === 'agency_coordinator'}
          onDone={changed}
        />
      ) : null}
      {!isOfficer && auth.can('enrolment.create') && open ? (
        <section aria-labelledby="session-enrol">
          <h2 id="session-enrol">{t('enrol.heading')}</h2>
          <p>{role === 'agency_coordinator' ? t('enrol.introAgency') : t('enrol.intro')}</p>
          <EnrolOfficerForm key={refresh} session={data} onDone={changed} />
        </section>
      ) : null}
      {back}
    </>
  );
}

/** The officer's own place in the session, or the button to enrol. */
function OwnEnrolment({
  session,
  onDone,
}: {
  session: SessionDetail;
  onDone(message: string): void;
}) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const auth = useAuth();
  const own = session.enrolments.find((e) => activeEnrolment(e.status));
  const [withdrawing, setWithdrawing] = useState(false);
  const focusLater = useFocusLater();
  const panelHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (withdrawing) panelHeading.current?.focus();
  }, [withdrawing]);

  return (
    <section aria-labelledby="session-own">
      <h2 id="session-own">{t('own.heading')}</h2>
      {own ? (
        <>
          <Facts
            rows={[
              [t('own.status'), <EnrolmentStatusTag key="status" status={own.status} />],
              ...(own.waitlistPosition !== null
                ? [
                    [t('own.position'), formatNumber(lang, own.waitlistPosition)] as [
                      string,
                      ReactNode,
                    ],
                  ]
                : []),
              ...(own.grade !== null
                ? [
                    [t('own.grade'), t('percent', { value: formatNumber(lang, own.grade) })] as [
                      string,
                      ReactNode,
                    ],
                  ]
                : []),
            ]}
          />
          {own.status === 'waitlisted' ? <p>{t('own.waitingHelp')}</p> : null}
          {auth.can('enrolment.withdraw') && withdrawableEnrolment(own.status) ? (
            withdrawing ? (
              <div className="form-panel">
                <h3 id="own-withdraw" tabIndex={-1} ref={panelHeading}>
                  {t('withdraw.headingOwn')}
                </h3>
                <WithdrawConfirm
                  enrolment={own}
                  own
                  onDone={(message) => {
                    setWithdrawing(false);
                    onDone(message);
                  }}
                  onCancel={() => {
                    focusLater('withdraw-own');
                    setWithdrawing(false);
                  }}
                />
              </div>
            ) : (
              <div className="button-row">
                <button
                  type="button"
                  id="withdraw-own"
                  className="button button--secondary"
                  onClick={() => setWithdrawing(true)}
                >
                  {t('withdraw.own')}
                </button>
              </div>
            )
          ) : null}
        </>
      ) : session.status === 'scheduled' ? (
        <>
          <p>
            {session.enrolments.length > 0 ? t('own.withdrawnBefore') : null}{' '}
            {t('own.intro', {
              count: Math.max(0, session.capacity - session.seatsTaken),
              seats: formatNumber(lang, Math.max(0, session.capacity - session.seatsTaken)),
            })}
          </p>
          <EnrolSelfButton session={session} onDone={onDone} />
        </>
      ) : (
        <p>{t('own.closed')}</p>
      )}
      {auth.can('training.read') ? (
        <p>
          <Link to={`/${lang}/my-training`}>{t('own.toRecord')}</Link>
        </p>
      ) : null}
    </section>
  );
}

type Panel = { mode: 'result' | 'withdraw'; enrolment: SessionEnrolment };

/** The enrolments the caller may see; withdrawing and recording results, for those who may. */
function EnrolmentsSection({
  session,
  agencyScoped,
  onDone,
}: {
  session: SessionDetail;
  agencyScoped: boolean;
  onDone(message: string): void;
}) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const auth = useAuth();
  const agencies = useAgencies();
  const canResult = auth.can('enrolment.result');
  const canWithdraw = auth.can('enrolment.withdraw');
  const courses = useApi<Course[]>(canResult ? '/api/v1/courses' : null);
  const course =
    courses.status === 'ready' ? courses.data.find((c) => c.id === session.course.id) : undefined;
  const [panel, setPanel] = useState<Panel | null>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const [focusPanel, setFocusPanel] = useState(0);
  useEffect(() => {
    if (focusPanel > 0) panelHeading.current?.focus();
  }, [focusPanel]);
  const [returnFocus, setReturnFocus] = useState<string | null>(null);
  useEffect(() => {
    if (returnFocus) document.getElementById(returnFocus)?.focus();
  }, [returnFocus]);

  const rows = session.enrolments;
  const actionsFor = (e: SessionEnrolment) => ({
    result: canResult && awaitingResult(e.status),
    withdraw: canWithdraw && withdrawableEnrolment(e.status),
  });
  const withActions = rows.some((e) => {
    const a = actionsFor(e);
    return a.result || a.withdraw;
  });
  const openPanel = (next: Panel) => {
    setPanel(next);
    setReturnFocus(null);
    setFocusPanel((n) => n + 1);
  };
  const close = (focusId: string) => {
    setPanel(null);
    setReturnFocus(focusId);
  };
  const done = (message: string) => {
    setPanel(null);
    setReturnFocus(null);
    onDone(message);
  };

  return (
    <section aria-labelledby="session-enrolments">
      <h2 id="session-enrolments">
        {agencyScoped ? t('enrolments.headingAgency') : t('enrolments.heading')}
      </h2>
      {rows.length === 0 ? (
        <p>{agencyScoped ? t('enrolments.noneAgency') : t('enrolments.none')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>
              {agencyScoped ? t('enrolments.captionAgency') : t('enrolments.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('enrolments.columns.officer')}</th>
                <th scope="col">{t('enrolments.columns.agency')}</th>
                <th scope="col">{t('enrolments.columns.status')}</th>
                <th scope="col" className="numeric">
                  {t('enrolments.columns.position')}
                </th>
                <th scope="col" className="numeric">
                  {t('enrolments.columns.grade')}
                </th>
                {withActions ? <th scope="col">{t('enrolments.columns.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const name = personName(e.officer);
                const actions = actionsFor(e);
                return (
                  <tr key={e.id}>
                    <th scope="row">
                      {auth.can('training.read') ? (
                        <Link to={`/${lang}/officers/${e.officer.id}/training`}>{name}</Link>
                      ) : (
                        name
                      )}
                    </th>
                    <td>{agencies.name(e.officer.agencyId, '…')}</td>
                    <td>
                      <EnrolmentStatusTag status={e.status} />
                    </td>
                    <td className="numeric">
                      {e.waitlistPosition === null ? '—' : formatNumber(lang, e.waitlistPosition)}
                    </td>
                    <td className="numeric">
                      {e.grade === null
                        ? '—'
                        : t('percent', { value: formatNumber(lang, e.grade) })}
                    </td>
                    {withActions ? (
                      <td>
                        <div className="row-actions">
                          {actions.result ? (
                            <button
                              type="button"
                              id={`result-${e.id}`}
                              className="button button--secondary button--small"
                              onClick={() => openPanel({ mode: 'result', enrolment: e })}
                            >
                              {t('enrolments.recordResult')}
                              <span className="visually-hidden"> {name}</span>
                            </button>
                          ) : null}
                          {actions.withdraw ? (
                            <button
                              type="button"
                              id={`withdraw-${e.id}`}
                              className="button button--secondary button--small"
                              onClick={() => openPanel({ mode: 'withdraw', enrolment: e })}
                            >
                              {t('enrolments.withdraw')}
                              <span className="visually-hidden"> {name}</span>
                            </button>
                          ) : null}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {panel ? (
        <div className="form-panel">
          <h3 id="enrolment-panel" tabIndex={-1} ref={panelHeading}>
            {panel.mode === 'result'
              ? t('result.heading', { name: personName(panel.enrolment.officer) })
              : t('withdraw.heading', { name: personName(panel.enrolment.officer) })}
          </h3>
          {panel.mode === 'withdraw' ? (
            <WithdrawConfirm
              enrolment={panel.enrolment}
              own={false}
              onDone={done}
              onCancel={() => close(`withdraw-${panel.enrolment.id}`)}
            />
          ) : courses.status === 'error' ? (
            <LoadError error={courses.error} />
          ) : !course ? (
            <Loading />
          ) : (
            <>
              <p>
                {course.passMark === null
                  ? t('result.introNoMark')
                  : t('result.intro', { passMark: formatNumber(lang, course.passMark) })}
              </p>
              <ResultForm
                key={panel.enrolment.id}
                enrolment={panel.enrolment}
                passMark={course.passMark}
                onDone={done}
                onCancel={() => close(`result-${panel.enrolment.id}`)}
              />
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
