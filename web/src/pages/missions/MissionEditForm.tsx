import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup } from '../../components/Fields.tsx';
import {
  ApiError,
  api,
  type Mission,
  type MissionDetail,
  type MissionStatus,
} from '../../lib/api.ts';
import { useFocusLater, useFormErrors } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';
import {
  MissionFields,
  missionDraftOf,
  missionFieldLabel,
  type MissionDraft,
} from './MissionFields.tsx';

/**
 * Where a mission may go from each status: planned -> active -> closing -> closed, suspension
 * lifted back to active (the server's rule, src/modules/missions/rules.ts, checks it again).
 */
export const missionMoves: Record<MissionStatus, readonly MissionStatus[]> = {
  planned: ['active', 'closed'],
  active: ['suspended', 'closing'],
  suspended: ['active', 'closing'],
  closing: ['closed', 'active'],
  closed: [],
};

const text = (value: string) => value.trim() || undefined;

/** Edit a registered mission: names, dates, language, risk, arms, headquarters, and its status. */
export function MissionEditForm({
  mission,
  headingId,
  onSaved,
  onCancel,
  onReload,
}: {
  mission: MissionDetail;
  /** The heading that names the form. */
  headingId: string;
  onSaved(mission: Mission): void;
  onCancel(): void;
  /** Load the mission again (after a stale version): the form starts again from it. */
  onReload(): void;
}) {
  const { t } = useTranslation('planning');
  const lang = useLang();
  const errors = useFormErrors('mission');
  const focusLater = useFocusLater();
  const [draft, setDraft] = useState<MissionDraft>(() => missionDraftOf(mission));
  const [status, setStatus] = useState<MissionStatus>(mission.status);
  const [stale, setStale] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const statusName = (s: MissionStatus) => t(`reference:missionStatuses.${s}`);

  const labelOf = (path: string) =>
    path === 'status' ? t('missionForm.status') : missionFieldLabel(t, path);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setStale(false);
    setSubmitting(true);
    try {
      const saved = await api<Mission>(`/api/v1/missions/${mission.id}`, {
        method: 'PATCH',
        body: {
          version: mission.version,
          // Sent even when blank: the server says what is required.
          acronym: draft.acronym,
          nameEn: draft.nameEn,
          nameFr: draft.nameFr,
          startDate: draft.startDate,
          endDate: text(draft.endDate) ?? null,
          workingLanguage: draft.workingLanguage,
          riskLevel: draft.riskLevel,
          armed: draft.armed,
          headquarters: text(draft.headquarters) ?? null,
          ...(status !== mission.status ? { status } : {}),
        },
        lang,
      });
      errors.clear();
      setSubmitting(false);
      onSaved(saved);
    } catch (error) {
      setSubmitting(false);
      setStale(error instanceof ApiError && error.code === 'stale_version');
      errors.fail(error);
    }
  }

  const moves = missionMoves[mission.status];
  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items(labelOf)} />
      {stale ? (
        <p>
          <button type="button" className="button button--secondary" onClick={onReload}>
            {t('missionForm.reload')}
          </button>
        </p>
      ) : null}
      <form className="form" noValidate aria-labelledby={headingId} onSubmit={onSubmit}>
        {moves.length > 0 ? (
          <RadioGroup
            id={errors.idOf('status')}
            legend={t('missionForm.status')}
            hint={t('missionForm.statusHint', { status: statusName(mission.status) })}
            value={status}
            onChange={(v) => setStatus(v as MissionStatus)}
            options={[
              {
                value: mission.status,
                label: t('missionForm.statusKeep', { status: statusName(mission.status) }),
              },
              ...moves.map((s) => ({
                value: s,
                label: t(`missionForm.moves.${s}`),
              })),
            ]}
            error={errors.error('status')}
          />
        ) : (
          <p>{t('missionForm.closedForGood')}</p>
        )}
        <MissionFields
          mode="edit"
          value={draft}
          onChange={setDraft}
          form={errors}
          focusLater={focusLater}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('missionForm.saving') : t('missionForm.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
