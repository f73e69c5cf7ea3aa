import type { Dispatch, SetStateAction } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  FieldGroup,
  RadioGroup,
  SelectField,
  TextAreaField,
} from '../../components/Fields.tsx';
import { TextField } from '../../components/TextField.tsx';
import type {
  CodedName,
  MissionLocation,
  MissionRole,
  Rank,
  RequestDetail,
  RequestLine,
} from '../../lib/api.ts';
import { nameIn } from '../../lib/format.ts';
import type { useFormErrors } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';
import { requirementLanguages, type CodeList } from '../../lib/reference.ts';
import { missionFieldLabel } from '../missions/MissionFields.tsx';

/**
 * The fields of a request, shared by registering one (NewRequestPage) and correcting an open one
 * (EditRequestPage): who sent it, its dates and summary, and the editor of its lines.
 */

export type FormErrors = ReturnType<typeof useFormErrors>;

let nextKey = 1;
/** A key for a new row of a list being edited (React keys stay stable as rows come and go). */
export const newKey = () => nextKey++;

/** A text value, or nothing when blank (the server then says what is required). */
export const text = (value: string) => value.trim() || undefined;
/** A number typed in a field, or nothing when blank. */
export const number = (value: string) => (value.trim() === '' ? undefined : Number(value));

// --- Who sent the request -------------------------------------------------------------------

export type RequesterKind = 'organization' | 'country';

export interface RequesterDraft {
  kind: RequesterKind;
  organizationCode: string;
  requestingCountryCode: string;
}

export function RequesterFields({
  value,
  onChange,
  form,
  organizations,
  countries,
}: {
  value: RequesterDraft;
  onChange: Dispatch<SetStateAction<RequesterDraft>>;
  form: FormErrors;
  organizations: CodeList<CodedName>;
  countries: CodeList<CodedName>;
}) {
  const { t } = useTranslation('requests');
  const set = (change: Partial<RequesterDraft>) => onChange((r) => ({ ...r, ...change }));
  return (
    <>
      <h2>{t('new.requesterHeading')}</h2>
      <RadioGroup
        id={form.idOf('requesterKind')}
        legend={t('new.requesterKind')}
        value={value.kind}
        onChange={(v) => set({ kind: v as RequesterKind })}
        options={[
          { value: 'organization', label: t('new.requesterOrganization') },
          { value: 'country', label: t('new.requesterCountry') },
        ]}
      />
      {value.kind === 'organization' ? (
        <SelectField
          id={form.idOf('organizationCode')}
          label={t('new.organization')}
          value={value.organizationCode}
          onChange={(v) => set({ organizationCode: v })}
          options={organizations.options}
          emptyLabel={t('new.choose')}
          error={form.error('organizationCode')}
          required
        />
      ) : (
        <SelectField
          id={form.idOf('requestingCountryCode')}
          label={t('new.country')}
          value={value.requestingCountryCode}
          onChange={(v) => set({ requestingCountryCode: v })}
          options={countries.options}
          emptyLabel={t('new.choose')}
          error={form.error('requestingCountryCode')}
          required
        />
      )}
    </>
  );
}

/** The requester is required: the message of the field left empty, if any. */
export function missingRequester(t: TFunction, requester: RequesterDraft): Record<string, string> {
  if (requester.kind === 'organization' && !requester.organizationCode)
    return { organizationCode: t('requests:new.organizationRequired') };
  if (requester.kind === 'country' && !requester.requestingCountryCode)
    return { requestingCountryCode: t('requests:new.countryRequired') };
  return {};
}

// --- The request's dates and summary --------------------------------------------------------

export interface FactsDraft {
  noteReference: string;
  receivedOn: string;
  responseDue: string;
  startDate: string;
  tourMonths: string;
  summary: string;
}

export const factsOf = (request: RequestDetail): FactsDraft => ({
  noteReference: request.noteReference,
  receivedOn: request.receivedOn,
  responseDue: request.responseDue,
  startDate: request.startDate,
  tourMonths: String(request.tourMonths),
  summary: request.summary,
});

/** What the server is sent for these fields. */
export const factsBody = (facts: FactsDraft) => ({
  noteReference: text(facts.noteReference),
  receivedOn: text(facts.receivedOn),
  responseDue: text(facts.responseDue),
  startDate: text(facts.startDate),
  tourMonths: number(facts.tourMonths),
  summary: facts.summary.trim(),
});

export function FactsFields({
  value,
  onChange,
  form,
}: {
  value: FactsDraft;
  onChange: Dispatch<SetStateAction<FactsDraft>>;
  form: FormErrors;
}) {
  const { t } = useTranslation('requests');
  const id = form.idOf;
  const err = form.error;
  const set = (field: keyof FactsDraft) => (v: string) => onChange((f) => ({ ...f, [field]: v }));
  return (
    <>
      <h2>{t('new.requestHeading')}</h2>
      <TextField
        id={id('noteReference')}
        label={t('new.noteReference')}
        hint={t('new.noteReferenceHint')}
        value={value.noteReference}
        onChange={set('noteReference')}
        error={err('noteReference')}
        required
      />
      <TextField
        id={id('receivedOn')}
        label={t('new.receivedOn')}
        type="date"
        value={value.receivedOn}
        onChange={set('receivedOn')}
        error={err('receivedOn')}
        required
        short
      />
      <TextField
        id={id('responseDue')}
        label={t('new.responseDue')}
        type="date"
        value={value.responseDue}
        onChange={set('responseDue')}
        error={err('responseDue')}
        required
        short
      />
      <TextField
        id={id('startDate')}
        label={t('new.startDate')}
        hint={t('new.startDateHint')}
        type="date"
        value={value.startDate}
        onChange={set('startDate')}
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
        value={value.tourMonths}
        onChange={set('tourMonths')}
        error={err('tourMonths')}
        required
        short
      />
      <TextAreaField
        id={id('summary')}
        label={t('new.summary')}
        value={value.summary}
        onChange={set('summary')}
        error={err('summary')}
      />
    </>
  );
}

