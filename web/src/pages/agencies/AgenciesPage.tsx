import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import type { Agency } from '../../lib/api.ts';
import { byName, formatNumber, nameIn } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';

export function AgenciesPage() {
  const { t } = useTranslation('reference');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('agencies.title'));
  // Program staff reach every agency's page; a coordinator or an officer, their own agency's.
  const ownAgency = auth.state.status === 'signedIn' ? auth.state.me.user.agencyId : null;
  const reachable = (id: string) => auth.can('agency.read') && (!ownAgency || ownAgency === id);
  const agencies = useApi<Agency[]>('/api/v1/agencies');
  const sorted = useMemo(
    () => (agencies.status === 'ready' ? [...agencies.data].sort(byName<Agency>(lang)) : []),
    [agencies, lang],
  );

  return (
    <>
      <PageHeading>{t('agencies.title')}</PageHeading>
      <p className="lead">{t('agencies.intro')}</p>
      {agencies.status === 'loading' ? <Loading /> : null}
      {agencies.status === 'error' ? <LoadError error={agencies.error} /> : null}
      {agencies.status === 'ready' && sorted.length === 0 ? <p>{t('agencies.empty')}</p> : null}
      {sorted.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('agencies.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agencies.columns.name')}</th>
                <th scope="col">{t('agencies.columns.code')}</th>
                <th scope="col">{t('agencies.columns.type')}</th>
                <th scope="col">{t('agencies.columns.province')}</th>
                <th scope="col">{t('agencies.columns.agreement')}</th>
                <th scope="col" className="numeric">
                  {t('agencies.columns.officers')}
                </th>
                <th scope="col">{t('agencies.columns.contact')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((agency) => (
                <tr key={agency.id}>
                  <th scope="row">
                    {reachable(agency.id) ? (
                      <Link to={`/${lang}/agencies/${agency.id}`}>{nameIn(lang, agency)}</Link>
                    ) : (
                      nameIn(lang, agency)
                    )}
                  </th>
                  <td className="code">{agency.code}</td>
                  <td>{t(`agencyTypes.${agency.type}`)}</td>
                  <td>
                    {agency.province
                      ? t(`provinces.${agency.province}`, { defaultValue: agency.province })
                      : '—'}
                  </td>
                  <td>{t(`agreementStatuses.${agency.agreementStatus}`)}</td>
                  <td className="numeric">{formatNumber(lang, agency.officers)}</td>
                  <td>
                    {agency.contactName || agency.contactEmail || agency.contactPhone ? (
                      <>
                        {agency.contactName ? (
                          <>
                            {agency.contactName}
                            <br />
                          </>
                        ) : null}
                        {agency.contactEmail ? (
                          <>
                            <a href={`mailto:${agency.contactEmail}`}>{agency.contactEmail}</a>
                            <br />
                          </>
                        ) : null}
                        {agency.contactPhone ? (
                          <span className="nowrap">{agency.contactPhone}</span>
                        ) : null}
                      </>
                    ) : (
                      t('common:none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
