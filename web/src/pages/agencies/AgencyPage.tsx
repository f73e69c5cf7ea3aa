import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import {
  ApiError,
  agreementStatuses,
  api,
  type AgencyDetail,
  type AgreementStatus,
  type ContributionLedger,
} from '../../lib/api.ts';
import { formatNumber, nameIn } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AgencyPage() {
  const { id = '' } = useParams();
  if (!uuid.test(id)) return <NotFoundPage />;
  return <AgencyView id={id} />;
}

/** A partner agency: its agreement, program contact, coordinators and officers on file. */
function AgencyView({ id }: { id: string }) {
  const { t } = useTranslation('reference');
  const lang = useLang();
  const auth = useAuth();
  const [refresh, setRefresh] = useState(0);
  const agency = useApi<AgencyDetail>(`/api/v1/agencies/${id}`, refresh);
  const data = agency.status === 'ready' ? agency.data : null;
  usePageTitle(data ? nameIn(lang, data) : t('agencies.title'));
  const notice = useSuccessNotice();
  const [editing, setEditing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<'form' | 'button' | null>(null);
  useEffect(() => {
    if (focusTarget === 'form') heading.current?.focus();
    if (focusTarget === 'button') button.current?.focus();
  }, [focusTarget]);

  if (agency.status === 'error' && agency.error instanceof ApiError && agency.error.status === 404)
    return <NotFoundPage />;
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/agencies`}>{t('agency.backToList')}</Link>
    </p>
  );
  if (!data) {
    return (
      <>
        <PageHeading>{t('agencies.title')}</PageHeading>
        {agency.status === 'error' ? <LoadError error={agency.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const ownAgency = auth.state.status === 'signedIn' ? auth.state.me.user.agencyId : null;
  // A coordinator's officers list is their agency's already; program staff filter by agency.
  const officersHref = ownAgency
    ? `/${lang}/officers`
    : `/${lang}/officers?agencyId=${encodeURIComponent(data.id)}`;
  const none = t('common:none');
  const details: Array<[string, ReactNode]> = [
    [
      t('agencies.columns.code'),
      <span key="code" className="code">
        {data.code}
      </span>,
    ],
    [t('agency.nameEn'), data.nameEn],
    [t('agency.nameFr'), data.nameFr],
    [t('agencies.columns.type'), t(`agencyTypes.${data.type}`)],
    [
      t('agencies.columns.province'),
      data.province ? t(`provinces.${data.province}`, { defaultValue: data.province }) : '—',
    ],
    [t('agencies.columns.agreement'), t(`agreementStatuses.${data.agreementStatus}`)],
    [
      t('agency.officers'),
      <span key="officers">
        {t('agency.officersCount', {
          count: data.officers,
          total: formatNumber(lang, data.officers),
        })}
        {auth.can('officer.list') && data.officers > 0 ? (
          <>
            {' '}
            <Link to={officersHref}>{t('agency.seeOfficers')}</Link>
          </>
        ) : null}
      </span>,
    ],
  ];
  const contact: Array<[string, ReactNode]> = [
    [t('agency.contactName'), data.contactName ?? none],
    [
      t('agency.contactEmail'),
      data.contactEmail ? (
        <a key="email" href={`mailto:${data.contactEmail}`}>
          {data.contactEmail}
        </a>
      ) : (
        none
      ),
    ],
    [t('agency.contactPhone'), data.contactPhone ?? none],
  ];

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('agency.kicker')}</span>
        {nameIn(lang, data)}
      </PageHeading>
      <section aria-labelledby="agency-details">
        <h2 id="agency-details">{t('agency.detailsHeading')}</h2>
        <dl className="details-list">
          {details.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="agency-contact">
        <h2 id="agency-contact">{t('agency.contactHeading')}</h2>
        <p>{t('agency.contactIntro')}</p>
        <SuccessNotice message={notice.message} focusKey={notice.shown} />
        {editing ? (
          <div className="form-panel">
            <h3 id="agency-form-heading" tabIndex={-1} ref={heading}>
              {auth.can('agency.manage') ? t('agency.editHeading') : t('agency.editContactHeading')}
            </h3>
            <AgencyForm
              agency={data}
              manage={auth.can('agency.manage')}
              onSaved={() => {
                setEditing(false);
                setFocusTarget(null);
                notice.show(t('agency.saved'));
                setRefresh((n) => n + 1);
              }}
              onCancel={() => {
                setEditing(false);
                setFocusTarget('button');
              }}
            />
          </div>
        ) : (
          <>
            <dl className="details-list">
              {contact.map(([term, value]) => (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {auth.can('agency.update') && (!ownAgency || ownAgency === data.id) ? (
              <p>
                <button
                  type="button"
                  className="button button--secondary"
                  ref={button}
                  onClick={() => {
                    notice.hide();
                    setEditing(true);
                    setFocusTarget('form');
                  }}
                >
                  {auth.can('agency.manage') ? t('agency.edit') : t('agency.editContact')}
                </button>
              </p>
            ) : null}
          </>
        )}
      </section>
      <section aria-labelledby="agency-coordinators">
        <h2 id="agency-coordinators">{t('agency.coordinatorsHeading')}</h2>
        {data.coordinators.length === 0 ? (
          <p>{t('agency.noCoordinators')}</p>
        ) : (
          <>
            <p>{t('agency.coordinatorsIntro')}</p>
            <ul>
              {data.coordinators.map((c) => (
                <li key={c.id}>{c.displayName}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <Contributions id={data.id} />
      {back}
    </>
  );
}

/**
 * The agency's contribution ledger: headline counts, then a table by year (newest first), which
 * is the accessible form of the figures; years without tours stay in the table as zeros.
 */
function Contributions({ id }: { id: string }) {
  const { t } = useTranslation('reference');
  const lang = useLang();
  const ledger = useApi<ContributionLedger>(`/api/v1/agencies/${id}/contributions`);
  const n = (value: number) => formatNumber(lang, value);
  return (
    <section aria-labelledby="agency-contributions">
      <h2 id="agency-contributions">{t('contributions.heading')}</h2>
      <p>{t('contributions.intro')}</p>
      {ledger.status === 'error' ? <LoadError error={ledger.error} /> : null}
      {ledger.status === 'loading' ? <Loading /> : null}
      {ledger.status === 'ready' ? (
        ledger.data.tours === 0 ? (
          <p>{t('contributions.none')}</p>
        ) : (
          <>
            <dl className="details-list">
              <div>
                <dt>{t('contributions.deployedNow')}</dt>
                <dd>{n(ledger.data.deployedNow)}</dd>
              </div>
              <div>
                <dt>{t('contributions.deployedEver')}</dt>
                <dd>{n(ledger.data.deployedEver)}</dd>
              </div>
              <div>
                <dt>{t('contributions.tours')}</dt>
                <dd>{n(ledger.data.tours)}</dd>
              </div>
            </dl>
            <div className="table-wrapper">
              <table className="data-table">
                <caption>{t('contributions.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('contributions.year')}</th>
                    <th scope="col" className="numeric">
                      {t('contributions.released')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('contributions.deployed')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('contributions.women')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...ledger.data.byYear].reverse().map((row) => (
                    <tr key={row.year}>
                      <th scope="row">{row.year}</th>
                      <td className="numeric">{n(row.released)}</td>
                      <td className="numeric">{n(row.deployed)}</td>
                      <td className="numeric">{n(row.women)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      ) : null}
    </section>
  );
}

function AgencyForm({
  agency,
  manage,
  onSaved,
  onCancel,
}: {
  agency: AgencyDetail;
  /** Names and agreement status too (program administrators). */
  manage: boolean;
  onSaved(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('reference');
  const lang = useLang();
  const errors = useFormErrors('agency');
  const [nameEn, setNameEn] = useState(agency.nameEn);
  const [nameFr, setNameFr] = useState(agency.nameFr);
  const [agreementStatus, setAgreementStatus] = useState<AgreementStatus>(agency.agreementStatus);
  const [contactName, setContactName] = useState(agency.contactName ?? '');
  const [contactEmail, setContactEmail] = useState(agency.contactEmail ?? '');
  const [contactPhone, setContactPhone] = useState(agency.contactPhone ?? '');
  const [submitting, setSubmitting] = useState(false);
  const labels: Record<string, string> = {
    nameEn: t('agency.nameEn'),
    nameFr: t('agency.nameFr'),
    agreementStatus: t('agencies.columns.agreement'),
    contactName: t('agency.contactName'),
    contactEmail: t('agency.contactEmail'),
    contactPhone: t('agency.contactPhone'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Record<string, string> = {};
    if (manage && !nameEn.trim()) missing.nameEn = t('agency.nameRequired');
    if (manage && !nameFr.trim()) missing.nameFr = t('agency.nameRequired');
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    setSubmitting(true);
    try {
      await api<AgencyDetail>(`/api/v1/agencies/${agency.id}`, {
        method: 'PATCH',
        body: {
          version: agency.version,
          ...(manage ? { nameEn: nameEn.trim(), nameFr: nameFr.trim(), agreementStatus } : {}),
          contactName: contactName.trim() || null,
          contactEmail: contactEmail.trim() || null,
          contactPhone: contactPhone.trim() || null,
        },
        lang,
      });
      errors.clear();
      setSubmitting(false);
      onSaved();
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="agency-form-heading" onSubmit={onSubmit}>
        {manage ? (
          <>
            <TextField
              id={errors.idOf('nameEn')}
              label={labels.nameEn!}
              value={nameEn}
              onChange={setNameEn}
              error={errors.error('nameEn')}
              required
            />
            <TextField
              id={errors.idOf('nameFr')}
              label={labels.nameFr!}
              value={nameFr}
              onChange={setNameFr}
              error={errors.error('nameFr')}
              required
            />
            <RadioGroup
              id={errors.idOf('agreementStatus')}
              legend={labels.agreementStatus!}
              value={agreementStatus}
              onChange={(v) => setAgreementStatus(v as AgreementStatus)}
              options={agreementStatuses.map((s) => ({
                value: s,
                label: t(`agreementStatuses.${s}`),
              }))}
              error={errors.error('agreementStatus')}
              required
            />
          </>
        ) : null}
        <TextField
          id={errors.idOf('contactName')}
          label={labels.contactName!}
          hint={t('agency.contactNameHint')}
          value={contactName}
          onChange={setContactName}
          error={errors.error('contactName')}
          autoComplete="off"
        />
        <div className="form-grid">
          <TextField
            id={errors.idOf('contactEmail')}
            label={labels.contactEmail!}
            type="email"
            value={contactEmail}
            onChange={setContactEmail}
            error={errors.error('contactEmail')}
            autoComplete="off"
          />
          <TextField
            id={errors.idOf('contactPhone')}
            label={labels.contactPhone!}
            value={contactPhone}
            onChange={setContactPhone}
            error={errors.error('contactPhone')}
            autoComplete="off"
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('agency.saving') : t('agency.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
