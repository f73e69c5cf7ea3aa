import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api, type Officer, type PriorMission } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';
import { officerName } from './parts.tsx';

/** Missions the officer served before these records began; program staff add them. */
export function PriorMissionsSection({
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
  const notice = useSuccessNotice();
  const [adding, setAdding] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<'form' | 'button' | null>(null);
  useEffect(() => {
    if (focusTarget === 'form') heading.current?.focus();
    if (focusTarget === 'button') button.current?.focus();
  }, [focusTarget]);
  const missions = [...officer.priorMissions].sort((a, b) =>
    b.startDate.localeCompare(a.startDate),
  );

  return (
    <section aria-labelledby="officer-prior-missions">
      <h2 id="officer-prior-missions">{t('prior.heading')}</h2>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {missions.length === 0 ? (
        <p>{self ? t('prior.noneOwn') : t('prior.none')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>
              {self ? t('prior.captionOwn') : t('prior.caption', { name: officerName(officer) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('prior.fields.missionName')}</th>
                <th scope="col">{t('prior.fields.role')}</th>
                <th scope="col">{t('prior.fields.startDate')}</th>
                <th scope="col">{t('prior.fields.endDate')}</th>
              </tr>
            </thead>
            <tbody>
              {missions.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.missionId ? (
                      <Link to={`/${lang}/missions/${m.missionId}`}>{m.missionName}</Link>
                    ) : (
                      m.missionName
                    )}
                  </th>
                  <td>{m.role ?? '—'}</td>
                  <td className="nowrap">{formatDate(lang, m.startDate)}</td>
                  <td className="nowrap">{m.endDate ? formatDate(lang, m.endDate) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {auth.can('officer.update') ? (
        adding ? (
          <div className="form-panel">
            <h3 id="prior-form-heading" tabIndex={-1} ref={heading}>
              {t('prior.addHeading')}
            </h3>
            <PriorMissionForm
              officer={officer}
              onSaved={(saved) => {
                setAdding(false);
                setFocusTarget(null);
                notice.show(t('prior.added', { mission: saved.missionName }));
                onChanged();
              }}
              onCancel={() => {
                setAdding(false);
                setFocusTarget('button');
              }}
            />
          </div>
        ) : (
          <p>
            <button
              type="button"
              className="button button--secondary"
              ref={button}
              onClick={() => {
                notice.hide();
                setAdding(true);
                setFocusTarget('form');
              }}
            >
              {t('prior.add')}
            </button>
          </p>
        )
      ) : null}
    </section>
  );
}

function PriorMissionForm({
  officer,
  onSaved,
  onCancel,
}: {
  officer: Officer;
  onSaved(saved: PriorMission): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('people');
  const lang = useLang();
  const errors = useFormErrors('prior');
  const [missionName, setMissionName] = useState('');
  const [role, setRole] = useState('');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const labels: Record<string, string> = {
    missionName: t('prior.fields.missionName'),
    role: t('prior.fields.role'),
    startDate: t('prior.fields.startDate'),
    endDate: t('prior.fields.endDate'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Record<string, string> = {};
    if (!missionName.trim())
      missing.missionName = t('form.required', { field: labels.missionName });
    if (!startDate) missing.startDate = t('form.required', { field: labels.startDate });
    if (startDate && endDate && endDate < startDate) missing.endDate = t('prior.endBeforeStart');
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    setSubmitting(true);
    try {
      const saved = await api<PriorMission>(`/api/v1/officers/${officer.id}/prior-missions`, {
        method: 'POST',
        body: {
          missionName: missionName.trim(),
          role: role.trim() || null,
          startDate,
          endDate: endDate || null,
        },
        lang,
      });
      errors.clear();
      setSubmitting(false);
      onSaved(saved);
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="prior-form-heading" onSubmit={onSubmit}>
        <TextField
          id={errors.idOf('missionName')}
          label={labels.missionName!}
          hint={t('prior.missionHint')}
          value={missionName}
          onChange={setMissionName}
          error={errors.error('missionName')}
          required
        />
        <TextField
          id={errors.idOf('role')}
          label={labels.role!}
          value={role}
          onChange={setRole}
          error={errors.error('role')}
        />
        <div className="form-grid">
          <TextField
            id={errors.idOf('startDate')}
            label={labels.startDate!}
            type="date"
            value={startDate}
            onChange={setStartDate}
            error={errors.error('startDate')}
            required
            short
          />
          <TextField
            id={errors.idOf('endDate')}
            label={labels.endDate!}
            type="date"
            value={endDate}
            onChange={setEndDate}
            error={errors.error('endDate')}
            short
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('form.saving') : t('prior.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
