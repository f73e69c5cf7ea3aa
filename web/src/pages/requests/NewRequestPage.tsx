import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { FieldGroup, RadioGroup, SelectField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import {
  api,
  type Mission,
  type MissionDetail,
  type MissionRole,
  type Page,
  type Rank,
} from '../../lib/api.ts';
import { byName, nameIn, todayIso } from '../../lib/format.ts';
import { useFocusLater, useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { firstError, useCodeList } from '../../lib/reference.ts';
import {
  emptyMission,
  MissionFields,
  missingWorkingLanguage,
  newMissionBody,
  type MissionDraft,
} from '../missions/MissionFields.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import {
  emptyLine,
  factsBody,
  FactsFields,
  LinesEditor,
  linesBody,
  missingRequester,
  RequesterFields,
  requestFieldLabel,
  type FactsDraft,
  type LineDraft,
  type RequesterDraft,
} from './RequestFields.tsx';

const openStatuses = new Set(['planned', 'active', 'suspended', 'closing']);

export function NewRequestPage() {
  const auth = useAuth();
  // The route is for those who may register requests; anyone else: no such page.
  if (!auth.can('request.create')) return <NotFoundPage />;
  return <NewRequestForm />;
}

function NewRequestForm() {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const navigate = useNavigate();
  usePageTitle(t('new.title'));
  const errors = useFormErrors('request');

  const organizations = useCodeList('organizations');
  const countries = useCodeList('countries');
  const postTypes = useCodeList('post-types');
  const roles = useCodeList<MissionRole>('mission-roles');
  const ranks = useCodeList<Rank>('ranks', false);
  const missions = useApi<Page<Mission>>('/api/v1/missions?pageSize=200');

  const [requester, setRequester] = useState<RequesterDraft>({
    kind: 'organization',
    organizationCode: '',
    requestingCountryCode: '',
  });
  const [missionKind, setMissionKind] = useState<'existing' | 'new'>('existing');
  const [missionId, setMissionId] = useState('');
  const [mission, setMission] = useState<MissionDraft>(emptyMission);
  const [facts, setFacts] = useState<FactsDraft>(() => ({
    noteReference: '',
    receivedOn: todayIso(),
    responseDue: '',
    startDate: '',
    tourMonths: '12',
    summary: '',
  }));
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const [submitting, setSubmitting] = useState(false);
  const focusLater = useFocusLater();

  const chosen = useApi<MissionDetail>(
    missionKind === 'existing' && missionId ? `/api/v1/missions/${missionId}` : null,
  );
  const locations = useMemo(
    () =>
      chosen.status === 'ready'
        ? [...chosen.data.locations].sort(byName<MissionDetail['locations'][number]>(lang))
        : [],
    [chosen, lang],
  );

  const missionGroups = useMemo(() => {
    const all =
      missions.status === 'ready'
        ? [...missions.data.items].sort((a, b) => a.acronym.localeCompare(b.acronym))
        : [];
    const option = (m: Mission) => ({ value: m.id, label: `${m.acronym} – ${nameIn(lang, m)}` });
    return [
      {
        label: t('new.missionsOpen'),
        options: all.filter((m) => openStatuses.has(m.status)).map(option),
      },
      {
        label: t('new.missionsClosed'),
        options: all.filter((m) => !openStatuses.has(m.status)).map(option),
      },
    ];
  }, [missions, lang, t]);

  const loadError = firstError(
    organizations.loaded,
    countries.loaded,
    postTypes.loaded,
    roles.loaded,
    ranks.loaded,
    missions,
  );
  const loading = [
    organizations.loaded,
    countries.loaded,
    postTypes.loaded,
    roles.loaded,
    ranks.loaded,
    missions,
  ].some((l) => l.status === 'loading');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    // What the server cannot name a field for: the requester and the mission.
    const missing: Record<string, string> = {
      ...missingRequester(t, requester),
      ...(missionKind === 'existing' && !missionId ? { missionId: t('new.missionRequired') } : {}),
      ...(missionKind === 'new'
        ? missingWorkingLanguage(t, mission, 'newMission.workingLanguage')
        : {}),
    };
    if (Object.keys(missing).length > 0) return errors.show(missing, null);

    const body = {
      ...(requester.kind === 'organization'
        ? { organizationCode: requester.organizationCode }
        : { requestingCountryCode: requester.requestingCountryCode }),
      ...(missionKind === 'existing'
        ? { missionId }
        : { newMission: newMissionBody(mission, false) }),
      ...factsBody(facts),
      lines: linesBody(lines, missionKind === 'existing'),
    };
    setSubmitting(true);
    try {
      const created = await api<{ id: string; number: string }>('/api/v1/requests', {
        method: 'POST',
        body,
        lang,
      });
      void navigate(`/${lang}/requests/${created.id}`, {
        state: { registered: created.number },
      });
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  if (loadError || loading) {
    return (
      <>
        <PageHeading>{t('new.title')}</PageHeading>
        {loadError ? <LoadError error={loadError} /> : <Loading />}
      </>
    );
  }

  const id = errors.idOf;

  return (
    <>
      <PageHeading>{t('new.title')}</PageHeading>
      <p className="lead">{t('new.intro')}</p>
      <ErrorSummary
        focusKey={errors.shown}
        items={errors.items((path) => requestFieldLabel(t, path))}
      />
      <form className="form" noValidate onSubmit={onSubmit}>
        <RequesterFields
          value={requester}
          onChange={setRequester}
          form={errors}
          organizations={organizations}
          countries={countries}
        />

        <h2>{t('new.missionHeading')}</h2>
        <RadioGroup
          id={id('missionKind')}
          legend={t('new.missionKind')}
          value={missionKind}
          onChange={(v) => {
            setMissionKind(v as 'existing' | 'new');
            setLines((all) => all.map((l) => ({ ...l, locationId: '' })));
          }}
          options={[
            { value: 'existing', label: t('new.missionExisting') },
            { value: 'new', label: t('new.missionNew') },
          ]}
        />
        {missionKind === 'existing' ? (
          <SelectField
            id={id('missionId')}
            label={t('new.mission')}
            value={missionId}
            onChange={(value) => {
              setMissionId(value);
              setLines((all) => all.map((l) => ({ ...l, locationId: '' })));
            }}
            options={[]}
            groups={missionGroups}
            emptyLabel={t('new.choose')}
            error={errors.error('missionId')}
            required
          />
        ) : (
          <FieldGroup legend={t('new.newMissionLegend')}>
            <p className="field__hint">{t('new.newMissionHint')}</p>
            <MissionFields
              mode="new"
              value={mission}
              onChange={setMission}
              prefix="newMission"
              form={errors}
              organizations={organizations}
              countries={countries}
              focusLater={focusLater}
              withEndDate={false}
            />
          </FieldGroup>
        )}

        <FactsFields value={facts} onChange={setFacts} form={errors} />

        <LinesEditor
          lines={lines}
          setLines={setLines}
          locations={missionKind === 'existing' ? locations : []}
          lists={{ postTypes, roles, ranks }}
          form={errors}
          focusLater={focusLater}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('new.submitting') : t('new.submit')}
          </button>
          <Link to={`/${lang}/requests`} className="button-secondary-link">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
