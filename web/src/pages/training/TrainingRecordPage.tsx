import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ApiError, type Officer } from '../../lib/api.ts';
import { uuid } from '../../lib/calls.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { certificateState, splitByDate, type TrainingRecord } from '../../lib/training.ts';
import { personName } from '../calls/parts.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { courseLabel, datesText, EnrolmentStatusTag, SessionPlace } from './parts.tsx';

/** The signed-in officer's own training: their sessions and certificates. */
export function MyTrainingPage() {
  const auth = useAuth();
  if (!auth.can('officer.self') || !auth.can('training.read')) return <NotFoundPage />;
  return <MyTraining />;
}

function MyTraining() {
  const { t } = useTranslation('training');
  const lang = useLang();
  usePageTitle(t('record.titleOwn'));
  const officer = useApi<Officer>('/api/v1/me/officer');
  const noRecord =
    officer.status === 'error' && officer.error instanceof ApiError && officer.error.status === 404;
  return (
    <>
      <PageHeading>{t('record.titleOwn')}</PageHeading>
      <p className="lead">{t('record.introOwn')}</p>
      {noRecord ? (
        <div className="notice">
          <p>{t('record.noOfficer')}</p>
        </div>
      ) : officer.status === 'error' ? (
        <LoadError error={officer.error} />
      ) : null}
      {officer.status === 'loading' ? <Loading /> : null}
      {officer.status === 'ready' ? <RecordSections officerId={officer.data.id} own /> : null}
      <p className="back-link">
        <Link to={`/${lang}/training`}>{t('record.toCatalogue')}</Link>
      </p>
    </>
  );
}

/** An officer's training record, for their coordinator and program staff. */
export function OfficerTrainingPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('training.read')) return <NotFoundPage />;
  return <OfficerTraining id={id} />;
}

function OfficerTraining({ id }: { id: string }) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const auth = useAuth();
  const officer = useApi<Officer>(`/api/v1/officers/${id}`);
  const name = officer.status === 'ready' ? personName(officer.data) : null;
  const title = name ? t('record.title', { name }) : t('record.titleLoading');
  usePageTitle(title);
  if (
    officer.status === 'error' &&
    officer.error instanceof ApiError &&
    officer.error.status === 404
  )
    return <NotFoundPage />;
  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('record.kicker')}</span>
        {title}
      </PageHeading>
      {officer.status === 'error' ? <LoadError error={officer.error} /> : null}
      {officer.status === 'loading' ? <Loading /> : null}
      {officer.status === 'ready' ? <RecordSections officerId={id} own={false} /> : null}
      {auth.can('officer.read') ? (
        <p className="back-link">
          <Link to={`/${lang}/officers/${id}`}>{t('record.toOfficer', { name: name ?? '' })}</Link>
        </p>
      ) : null}
    </>
  );
}

function RecordSections({ officerId, own }: { officerId: string; own: boolean }) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const record = useApi<TrainingRecord>(`/api/v1/officers/${officerId}/training`);
  if (record.status === 'error') return <LoadError error={record.error} />;
  if (record.status === 'loading') return <Loading />;
  const { upcoming, past } = splitByDate(record.data.enrolments);
  return (
    <>
      <SessionsTable
        id="record-upcoming"
        heading={t('record.upcomingHeading')}
        caption={own ? t('record.upcomingCaptionOwn') : t('record.upcomingCaption')}
        empty={own ? t('record.noUpcomingOwn') : t('record.noUpcoming')}
        rows={upcoming}
      />
      <SessionsTable
        id="record-past"
        heading={t('record.pastHeading')}
        caption={own ? t('record.pastCaptionOwn') : t('record.pastCaption')}
        empty={t('record.noPast')}
        rows={past}
      />
      <section aria-labelledby="record-certificates">
        <h2 id="record-certificates">{t('record.certificatesHeading')}</h2>
        {record.data.certificates.length === 0 ? (
          <p>{own ? t('record.noCertificatesOwn') : t('record.noCertificates')}</p>
        ) : (
          <div className="table-wrapper">
            <table className="data-table">
              <caption>
                {own ? t('record.certificatesCaptionOwn') : t('record.certificatesCaption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('record.columns.course')}</th>
                  <th scope="col">{t('record.columns.issuedOn')}</th>
                  <th scope="col">{t('record.columns.expiresOn')}</th>
                  <th scope="col">{t('record.columns.validity')}</th>
                </tr>
              </thead>
              <tbody>
                {record.data.certificates.map((c) => {
                  const state = certificateState(c.expiresOn);
                  return (
                    <tr key={c.id}>
                      <th scope="row">{courseLabel(lang, c.course)}</th>
                      <td className="nowrap">{formatDate(lang, c.issuedOn)}</td>
                      <td className="nowrap">
                        {c.expiresOn ? formatDate(lang, c.expiresOn) : t('record.noExpiry')}
                      </td>
                      <td>
                        <span
                          className={
                            state === 'expired'
                              ? 'tag tag--expired'
                              : state === 'valid'
                                ? 'tag tag--valid'
                                : 'tag tag--no-expiry'
                          }
                        >
                          {state === 'expired' ? (
                            <span className="tag__mark" aria-hidden="true">
                              !{' '}
                            </span>
                          ) : null}
                          {t(`certificateStates.${state}`)}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function SessionsTable({
  id,
  heading,
  caption,
  empty,
  rows,
}: {
  id: string;
  heading: string;
  caption: string;
  empty: string;
  rows: TrainingRecord['enrolments'];
}) {
  const { t } = useTranslation('training');
  const lang = useLang();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('record.columns.course')}</th>
                <th scope="col">{t('record.columns.dates')}</th>
                <th scope="col">{t('record.columns.place')}</th>
                <th scope="col">{t('record.columns.language')}</th>
                <th scope="col">{t('record.columns.status')}</th>
                <th scope="col" className="numeric">
                  {t('record.columns.grade')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{courseLabel(lang, e.course)}</th>
                  <td>
                    <Link to={`/${lang}/training/sessions/${e.session.id}`}>
                      {datesText(t, lang, e.session.startsOn, e.session.endsOn)}
                    </Link>
                  </td>
                  <td>
                    <SessionPlace place={e.session.place} virtualLink={e.session.virtualLink} />
                  </td>
                  <td>{t(`languages.${e.session.language}`)}</td>
                  <td>
                    <EnrolmentStatusTag status={e.status} />
                    {e.status === 'waitlisted' && e.waitlistPosition !== null ? (
                      <>
                        <br />
                        <span className="secondary">
                          {t('record.position', {
                            position: formatNumber(lang, e.waitlistPosition),
                          })}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td className="numeric">
                    {e.grade === null ? '—' : t('percent', { value: formatNumber(lang, e.grade) })}
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
