import type { Dispatch, SetStateAction } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FieldGroup, SelectField } from '../../components/Fields.tsx';
import { TextField } from '../../components/TextField.tsx';
import type { CodedName, Mission } from '../../lib/api.ts';
import type { useFormErrors } from '../../lib/forms.ts';
import type { CodeList } from '../../lib/reference.ts';

/**
 * The fields of a mission, shared by registering one (on its own, or with the request that names
 * it) and editing one. The labels are those of the request form's new mission
 * (requests:new.missionFields), so a mission's fields read the same everywhere.
 */

export const riskLevels = ['low', 'moderate', 'high', 'extreme'] as const;

export interface PlaceDraft {
  key: number;
  nameEn: string;
  nameFr: string;
}

export interface MissionDraft {
  acronym: string;
  nameEn: string;
  nameFr: string;
  organizationCode: string;
  hostCountryCode: string;
  startDate: string;
  endDate: string;
  workingLanguage: string;
  riskLevel: string;
  armed: boolean;
  headquarters: string;
  locations: PlaceDraft[];
}

export const emptyMission: MissionDraft = {
  acronym: '',
  nameEn: '',
  nameFr: '',
  organizationCode: '',
  hostCountryCode: '',
  startDate: '',
  endDate: '',
  workingLanguage: '',
  riskLevel: '',
  armed: false,
  headquarters: '',
  locations: [],
};

/** A registered mission, as the edit form shows it. */
export const missionDraftOf = (mission: Mission): MissionDraft => ({
  acronym: mission.acronym,
  nameEn: mission.nameEn,
  nameFr: mission.nameFr,
  organizationCode: mission.organizationCode,
  hostCountryCode: mission.hostCountryCode,
  startDate: mission.startDate,
  endDate: mission.endDate ?? '',
  workingLanguage: mission.workingLanguage,
  riskLevel: mission.riskLevel,
  armed: mission.armed,
  headquarters: mission.headquarters ?? '',
  locations: [],
});

const text = (value: string) => value.trim() || undefined;

let nextKey = 1;

/** What the server is sent to register the mission (POST /missions, or a request's newMission). */
export const newMissionBody = (mission: MissionDraft, withEndDate = true) => ({
  acronym: text(mission.acronym),
  nameEn: text(mission.nameEn),
  nameFr: text(mission.nameFr),
  organizationCode: text(mission.organizationCode),
  hostCountryCode: text(mission.hostCountryCode),
  startDate: text(mission.startDate),
  ...(withEndDate ? { endDate: text(mission.endDate) ?? null } : {}),
  workingLanguage: text(mission.workingLanguage),
  riskLevel: text(mission.riskLevel),
  armed: mission.armed,
  headquarters: text(mission.headquarters) ?? null,
  locations: mission.locations.map((p) => ({
    nameEn: text(p.nameEn),
    nameFr: text(p.nameFr),
  })),
});

/** The working language is required: its message when none is chosen. */
export function missingWorkingLanguage(t: TFunction, mission: MissionDraft, path: string) {
  return mission.workingLanguage
    ? {}
    : { [path]: t('requests:new.workingLanguageRequired') as string };
}

/** The label of a mission field at a path relative to the mission ("locations.0.nameEn"). */
export function missionFieldLabel(t: TFunction, path: string): string | undefined {
  const parts = path.split('.');
  const field = (name: string | undefined) =>
    t(`requests:new.missionFields.${name}`, { defaultValue: name ?? '' });
  if (parts[0] === 'locations' && parts.length >= 3)
    return `${t('requests:new.placeLegend', { number: Number(parts[1]) + 1 })} – ${field(parts[2])}`;
  if (parts.length !== 1 || !parts[0]) return undefined;
  return field(parts[0]);
}

/**
 * The mission's fields. `mode` "new": every field, with the locations; "edit": what can change
 * once the mission is registered (not its organization, host country or locations).
 */
