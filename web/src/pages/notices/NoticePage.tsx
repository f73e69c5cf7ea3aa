import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError } from '../../lib/api.ts';
import { inLang, type Notice } from '../../lib/duty.ts';
import { formatDateTime, formatNumber, nameIn } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { personName } from '../calls/parts.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function NoticePage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('notice.read')) return <NotFoundPage />;
  return <NoticeView id={id} />;
}

function NoticeView({ id }: { id: string }) {
  const { t } = useTranslation('notices');
  const lang = useLang();
  const location = useLocation();
  const notice = useApi<Notice>(`/api/v1/notices/${id}`);
  const data = notice.status === 'ready' ? notice.data : null;
  const title = data ? inLang(lang, data).title : t('detail.titleLoading');
  usePageTitle(title);
  const created = (location.state as { created?: boolean } | null)?.created === true;

  if (notice.status === 'error' && notice.error instanceof ApiError && notice.error.status === 404)
    return <NotFoundPage />;
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/notices`}>{t('detail.backToList')}</Link>
    </p>
  );
  if (!data) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        {notice.status === 'error' ? <LoadError error={notice.error} /> : <Loading />}
        {back}
      </>
    );
  }

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('detail.kicker')}</span>
        {title}
      </PageHeading>
      <SuccessNotice message={created ? t('detail.created') : null} />
      <dl className="details-list">
        <div>
          <dt>{t('fields.audience')}</dt>
          <dd>
            {data.mission
              ? `${data.mission.acronym} – ${nameIn(lang, data.mission)}`
              : t('audienceAll')}
          </dd>
        </div>
        <div>
          <dt>{t('fields.sentAt')}</dt>
          <dd>{formatDateTime(lang, data.sentAt)}</dd>
        </div>
        <div>
          <dt>{t('fields.author')}</dt>
          <dd>{data.authorName ?? t('common:none')}</dd>
        </div>
      </dl>
      <section aria-labelledby="notice-text">
        <h2 id="notice-text">{t('detail.textHeading')}</h2>
        <div className="form-grid">
          <div lang="en">
            <h3>{t('english')}</h3>
            <p>
              <strong>{data.titleEn}</strong>
            </p>
            <p className="prewrap">{data.bodyEn}</p>
          </div>
          <div lang="fr">
            <h3>{t('french')}</h3>
            <p>
              <strong>{data.titleFr}</strong>
            </p>
            <p className="prewrap">{data.bodyFr}</p>
          </div>
        </div>
      </section>
      <section aria-labelledby="notice-recipients">
        <h2 id="notice-recipients">{t('detail.recipientsHeading')}</h2>
        <p>
          {t('detail.summary', {
            acknowledged: formatNumber(lang, data.acknowledged),
            recipients: formatNumber(lang, data.recipients),
          })}
        </p>
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('detail.recipientsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('detail.officer')}</th>
                <th scope="col">{t('fields.audience')}</th>
                <th scope="col">{t('fields.acknowledged')}</th>
              </tr>
            </thead>
            <tbody>
              {data.recipientList.map((r) => (
                <tr key={r.officerId}>
                  <th scope="row">{personName(r)}</th>
                  <td>{r.mission.acronym}</td>
                  <td>
                    {r.acknowledgedAt ? formatDateTime(lang, r.acknowledgedAt) : t('detail.notYet')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {back}
    </>
  );
}
