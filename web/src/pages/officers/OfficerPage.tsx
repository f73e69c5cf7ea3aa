import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError, type Officer, type Rank } from '../../lib/api.ts';
import { nameIn } from '../../lib/format.ts';
import { useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { useCodeList } from '../../lib/reference.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { PersonalDataSection } from '../privacy/PersonalDataSection.tsx';
import { ContactSection } from './ContactSection.tsx';
import { OfficerForm } from './OfficerForm.tsx';
import { PriorMissionsSection } from './PriorMissionsSection.tsx';
import { QualificationsSection } from './QualificationsSection.tsx';
import {
  DetailsList,
  identityRows,
  officerName,
  useAgencies,
  useOwnAgencyId,
  uuid,
} from './parts.tsx';

export function OfficerPage() {
  const { id = '' } = useParams();
  if (!uuid.test(id)) return <NotFoundPage />;
  return <OfficerView id={id} />;
}

/** An officer's record: identity and service, contact, qualifications, prior missions. */
function OfficerView({ id }: { id: string }) {
  const { t } = useTranslation('people');
  const lang = useLang();
  const auth = useAuth();
  const location = useLocation();
  const [refresh, setRefresh] = useState(0);
  const reload = () => setRefresh((n) => n + 1);
  const officer = useApi<Officer>(`/api/v1/officers/${id}`, refresh);
  const data = officer.status === 'ready' ? officer.data : null;
  usePageTitle(data ? officerName(data) : t('detail.titleLoading'));
  const created = (location.state as { created?: string } | null)?.created;

  if (
    officer.status === 'error' &&
    officer.error instanceof ApiError &&
    officer.error.status === 404
  ) {
    return <NotFoundPage />;
  }
  const back = auth.can('officer.list') ? (
    <p className="back-link">
      <Link to={`/${lang}/officers`}>{t('detail.backToList')}</Link>
    </p>
  ) : null;
  if (!data) {
    return (
      <>
        <PageHeading>{t('detail.titleLoading')}</PageHeading>
        {officer.status === 'error' ? <LoadError error={officer.error} /> : <Loading />}
        {back}
      </>
    );
  }

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('detail.kicker')}</span>
        {officerName(data)}
      </PageHeading>
      <SuccessNotice message={created ? t('detail.created', { name: created }) : null} />
      <ServiceSection officer={data} onChanged={reload} />
      <ContactSection officer={data} onChanged={reload} />
      <QualificationsSection officer={data} onChanged={reload} />
      <PriorMissionsSection officer={data} onChanged={reload} />
      {auth.can('personalData.export') ? <PersonalDataSection officerId={data.id} /> : null}
      {auth.can('training.read') ? (
        <section aria-labelledby="officer-training">
          <h2 id="officer-training">{t('detail.trainingHeading')}</h2>
          <p>
            <Link to={`/${lang}/officers/${data.id}/training`}>{t('detail.trainingLink')}</Link>
          </p>
        </section>
      ) : null}
      {back}
    </>
  );
}

/** Identity and service data, and the form that corrects them. */
export function ServiceSection({
  officer,
  onChanged,
  self = false,
}: {
  officer: Officer;
  onChanged(): void;
  self?: boolean;
}) {
  const { t } = useTranslation('people');
  const lang = useLang();
  const auth = useAuth();
  const ownAgency = useOwnAgencyId();
  const agencies = useAgencies();
  const ranks = useCodeList<Rank>('ranks', false);
  const notice = useSuccessNotice();
  const [editing, setEditing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<'form' | 'button' | null>(null);
  useEffect(() => {
    if (focusTarget === 'form') heading.current?.focus();
    if (focusTarget === 'button') button.current?.focus();
  }, [focusTarget]);

  const agency = agencies.byId(officer.agencyId);
  const agencyName = agency ? nameIn(lang, agency) : '…';
  // The agency's page: program staff reach every agency, others their own.
  const agencyLink =
    agency && auth.can('agency.read') && (!ownAgency || ownAgency === agency.id) ? (
      <Link to={`/${lang}/agencies/${agency.id}`}>{agencyName}</Link>
    ) : (
      agencyName
    );

  return (
    <section aria-labelledby="officer-service">
      <h2 id="officer-service">{t('detail.serviceHeading')}</h2>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {editing ? (
        <div className="form-panel">
          <h3 id="service-form-heading" tabIndex={-1} ref={heading}>
            {t('detail.editHeading')}
          </h3>
          <OfficerForm
            existing={officer}
            onSaved={() => {
              setEditing(false);
              setFocusTarget(null);
              notice.show(t('detail.saved'));
              onChanged();
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
        </div>
      ) : (
        <>
          <DetailsList
            rows={identityRows(t, lang, officer, agencyLink, ranks.name(officer.rankCode))}
          />
          {auth.can('officer.update') ? (
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
                {t('detail.edit')}
              </button>
            </p>
          ) : self ? (
            <p className="help">{t('profile.serviceHelp')}</p>
          ) : null}
        </>
      )}
    </section>
  );
}