export function MissionFields({
  mode,
  value,
  onChange,
  prefix,
  form,
  organizations,
  countries,
  focusLater,
  placesHeadingLevel = 3,
  withEndDate = true,
}: {
  mode: 'new' | 'edit';
  value: MissionDraft;
  onChange: Dispatch<SetStateAction<MissionDraft>>;
  /** The path of the mission in the form's body ("newMission"), or none at the top. */
  prefix?: string;
  form: ReturnType<typeof useFormErrors>;
  organizations?: CodeList<CodedName>;
  countries?: CodeList<CodedName>;
  focusLater(id: string): void;
  placesHeadingLevel?: 2 | 3;
  withEndDate?: boolean;
}) {
  const { t } = useTranslation('requests');
  const path = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const id = (field: string) => form.idOf(path(field));
  const err = (field: string) => form.error(path(field));
  const label = (field: string) => t(`new.missionFields.${field}`);
  const set = (field: keyof MissionDraft) => (v: string | boolean) =>
    onChange((m) => ({ ...m, [field]: v }));
  const emptyChoice = t('new.choose');
  const PlacesHeading = placesHeadingLevel === 2 ? 'h2' : 'h3';

  return (
    <>
      <TextField
        id={id('acronym')}
        label={label('acronym')}
        value={value.acronym}
        onChange={set('acronym')}
        error={err('acronym')}
        required
        short
      />
      <TextField
        id={id('nameEn')}
        label={label('nameEn')}
        value={value.nameEn}
        onChange={set('nameEn')}
        error={err('nameEn')}
        required
      />
      <TextField
        id={id('nameFr')}
        label={label('nameFr')}
        value={value.nameFr}
        onChange={set('nameFr')}
        error={err('nameFr')}
        required
      />
      {mode === 'new' ? (
        <>
          <SelectField
            id={id('organizationCode')}
            label={label('organizationCode')}
            value={value.organizationCode}
            onChange={set('organizationCode')}
            options={organizations?.options ?? []}
            emptyLabel={emptyChoice}
            error={err('organizationCode')}
            required
          />
          <SelectField
            id={id('hostCountryCode')}
            label={label('hostCountryCode')}
            value={value.hostCountryCode}
            onChange={set('hostCountryCode')}
            options={countries?.options ?? []}
            emptyLabel={emptyChoice}
            error={err('hostCountryCode')}
            required
          />
        </>
      ) : null}
      <TextField
        id={id('startDate')}
        label={label('startDate')}
        type="date"
        value={value.startDate}
        onChange={set('startDate')}
        error={err('startDate')}
        required
        short
      />
      {withEndDate ? (
        <TextField
          id={id('endDate')}
          label={label('endDate')}
          hint={t('planning:missionForm.endDateHint')}
          type="date"
          value={value.endDate}
          onChange={set('endDate')}
          error={err('endDate')}
          short
        />
      ) : null}
      <SelectField
        id={id('workingLanguage')}
        label={label('workingLanguage')}
        value={value.workingLanguage}
        onChange={set('workingLanguage')}
        options={[
          { value: 'en', label: t('reference:languages.en') },
          { value: 'fr', label: t('reference:languages.fr') },
        ]}
        {...(mode === 'new' ? { emptyLabel: emptyChoice } : {})}
        error={err('workingLanguage')}
        required
      />
      <SelectField
        id={id('riskLevel')}
        label={label('riskLevel')}
        value={value.riskLevel}
        onChange={set('riskLevel')}
        options={riskLevels.map((r) => ({ value: r, label: t(`reference:riskLevels.${r}`) }))}
        {...(mode === 'new' ? { emptyLabel: t('new.noneChosen') } : {})}
        error={err('riskLevel')}
      />
      <CheckboxField
        id={id('armed')}
        label={label('armed')}
        checked={value.armed}
        onChange={set('armed')}
      />
      <TextField
        id={id('headquarters')}
        label={label('headquarters')}
        value={value.headquarters}
        onChange={set('headquarters')}
        error={err('headquarters')}
      />
      {mode === 'new' ? (
        <>
          <PlacesHeading>{t('new.placesHeading')}</PlacesHeading>
          {value.locations.length === 0 ? <p>{t('new.noPlaces')}</p> : null}
          {value.locations.map((place, i) => {
            const placePath = `locations.${i}`;
            const setPlace = (change: Partial<PlaceDraft>) =>
              onChange((m) => ({
                ...m,
                locations: m.locations.map((p) => (p.key === place.key ? { ...p, ...change } : p)),
              }));
            return (
              <FieldGroup key={place.key} legend={t('new.placeLegend', { number: i + 1 })}>
                <TextField
                  id={id(`${placePath}.nameEn`)}
                  label={label('nameEn')}
                  value={place.nameEn}
                  onChange={(v) => setPlace({ nameEn: v })}
                  error={err(`${placePath}.nameEn`)}
                  required
                />
                <TextField
                  id={id(`${placePath}.nameFr`)}
                  label={label('nameFr')}
                  value={place.nameFr}
                  onChange={(v) => setPlace({ nameFr: v })}
                  error={err(`${placePath}.nameFr`)}
                  required
                />
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => {
                    onChange((m) => ({
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
              const place = { key: nextKey++, nameEn: '', nameFr: '' };
              onChange((m) => ({ ...m, locations: [...m.locations, place] }));
              focusLater(id(`locations.${value.locations.length}.nameEn`));
            }}
          >
            {t('new.addPlace')}
          </button>
        </>
      ) : null}
    </>
  );
}
