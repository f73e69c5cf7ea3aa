import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import {
  CheckboxField,
  FieldGroup,
  RadioGroup,
  SelectField,
  TextAreaField,
} from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
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
import { firstError, requirementLanguages, useCodeList } from '../../lib/reference.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

interface LanguageDraft {
  key: number;
  language: string;
  minScore: string;
}

interface LineDraft {
  key: number;
  postTypeCode: string;
  teamCode: string;
  locationId: string;
  postCount: string;
  languages: LanguageDraft[];
  minRankCode: string;
  minYearsService: string;
  womenSought: boolean;
  skills: string;
  notes: string;
}

interface PlaceDraft {
  key: number;
  nameEn: string;
  nameFr: string;
}

interface MissionDraft {
  acronym: string;
  nameEn: string;
  nameFr: string;
  organizationCode: string;
  hostCountryCode: string;
  startDate: string;
  workingLanguage: string;
  riskLevel: string;
  armed: boolean;
  headquarters: string;
  locations: PlaceDraft[];
}

let nextKey = 1;
const newKey = () => nextKey++;

const emptyLine = (): LineDraft => ({
  key: newKey(),
  postTypeCode: '',
  teamCode: '',
  locationId: '',
  postCount: '1',
  languages: [],
  minRankCode: '',
  minYearsService: '',
  womenSought: false,
  skills: '',
  notes: '',
});

const emptyMission: MissionDraft = {
  acronym: '',
  nameEn: '',
  nameFr: '',
  organizationCode: '',
  hostCountryCode: '',
  startDate: '',
  workingLanguage: '',
  riskLevel: '',
  armed: false,
  headquarters: '',
  locations: [],
};

/** A text value, or nothing when blank (the server then says what is required). */
const text = (value: string) => value.trim() || undefined;
/** A number typed in a field, or nothing when blank. */
const number = (value: string) => (value.trim() === '' ? undefined : Number(value));

