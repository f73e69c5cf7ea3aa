import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import {
  ApiError,
  api,
  type MissionDetail,
  type MissionRole,
  type Rank,
  type RequestDetail,
} from '../../lib/api.ts';
import { byName, nameIn } from '../../lib/format.ts';
import { useFocusLater, useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { firstError, useCodeList } from '../../lib/reference.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { statusText } from './parts.tsx';
import {
  factsBody,
  FactsFields,
  factsOf,
  lineDraftOf,
  LinesEditor,
  linesBody,
  missingRequester,
  RequesterFields,
  requestFieldLabel,
  type FactsDraft,
  type LineDraft,
  type LineLists,
  type RequesterDraft,
} from './RequestFields.tsx';

const requiredFacts = [
  'noteReference',
  'receivedOn',
  'responseDue',
  'startDate',
  'tourMonths',
] as const satisfies ReadonlyArray<keyof FactsDraft>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request is open to corrections until it is decided or withdrawn. */
export const isOpenRequest = (request: { status: string }) =>
  request.status === 'received' || request.status === 'under_review';

/** /:lang/requests/:id/edit: correct an open request (not its mission). */
export function EditRequestPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('request.update')) return <NotFoundPage />;
  return <EditRequestView id={id} />;
}

function EditRequestView({ id }: { id: string }) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const [refresh, setRefresh] = useState(0);
  const reloaded = useSuccessNotice();
  const request = useApi<RequestDetail>(`/api/v1/requests/${id}`, refresh);
  const data = request.status === 'ready' ? request.data : null;
  const mission = useApi<MissionDetail>(data ? `/api/v1/missions/${data.missionId}` : null);
  const organizations = useCodeList('organizations');
  const countries = useCodeList('countries');
  const postTypes = useCodeList('post-types');
  const roles = useCodeList<MissionRole>('mission-roles');
  const ranks = useCodeList<Rank>('ranks', false);
  const title = data ? t('edit.title', { number: data.number }) : t('edit.titleLoading');
  usePageTitle(title);
  const locations = useMemo(
    () =>
      mission.status === 'ready'
        ? [...mission.data.locations].sort(byName<MissionDetail['locations'][number]>(lang))
        : [],
    [mission, lang],
  );

  if (
    request.status === 'error' &&
    request.error instanceof ApiError &&
    request.error.status === 404
  ) {
    return <NotFoundPage />;
  }
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/requests/${id}`}>{t('edit.backToRequest')}</Link>
    </p>
  );
  const loads = [
    request,
    mission,
    organizations.loaded,
    countries.loaded,
    postTypes.loaded,
    roles.loaded,
    ranks.loaded,
  ];
  const loadError = firstError(...loads);
  if (!data || loadError || loads.some((l) => l.status === 'loading')) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        {loadError ? <LoadError error={loadError} /> : <Loading />}
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
      <SuccessNotice message={reloaded.message} focusKey={reloaded.shown} />
      {isOpenRequest(data) ? (
        <>
          <p className="lead">{t('edit.intro')}</p>
          <dl className="details-list">
            <div>
              <dt>{t('file.mission')}</dt>
              <dd>
                {data.mission.acronym} – {nameIn(lang, data.mission)}
                <br />
                <span className="secondary">{t('edit.missionFixed')}</span>
              </dd>
            </div>
            <div>
              <dt>{t('file.status')}</dt>
              <dd>{statusText(t, data.status, data.outcome)}</dd>
            </div>
          </dl>
          <EditRequestForm
            // A new version (after a reload) starts the form again from it.
            key={data.version}
            request={data}
            locations={locations}
            lists={{ postTypes, roles, ranks }}
            organizations={organizations}
            countries={countries}
            onReload={() => {
              setRefresh((n) => n + 1);
              reloaded.show(t('edit.reloaded'));
            }}
          />
        </>
      ) : (
        <p>{t('edit.closed', { status: statusText(t, data.status, data.outcome) })}</p>
      )}
      {back}
    </>
  );
}

function EditRequestForm({
  request,
  locations,
  lists,
  organizations,
  countries,
  onReload,
}: {
  request: RequestDetail;
  locations: MissionDetail['locations'];
  lists: LineLists;
  organizations: Parameters<typeof RequesterFields>[0]['organizations'];
  countries: Parameters<typeof RequesterFields>[0]['countries'];
  onReload(): void;
}) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const navigate = useNavigate();
  const errors = useFormErrors('request');
  const focusLater = useFocusLater();
  const [requester, setRequester] = useState<RequesterDraft>({
    kind: request.organizationCode || !request.requestingCountryCode ? 'organization' : 'country',
    organizationCode: request.organizationCode ?? '',
    requestingCountryCode: request.requestingCountryCode ?? '',
  });
  const [facts, setFacts] = useState<FactsDraft>(() => factsOf(request));
  const [initialLines] = useState(() => request.lines.map(lineDraftOf));
  const [lines, setLines] = useState<LineDraft[]>(initialLines);
  const [stale, setStale] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // Lines that posts were made from (a request reopened for reconsideration) stay as they are:
  // replacing them would orphan those posts, and the server refuses it.
  const linesLocked = request.lines.some((l) => l.postsCreated > 0);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setStale(false);
    // A field left blank would be left out of the changes (and keep its value): say so instead.
    const missing = missingRequester(t, requester);
    for (const field of requiredFacts)
      if (!facts[field].trim()) missing[field] = t('errors:validation.required');
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    // The lines are sent only when changed: sent, they replace the recorded ones.
    const withLocations = locations.length > 0;
    const newLines = linesBody(lines, withLocations);
    const linesChanged =
      JSON.stringify(newLines) !== JSON.stringify(linesBody(initialLines, withLocations));
    const body = {
      version: request.version,
      ...(requester.kind === 'organization'
        ? { organizationCode: requester.organizationCode, requestingCountryCode: null }
        : { organizationCode: null, requestingCountryCode: requester.requestingCountryCode }),
      ...factsBody(facts),
      ...(linesChanged ? { lines: newLines } : {}),
    };
    setSubmitting(true);
    try {
      await api<unknown>(`/api/v1/requests/${request.id}`, { method: 'PATCH', body, lang });
      void navigate(`/${lang}/requests/${request.id}`, { state: { saved: request.number } });
    } catch (error) {
      setSubmitting(false);
      setStale(error instanceof ApiError && error.code === 'stale_version');
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary
        focusKey={errors.shown}
        items={errors.items((path) => requestFieldLabel(t, path))}
      />
      {stale ? (
        <div className="form-panel">
          <p>{t('edit.staleHint')}</p>
          <button type="button" className="button button--secondary" onClick={onReload}>
            {t('edit.reload')}
          </button>
        </div>
      ) : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <RequesterFields
          value={requester}
          onChange={setRequester}
          form={errors}
          organizations={organizations}
          countries={countries}
        />
        <FactsFields value={facts} onChange={setFacts} form={errors} />
        {linesLocked ? (
          <>
            <h2>{t('new.linesHeading')}</h2>
            <p>{t('edit.linesLocked')}</p>
          </>
        ) : (
          <LinesEditor
            lines={lines}
            setLines={setLines}
            locations={locations}
            lists={lists}
            form={errors}
            focusLater={focusLater}
          />
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('edit.submitting') : t('edit.submit')}
          </button>
          <Link to={`/${lang}/requests/${request.id}`} className="button-secondary-link">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
