import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import {
  CheckboxField,
  FieldGroup,
  RadioGroup,
  SelectField,
  TextAreaField,
} from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api } from '../../lib/api.ts';
import { withFieldPaths } from '../../lib/calls.ts';
import {
  incidentSeverities,
  incidentTypes,
  type Incident,
  type IncidentSeverity,
  type IncidentStatus,
  type IncidentType,
  type InvolvableOfficer,
} from '../../lib/duty.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang } from '../../lib/hooks.ts';
import { personName } from '../calls/parts.tsx';

/** Record an incident, or edit one (`existing`, with its status): the same fields, the same checks. */
export function IncidentForm({
  existing,
  missionOptions,
  onSaved,
  cancel,
}: {
  existing?: Incident;
  /** The missions to choose from, when recording a new incident. */
  missionOptions?: ReadonlyArray<{ value: string; label: string }>;
  onSaved(incident: Incident): void;
  cancel: ReactNode;
}) {
  const { t } = useTranslation('incidents');
  const lang = useLang();
  const errors = useFormErrors('incident');
  const id = errors.idOf;
  const [missionId, setMissionId] = useState(
    () => existing?.missionId ?? (missionOptions?.length === 1 ? missionOptions[0]!.value : ''),
  );
  const [type, setType] = useState<IncidentType | ''>(existing?.type ?? '');
  const [severity, setSeverity] = useState<IncidentSeverity | ''>(existing?.severity ?? '');
  const [occurredOn, setOccurredOn] = useState(existing?.occurredOn ?? '');
  const [place, setPlace] = useState(existing?.place ?? '');
  const [officerIds, setOfficerIds] = useState<string[]>(
    () => existing?.officers.map((o) => o.id) ?? [],
  );
  const [narrative, setNarrative] = useState(existing?.narrative ?? '');
  const [actions, setActions] = useState(existing?.actions ?? '');
  const [status, setStatus] = useState<IncidentStatus | ''>(existing?.status ?? '');
  const [submitting, setSubmitting] = useState(false);
  const officers = useApi<InvolvableOfficer[]>(
    missionId ? `/api/v1/incidents/officers?missionId=${missionId}` : null,
  );

  function labelOf(path: string): string | undefined {
    const labels: Record<string, string> = {
      missionId: t('fields.mission'),
      type: t('fields.type'),
      severity: t('fields.severity'),
      occurredOn: t('fields.occurredOn'),
      place: t('fields.place'),
      officerIds: t('fields.officers'),
      narrative: t('fields.narrative'),
      actions: t('fields.actions'),
      status: t('fields.status'),
    };
    return labels[path];
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Record<string, string> = {};
    if (!existing && !missionId) missing.missionId = t('form.missionRequired');
    if (!type) missing.type = t('form.typeRequired');
    if (!severity) missing.severity = t('form.severityRequired');
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    const fields = {
      type,
      severity,
      occurredOn: occurredOn || undefined,
      place,
      officerIds,
      narrative,
      actions,
    };
    setSubmitting(true);
    try {
      const saved = existing
        ? await api<Incident>(`/api/v1/incidents/${existing.id}`, {
            method: 'PATCH',
            body: {
              version: existing.version,
              ...fields,
              ...(status && status !== existing.status ? { status } : {}),
            },
            lang,
          })
        : await api<Incident>('/api/v1/incidents', {
            method: 'POST',
            body: { missionId, ...fields },
            lang,
          });
      errors.clear();
      setSubmitting(false);
      onSaved(saved);
    } catch (error) {
      setSubmitting(false);
      // Each officer refused points at the group of officers.
      errors.fail(withFieldPaths(error, (p) => (p.startsWith('officerIds.') ? 'officerIds' : p)));
    }
  }

  const officerList = officers.status === 'ready' ? officers.data : [];
  // An officer named earlier stays on the list even if the mission's list does not hold them.
  const named = existing?.officers.filter((o) => !officerList.some((x) => x.id === o.id)) ?? [];

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items(labelOf)} />
      <form className="form" noValidate onSubmit={onSubmit}>
        {!existing ? (
          <SelectField
            id={id('missionId')}
            label={t('fields.mission')}
            value={missionId}
            onChange={(value) => {
              setMissionId(value);
              setOfficerIds([]);
            }}
            options={missionOptions ?? []}
            emptyLabel={t('form.choose')}
            error={errors.error('missionId')}
            required
          />
        ) : null}
        {existing ? (
          <SelectField
            id={id('status')}
            label={t('fields.status')}
            hint={t('form.statusHint')}
            value={status}
            onChange={(v) => setStatus(v as IncidentStatus)}
            options={[existing.status, ...existing.nextStatuses].map((s) => ({
              value: s,
              label: t(`statuses.${s}`),
            }))}
            error={errors.error('status')}
          />
        ) : null}
        <RadioGroup
          id={id('type')}
          legend={t('fields.type')}
          value={type}
          onChange={(v) => setType(v as IncidentType)}
          options={incidentTypes.map((k) => ({ value: k, label: t(`types.${k}`) }))}
          error={errors.error('type')}
          required
        />
        <RadioGroup
          id={id('severity')}
          legend={t('fields.severity')}
          value={severity}
          onChange={(v) => setSeverity(v as IncidentSeverity)}
          options={incidentSeverities.map((s) => ({ value: s, label: t(`severities.${s}`) }))}
          error={errors.error('severity')}
          required
        />
        <TextField
          id={id('occurredOn')}
          label={t('fields.occurredOn')}
          type="date"
          value={occurredOn}
          onChange={setOccurredOn}
          error={errors.error('occurredOn')}
          required
          short
        />
        <TextField
          id={id('place')}
          label={t('fields.place')}
          value={place}
          onChange={setPlace}
          error={errors.error('place')}
          required
        />
        <FieldGroup legend={t('fields.officers')}>
          <p className="field__hint">{t('form.officersHint')}</p>
          {errors.error('officerIds') ? (
            <p id={id('officerIds')} className="field__error" tabIndex={-1}>
              {errors.error('officerIds')}
            </p>
          ) : null}
          {!missionId ? <p>{t('form.chooseMissionFirst')}</p> : null}
          {officers.status === 'loading' && missionId ? <Loading /> : null}
          {officers.status === 'error' ? <LoadError error={officers.error} /> : null}
          {officers.status === 'ready' && officerList.length === 0 && named.length === 0 ? (
            <p>{t('form.noOfficers')}</p>
          ) : null}
          {[
            ...officerList.map((o) => ({
              id: o.id,
              label: t('form.officerState', {
                name: personName(o),
                state: o.serving ? t('form.serving') : t('form.served'),
              }),
            })),
            ...named.map((o) => ({ id: o.id, label: personName(o) })),
          ].map((o) => (
            <CheckboxField
              key={o.id}
              id={id(`officer-${o.id}`)}
              label={o.label}
              checked={officerIds.includes(o.id)}
              onChange={(on) =>
                setOfficerIds((all) => (on ? [...all, o.id] : all.filter((x) => x !== o.id)))
              }
            />
          ))}
        </FieldGroup>
        <TextAreaField
          id={id('narrative')}
          label={t('fields.narrative')}
          value={narrative}
          onChange={setNarrative}
          error={errors.error('narrative')}
          required
          rows={8}
        />
        <TextAreaField
          id={id('actions')}
          label={t('fields.actions')}
          value={actions}
          onChange={setActions}
          error={errors.error('actions')}
          rows={5}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('form.submitting') : existing ? t('form.save') : t('form.create')}
          </button>
          {cancel}
        </div>
      </form>
    </>
  );
}