const openStatuses = new Set(['planned', 'active', 'suspended', 'closing']);
const riskLevels = ['low', 'moderate', 'high', 'extreme'] as const;

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

  const [requesterKind, setRequesterKind] = useState<'organization' | 'country'>('organization');
  const [organizationCode, setOrganizationCode] = useState('');
  const [requestingCountryCode, setRequestingCountryCode] = useState('');
  const [missionKind, setMissionKind] = useState<'existing' | 'new'>('existing');
  const [missionId, setMissionId] = useState('');
  const [mission, setMission] = useState<MissionDraft>(emptyMission);
  const [noteReference, setNoteReference] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [responseDue, setResponseDue] = useState('');
  const [startDate, setStartDate] = useState('');
  const [tourMonths, setTourMonths] = useState('12');
  const [summary, setSummary] = useState('');
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

  const setLine = (key: number, change: Partial<LineDraft>) =>
    setLines((all) => all.map((l) => (l.key === key ? { ...l, ...change } : l)));
  const setMissionField = (field: keyof MissionDraft) => (value: string | boolean) =>
    setMission((m) => ({ ...m, [field]: value }));

  /** The label of the field at a server path, for the error summary. */
  function labelOf(path: string): string | undefined {
    const parts = path.split('.');
    if (parts[0] === 'lines' && parts.length >= 3) {
      const line = t('new.lineLegend', { number: Number(parts[1]) + 1 });
      if (parts[2] === 'languages' && parts.length >= 5) {
        const row = t('new.languageRow', { number: Number(parts[3]) + 1 });
        return `${line}, ${row} – ${t(`new.lineFields.${parts[4] === 'minScore' ? 'minScore' : 'language'}`)}`;
      }
      const field = parts[2]!;
      return `${line} – ${t(`new.lineFields.${field}`, { defaultValue: field })}`;
    }
    if (parts[0] === 'newMission' && parts.length >= 2) {
      if (parts[1] === 'locations' && parts.length >= 4)
        return `${t('new.newMissionLegend')} – ${t('new.placeLegend', { number: Number(parts[2]) + 1 })} – ${t(`new.missionFields.${parts[3]}`, { defaultValue: parts[3] })}`;
      return `${t('new.newMissionLegend')} – ${t(`new.missionFields.${parts[1]}`, { defaultValue: parts[1] })}`;
    }
    const labels: Record<string, string> = {
      organizationCode: t('new.organization'),
      requestingCountryCode: t('new.country'),
      missionId: t('new.mission'),
      noteReference: t('new.noteReference'),
      receivedOn: t('new.receivedOn'),
      responseDue: t('new.responseDue'),
      startDate: t('new.startDate'),
      tourMonths: t('new.tourMonths'),
      summary: t('new.summary'),
      lines: t('new.linesHeading'),
    };
    return labels[path];
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    // What the server cannot name a field for: the requester and the mission.
    const missing: Record<string, string> = {};
    if (requesterKind === 'organization' && !organizationCode)
      missing.organizationCode = t('new.organizationRequired');
    if (requesterKind === 'country' && !requestingCountryCode)
      missing.requestingCountryCode = t('new.countryRequired');
    if (missionKind === 'existing' && !missionId) missing.missionId = t('new.missionRequired');
    if (missionKind === 'new' && !mission.workingLanguage)
      missing['newMission.workingLanguage'] = t('new.workingLanguageRequired');
    if (Object.keys(missing).length > 0) return errors.show(missing, null);

    const body = {
      ...(requesterKind === 'organization' ? { organizationCode } : { requestingCountryCode }),
      ...(missionKind === 'existing'
        ? { missionId }
        : {
            newMission: {
              acronym: text(mission.acronym),
              nameEn: text(mission.nameEn),
              nameFr: text(mission.nameFr),
              organizationCode: text(mission.organizationCode),
              hostCountryCode: text(mission.hostCountryCode),
              startDate: text(mission.startDate),
              workingLanguage: text(mission.workingLanguage),
              riskLevel: text(mission.riskLevel),
              armed: mission.armed,
              headquarters: text(mission.headquarters) ?? null,
              locations: mission.locations.map((p) => ({
                nameEn: text(p.nameEn),
                nameFr: text(p.nameFr),
              })),
            },
          }),
      noteReference: text(noteReference),
      receivedOn: text(receivedOn),
      responseDue: text(responseDue),
      startDate: text(startDate),
      tourMonths: number(tourMonths),
      summary: summary.trim(),
      lines: lines.map((l) => ({
        postCount: number(l.postCount),
        postTypeCode: text(l.postTypeCode),
        teamCode: l.teamCode || null,
        locationId: (missionKind === 'existing' && l.locationId) || null,
        languages: l.languages
          .filter((x) => x.language)
          .map((x) => ({ language: x.language, minScore: number(x.minScore) })),
        minRankCode: l.minRankCode || null,
        minYearsService: number(l.minYearsService) ?? null,
        skills: l.skills
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        womenSought: l.womenSought,
        notes: l.notes.trim(),
      })),
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
  const err = errors.error;
  const emptyChoice = t('new.choose');
  const noneChoice = t('new.noneChosen');
  const languageOptions = requirementLanguages.map((code) => ({
    value: code,
    label: t(`reference:languages.${code}`),
  }));

  return (
    <>
      <PageHeading>{t('new.title')}</PageHeading>
      <p className="lead">{t('new.intro')}</p>
      <ErrorSummary focusKey={errors.shown} items={errors.items(labelOf)} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <h2>{t('new.requesterHeading')}</h2>
        <RadioGroup
          id={id('requesterKind')}
          legend={t('new.requesterKind')}
          value={requesterKind}
          onChange={(v) => setRequesterKind(v as 'organization' | 'country')}
          options={[
            { value: 'organization', label: t('new.requesterOrganization') },
            { value: 'country', label: t('new.requesterCountry') },
          ]}
        />
        {requesterKind === 'organization' ? (
          <SelectField
            id={id('organizationCode')}
            label={t('new.organization')}
            value={organizationCode}
            onChange={setOrganizationCode}
            options={organizations.options}
            emptyLabel={emptyChoice}
            error={err('organizationCode')}
            required
          />
        ) : (
          <SelectField
            id={id('requestingCountryCode')}
            label={t('new.country')}
            value={requestingCountryCode}
            onChange={setRequestingCountryCode}
            options={countries.options}
            emptyLabel={emptyChoice}
            error={err('requestingCountryCode')}
            required
          />
        )}

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
            emptyLabel={emptyChoice}
            error={err('missionId')}
            required
          />
        ) : (
          <FieldGroup legend={t('new.newMissionLegend')}>
            <p className="field__hint">{t('new.newMissionHint')}</p>
            <TextField
              id={id('newMission.acronym')}
              label={t('new.missionFields.acronym')}
              value={mission.acronym}
              onChange={setMissionField('acronym')}
              error={err('newMission.acronym')}
              required
              short
            />
            <TextField
              id={id('newMission.nameEn')}
              label={t('new.missionFields.nameEn')}
              value={mission.nameEn}
              onChange={setMissionField('nameEn')}
              error={err('newMission.nameEn')}
              required
            />
            <TextField
              id={id('newMission.nameFr')}
              label={t('new.missionFields.nameFr')}
              value={mission.nameFr}
              onChange={setMissionField('nameFr')}
              error={err('newMission.nameFr')}
              required
            />
            <SelectField
              id={id('newMission.organizationCode')}
              label={t('new.missionFields.organizationCode')}
              value={mission.organizationCode}
              onChange={setMissionField('organizationCode')}
              options={organizations.options}
              emptyLabel={emptyChoice}
              error={err('newMission.organizationCode')}
              required
            />
            <SelectField
              id={id('newMission.hostCountryCode')}
              label={t('new.missionFields.hostCountryCode')}
              value={mission.hostCountryCode}
              onChange={setMissionField('hostCountryCode')}
              options={countries.options}
              emptyLabel={emptyChoice}
              error={err('newMission.hostCountryCode')}
              required
            />
            <TextField
              id={id('newMission.startDate')}
              label={t('new.missionFields.startDate')}
              type="date"
              value={mission.startDate}
              onChange={setMissionField('startDate')}
              error={err('newMission.startDate')}
              required
              short
            />
            <SelectField
              id={id('newMission.workingLanguage')}
              label={t('new.missionFields.workingLanguage')}
              value={mission.workingLanguage}
              onChange={setMissionField('workingLanguage')}
              options={[
                { value: 'en', label: t('reference:languages.en') },
                { value: 'fr', label: t('reference:languages.fr') },
              ]}
              emptyLabel={emptyChoice}
              error={err('newMission.workingLanguage')}
              required
            />
            <SelectField
              id={id('newMission.riskLevel')}
              label={t('new.missionFields.riskLevel')}
              value={mission.riskLevel}
              onChange={setMissionField('riskLevel')}
              options={riskLevels.map((r) => ({ value: r, label: t(`reference:riskLevels.${r}`) }))}
              emptyLabel={noneChoice}
              error={err('newMission.riskLevel')}
            />
            <CheckboxField
              id={id('newMission.armed')}
              label={t('new.missionFields.armed')}
              checked={mission.armed}
              onChange={setMissionField('armed')}
            />
            <TextField
              id={id('newMission.headquarters')}
              label={t('new.missionFields.headquarters')}
              value={mission.headquarters}
              onChange={setMissionField('headquarters')}
              error={err('newMission.headquarters')}
            />
            <h3>{t('new.placesHeading')}</h3>
            {mission.locations.length === 0 ? <p>{t('new.noPlaces')}</p> : null}
            {mission.locations.map((place, i) => {
              const path = `newMission.locations.${i}`;
              const setPlace = (change: Partial<PlaceDraft>) =>
                setMission((m) => ({
                  ...m,
                  locations: m.locations.map((p) =>
                    p.key === place.key ? { ...p, ...change } : p,
                  ),
                }));
              return (
                <FieldGroup key={place.key} legend={t('new.placeLegend', { number: i + 1 })}>
                  <TextField
                    id={id(`${path}.nameEn`)}
                    label={t('new.missionFields.nameEn')}
                    value={place.nameEn}
                    onChange={(v) => setPlace({ nameEn: v })}
                    error={err(`${path}.nameEn`)}
                    required
                  />
                  <TextField
                    id={id(`${path}.nameFr`)}
                    label={t('new.missionFields.nameFr')}
                    value={place.nameFr}
                    onChange={(v) => setPlace({ nameFr: v })}
                    error={err(`${path}.nameFr`)}
                    required
                  />
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => {
                      setMission((m) => ({
                        ...m,
                        locations: m.locations.filter((p) => p.key !== place.key),
                      }));
                      focusLater(id('add-place'));
                    }}
                  >
                    {t('new.removePlace', { number: i + 1 })}
                  </button>
                </FieldGroup>
              );
            })}
            <button
              type="button"
              id={id('add-place')}
              className="button button--secondary"
              onClick={() => {
                const place = { key: newKey(), nameEn: '', nameFr: '' };
                setMission((m) => ({ ...m, locations: [...m.locations, place] }));
                focusLater(id(`newMission.locations.${mission.locations.length}.nameEn`));
              }}
            >
              {t('new.addPlace')}
            </button>
          </FieldGroup>
        )}

        <h2>{t('new.requestHeading')}</h2>
        <TextField
          id={id('noteReference')}
          label={t('new.noteReference')}
          hint={t('new.noteReferenceHint')}
          value={noteReference}
          onChange={setNoteReference}
          error={err('noteReference')}
          required
        />
        <TextField
          id={id('receivedOn')}
          label={t('new.receivedOn')}
          type="date"
          value={receivedOn}
          onChange={setReceivedOn}
          error={err('receivedOn')}
          required
          short
        />
        <TextField
          id={id('responseDue')}
          label={t('new.responseDue')}
          type="date"
          value={responseDue}
          onChange={setResponseDue}
          error={err('responseDue')}
          required
          short
        />
        <TextField
          id={id('startDate')}
          label={t('new.startDate')}
          hint={t('new.startDateHint')}
          type="date"
          value={startDate}
          onChange={setStartDate}
          error={err('startDate')}
          required
          short
        />
        <TextField
          id={id('tourMonths')}
          label={t('new.tourMonths')}
          type="number"
          min={1}
          max={60}
          value={tourMonths}
          onChange={setTourMonths}
          error={err('tourMonths')}
          required
          short
        />
        <TextAreaField
          id={id('summary')}
          label={t('new.summary')}
          value={summary}
          onChange={setSummary}
          error={err('summary')}
        />

        <h2>{t('new.linesHeading')}</h2>
        <p>{t('new.linesIntro')}</p>
        {err('lines') ? <p className="field__error">{err('lines')}</p> : null}
        {lines.map((line, i) => {
          const path = `lines.${i}`;
          const f = (field: string) => `${path}.${field}`;
          return (
            <FieldGroup key={line.key} legend={t('new.lineLegend', { number: i + 1 })}>
              <div className="form-grid">
                <SelectField
                  id={id(f('postTypeCode'))}
                  label={t('new.lineFields.postTypeCode')}
                  value={line.postTypeCode}
                  onChange={(v) => setLine(line.key, { postTypeCode: v })}
                  options={postTypes.options}
                  emptyLabel={emptyChoice}
                  error={err(f('postTypeCode'))}
                  required
                />
                <TextField
                  id={id(f('postCount'))}
                  label={t('new.lineFields.postCount')}
                  type="number"
                  min={1}
                  max={500}
                  value={line.postCount}
                  onChange={(v) => setLine(line.key, { postCount: v })}
                  error={err(f('postCount'))}
                  required
                  short
                />
                <SelectField
                  id={id(f('teamCode'))}
                  label={t('new.lineFields.teamCode')}
                  value={line.teamCode}
                  onChange={(v) => setLine(line.key, { teamCode: v })}
                  options={[]}
                  groups={[
                    {
                      label: t('new.rolesGroup'),
                      options: roles.items
                        .filter((r) => r.kind === 'role')
                        .map((r) => ({ value: r.code, label: nameIn(lang, r) })),
                    },
                    {
                      label: t('new.teamsGroup'),
                      options: roles.items
                        .filter((r) => r.kind === 'specialised_team')
                        .map((r) => ({ value: r.code, label: nameIn(lang, r) })),
                    },
                  ]}
                  emptyLabel={noneChoice}
                  error={err(f('teamCode'))}
                />
                {missionKind === 'existing' && locations.length > 0 ? (
                  <SelectField
                    id={id(f('locationId'))}
                    label={t('new.lineFields.locationId')}
                    value={line.locationId}
                    onChange={(v) => setLine(line.key, { locationId: v })}
                    options={locations.map((l) => ({ value: l.id, label: nameIn(lang, l) }))}
                    emptyLabel={noneChoice}
                    error={err(f('locationId'))}
                  />
                ) : null}
                <SelectField
                  id={id(f('minRankCode'))}
                  label={t('new.lineFields.minRankCode')}
                  value={line.minRankCode}
                  onChange={(v) => setLine(line.key, { minRankCode: v })}
                  options={ranks.options}
                  emptyLabel={noneChoice}
                  error={err(f('minRankCode'))}
                />
                <TextField
                  id={id(f('minYearsService'))}
                  label={t('new.lineFields.minYearsService')}
                  type="number"
                  min={0}
                  max={45}
                  value={line.minYearsService}
                  onChange={(v) => setLine(line.key, { minYearsService: v })}
                  error={err(f('minYearsService'))}
                  short
                />
              </div>
              <CheckboxField
                id={id(f('womenSought'))}
                label={t('new.lineFields.womenSought')}
                checked={line.womenSought}
                onChange={(v) => setLine(line.key, { womenSought: v })}
              />
              <h3>{t('new.languagesHeading', { number: i + 1 })}</h3>
              {line.languages.length === 0 ? <p>{t('new.noLanguages')}</p> : null}
              {line.languages.map((row, j) => {
                const rowPath = `${path}.languages.${j}`;
                const setRow = (change: Partial<LanguageDraft>) =>
                  setLine(line.key, {
                    languages: line.languages.map((x) =>
                      x.key === row.key ? { ...x, ...change } : x,
                    ),
                  });
                return (
                  <FieldGroup
                    key={row.key}
                    legend={t('new.languageRow', { number: j + 1 })}
                    className="group--inline"
                  >
                    <div className="form-grid">
                      <SelectField
                        id={id(`${rowPath}.language`)}
                        label={t('new.lineFields.language')}
                        value={row.language}
                        onChange={(v) => setRow({ language: v })}
                        options={languageOptions}
                        emptyLabel={emptyChoice}
                        error={err(`${rowPath}.language`)}
                      />
                      <TextField
                        id={id(`${rowPath}.minScore`)}
                        label={t('new.lineFields.minScore')}
                        hint={t('new.minScoreHint')}
                        type="number"
                        min={0}
                        max={100}
                        value={row.minScore}
                        onChange={(v) => setRow({ minScore: v })}
                        error={err(`${rowPath}.minScore`)}
                        short
                      />
                    </div>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setLine(line.key, {
                          languages: line.languages.filter((x) => x.key !== row.key),
                        });
                        focusLater(id(`${path}.add-language`));
                      }}
                    >
                      {t('new.removeLanguage', { number: j + 1, line: i + 1 })}
                    </button>
                  </FieldGroup>
                );
              })}
              <p>
                <button
                  type="button"
                  id={id(`${path}.add-language`)}
                  className="button button--secondary"
                  onClick={() => {
                    setLine(line.key, {
                      languages: [
                        ...line.languages,
                        { key: newKey(), language: '', minScore: '60' },
                      ],
                    });
                    focusLater(id(`${path}.languages.${line.languages.length}.language`));
                  }}
                >
                  {t('new.addLanguage', { line: i + 1 })}
                </button>
              </p>
              <TextAreaField
                id={id(f('skills'))}
                label={t('new.lineFields.skills')}
                hint={t('new.skillsHint')}
                value={line.skills}
                onChange={(v) => setLine(line.key, { skills: v })}
                error={err(f('skills'))}
                rows={3}
              />
              <TextAreaField
                id={id(f('notes'))}
                label={t('new.lineFields.notes')}
                value={line.notes}
                onChange={(v) => setLine(line.key, { notes: v })}
                error={err(f('notes'))}
                rows={3}
              />
              {lines.length > 1 ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setLines((all) => all.filter((l) => l.key !== line.key));
                    focusLater(id('add-line'));
                  }}
                >
                  {t('new.removeLine', { number: i + 1 })}
                </button>
              ) : null}
            </FieldGroup>
          );
        })}
        <p>
          <button
            type="button"
            id={id('add-line')}
            className="button button--secondary"
            onClick={() => {
              setLines((all) => [...all, emptyLine()]);
              focusLater(id(`lines.${lines.length}.postTypeCode`));
            }}
          >
            {t('new.addLine')}
          </button>
        </p>
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