// --- The posts wanted: the lines ------------------------------------------------------------

export interface LanguageDraft {
  key: number;
  language: string;
  minScore: string;
}

export interface LineDraft {
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

export const emptyLine = (): LineDraft => ({
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

/** A recorded line, as the editor shows it. */
export const lineDraftOf = (line: RequestLine): LineDraft => ({
  key: newKey(),
  postTypeCode: line.postTypeCode,
  teamCode: line.teamCode ?? '',
  locationId: line.locationId ?? '',
  postCount: String(line.postCount),
  languages: line.languages.map((l) => ({
    key: newKey(),
    language: l.language,
    minScore: String(l.minScore),
  })),
  minRankCode: line.minRankCode ?? '',
  minYearsService: line.minYearsService == null ? '' : String(line.minYearsService),
  womenSought: line.womenSought,
  skills: line.skills.join('\n'),
  notes: line.notes,
});

/** What the server is sent for the lines (the full list: it replaces the recorded one). */
export const linesBody = (lines: readonly LineDraft[], withLocations: boolean) =>
  lines.map((l) => ({
    postCount: number(l.postCount),
    postTypeCode: text(l.postTypeCode),
    teamCode: l.teamCode || null,
    locationId: (withLocations && l.locationId) || null,
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
  }));

export interface LineLists {
  postTypes: CodeList<CodedName>;
  roles: CodeList<MissionRole>;
  ranks: CodeList<Rank>;
}

/**
 * The lines of a request, each a group of fields, with rows of languages; lines and languages
 * are added and removed with buttons that move focus to what replaced them.
 */
export function LinesEditor({
  lines,
  setLines,
  locations,
  lists,
  form,
  focusLater,
}: {
  lines: LineDraft[];
  setLines: Dispatch<SetStateAction<LineDraft[]>>;
  /** The mission's locations to choose from (none: no location field). */
  locations: readonly MissionLocation[];
  lists: LineLists;
  form: FormErrors;
  focusLater(id: string): void;
}) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const id = form.idOf;
  const err = form.error;
  const emptyChoice = t('new.choose');
  const noneChoice = t('new.noneChosen');
  const languageOptions = requirementLanguages.map((code) => ({
    value: code,
    label: t(`reference:languages.${code}`),
  }));
  const setLine = (key: number, change: Partial<LineDraft>) =>
    setLines((all) => all.map((l) => (l.key === key ? { ...l, ...change } : l)));

  return (
    <>
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
                options={lists.postTypes.options}
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
                    options: lists.roles.items
                      .filter((r) => r.kind === 'role')
                      .map((r) => ({ value: r.code, label: nameIn(lang, r) })),
                  },
                  {
                    label: t('new.teamsGroup'),
                    options: lists.roles.items
                      .filter((r) => r.kind === 'specialised_team')
                      .map((r) => ({ value: r.code, label: nameIn(lang, r) })),
                  },
                ]}
                emptyLabel={noneChoice}
                error={err(f('teamCode'))}
              />
              {locations.length > 0 ? (
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
                options={lists.ranks.options}
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
                    languages: [...line.languages, { key: newKey(), language: '', minScore: '60' }],
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
    </>
  );
}

/** The label of the field at a server path ("lines.0.postCount"), for the error summary. */
export function requestFieldLabel(t: TFunction, path: string): string | undefined {
  const parts = path.split('.');
  if (parts[0] === 'lines' && parts.length >= 3) {
    const line = t('requests:new.lineLegend', { number: Number(parts[1]) + 1 });
    if (parts[2] === 'languages' && parts.length >= 5) {
      const row = t('requests:new.languageRow', { number: Number(parts[3]) + 1 });
      return `${line}, ${row} – ${t(`requests:new.lineFields.${parts[4] === 'minScore' ? 'minScore' : 'language'}`)}`;
    }
    const field = parts[2]!;
    return `${line} – ${t(`requests:new.lineFields.${field}`, { defaultValue: field })}`;
  }
  if (parts[0] === 'newMission' && parts.length >= 2) {
    const label = missionFieldLabel(t, parts.slice(1).join('.'));
    return `${t('requests:new.newMissionLegend')} – ${label ?? parts[1]}`;
  }
  const labels: Record<string, string> = {
    organizationCode: t('requests:new.organization'),
    requestingCountryCode: t('requests:new.country'),
    missionId: t('requests:new.mission'),
    noteReference: t('requests:new.noteReference'),
    receivedOn: t('requests:new.receivedOn'),
    responseDue: t('requests:new.responseDue'),
    startDate: t('requests:new.startDate'),
    tourMonths: t('requests:new.tourMonths'),
    summary: t('requests:new.summary'),
    lines: t('requests:new.linesHeading'),
  };
  return labels[path];
}
