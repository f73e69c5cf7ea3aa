import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, TextAreaField } from '../../components/Fields.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import {
  ApiError,
  api,
  qualificationKinds,
  sensitiveKinds,
  type Officer,
  type Qualification,
  type QualificationKind,
} from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';
import { requirementLanguages } from '../../lib/reference.ts';
import {
  QualificationResult,
  ValidityTag,
  clearanceLevels,
  officerName,
  qualificationTitle,
  sortedQualifications,
  useRoles,
} from './parts.tsx';

type Panel =
  { mode: 'add' } | { mode: 'edit'; q: Qualification } | { mode: 'remove'; q: Qualification };

/** Kinds with a test score (percent). */
const scored: readonly QualificationKind[] = ['language', 'un_assessment'];

/**
 * The officer's qualifications with their validity in words and their expiry; recording,
 * correcting and removing them for those who may.
 */
export function QualificationsSection({
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
  const roles = useRoles();
  const notice = useSuccessNotice();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const [focusPanel, setFocusPanel] = useState(0);
  useEffect(() => {
    if (focusPanel > 0) panelHeading.current?.focus();
  }, [focusPanel]);
  const [returnFocus, setReturnFocus] = useState<string | null>(null);
  useEffect(() => {
    if (returnFocus) document.getElementById(returnFocus)?.focus();
  }, [returnFocus]);

  const canCreate = auth.can('qualification.create');
  const canUpdate = auth.can('qualification.update');
  const canDelete = auth.can('qualification.delete');
  // Correcting replaces every field: not for those who cannot see the sensitive ones.
  const editable = (q: Qualification) =>
    canUpdate && (officer.sensitiveVisible || !sensitiveKinds.includes(q.kind));
  const qualifications = sortedQualifications(officer.qualifications);
  const withActions = canUpdate || canDelete;
  const name = officerName(officer);

  const open = (next: Panel) => {
    notice.hide();
    setRemoveError(null);
    setPanel(next);
    setReturnFocus(null);
    setFocusPanel((n) => n + 1);
  };
  const close = (focusId: string) => {
    setPanel(null);
    setReturnFocus(focusId);
  };
  const done = (message: string) => {
    setPanel(null);
    setReturnFocus(null);
    notice.show(message);
    onChanged();
  };

  async function remove(q: Qualification) {
    if (removing) return;
    setRemoving(true);
    try {
      await api(`/api/v1/officers/${officer.id}/qualifications/${q.id}?version=${q.version}`, {
        method: 'DELETE',
        lang,
      });
      setRemoving(false);
      done(t('qualifications.removed', { qualification: qualificationTitle(t, q, roles) }));
    } catch (error) {
      setRemoving(false);
      setRemoveError(
        error instanceof ApiError
          ? error.message
          : t(
              error instanceof Error && error.name === 'NetworkError'
                ? 'common:errors.network'
                : 'common:errors.unexpected',
            ),
      );
    }
  }

  return (
    <section aria-labelledby="officer-qualifications">
      <h2 id="officer-qualifications">{t('qualifications.heading')}</h2>
      <p>{t('qualifications.intro')}</p>
      {!officer.sensitiveVisible ? <p className="help">{t('sensitive.qualifications')}</p> : null}
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {qualifications.length === 0 ? (
        <p>{self ? t('qualifications.noneOwn') : t('qualifications.none')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>
              {self ? t('qualifications.captionOwn') : t('qualifications.caption', { name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('qualifications.columns.qualification')}</th>
                <th scope="col">{t('qualifications.columns.result')}</th>
                <th scope="col">{t('qualifications.columns.obtained')}</th>
                <th scope="col">{t('qualifications.columns.expires')}</th>
                <th scope="col">{t('qualifications.columns.validity')}</th>
                <th scope="col">{t('qualifications.columns.document')}</th>
                {withActions ? <th scope="col">{t('qualifications.columns.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {qualifications.map((q) => {
                const title = qualificationTitle(t, q, roles);
                const obtained = formatDate(lang, q.obtainedOn);
                return (
                  <tr key={q.id}>
                    <th scope="row">{title}</th>
                    <td>
                      <QualificationResult q={q} sensitiveVisible={officer.sensitiveVisible} />
                    </td>
                    <td className="nowrap">{obtained}</td>
                    <td className="nowrap">
                      {q.expiresOn ? formatDate(lang, q.expiresOn) : t('qualifications.noExpiry')}
                    </td>
                    <td>
                      <ValidityTag validity={q.validity} />
                    </td>
                    <td>
                      {q.documentNumber ? (
                        <span className="code">{q.documentNumber}</span>
                      ) : !officer.sensitiveVisible && q.kind === 'passport' ? (
                        <span className="secondary">{t('notShown')}</span>
                      ) : (
                        '—'
                      )}
                    </td>
                    {withActions ? (
                      <td>
                        <div className="row-actions">
                          {editable(q) ? (
                            <button
                              type="button"
                              id={`edit-${q.id}`}
                              className="button button--secondary button--small"
                              onClick={() => open({ mode: 'edit', q })}
                            >
                              {t('qualifications.edit')}
                              <span className="visually-hidden">
                                {' '}
                                {t('qualifications.which', { qualification: title, obtained })}
                              </span>
                            </button>
                          ) : null}
                          {canDelete ? (
                            <button
                              type="button"
                              id={`remove-${q.id}`}
                              className="button button--secondary button--small"
                              onClick={() => open({ mode: 'remove', q })}
                            >
                              {t('qualifications.remove')}
                              <span className="visually-hidden">
                                {' '}
                                {t('qualifications.which', { qualification: title, obtained })}
                              </span>
                            </button>
                          ) : null}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canUpdate && !officer.sensitiveVisible ? (
        <p className="help">{t('qualifications.sensitiveEdit')}</p>
      ) : null}

      {panel?.mode === 'remove' ? (
        <div className="form-panel">
          <h3 id="qualification-panel" tabIndex={-1} ref={panelHeading}>
            {t('qualifications.removeHeading')}
          </h3>
          {removeError ? (
            <div className="notice notice--danger" role="alert">
              <p>{removeError}</p>
            </div>
          ) : null}
          <p>
            {t('qualifications.removeConfirm', {
              qualification: qualificationTitle(t, panel.q, roles),
              obtained: formatDate(lang, panel.q.obtainedOn),
            })}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              aria-disabled={removing}
              onClick={() => void remove(panel.q)}
            >
              {removing ? t('form.saving') : t('qualifications.removeSubmit')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => close(`remove-${panel.q.id}`)}
            >
              {t('common:cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {panel?.mode === 'add' || panel?.mode === 'edit' ? (
        <div className="form-panel">
          <h3 id="qualification-panel" tabIndex={-1} ref={panelHeading}>
            {panel.mode === 'edit'
              ? t('qualifications.editHeading', {
                  qualification: qualificationTitle(t, panel.q, roles),
                })
              : t('qualifications.addHeading')}
          </h3>
          <QualificationForm
            key={panel.mode === 'edit' ? panel.q.id : 'new'}
            officer={officer}
            existing={panel.mode === 'edit' ? panel.q : undefined}
            onSaved={(saved) =>
              done(
                panel.mode === 'edit'
                  ? t('qualifications.updated', {
                      qualification: qualificationTitle(t, saved, roles),
                    })
                  : t('qualifications.added', {
                      qualification: qualificationTitle(t, saved, roles),
                    }),
              )
            }
            onCancel={() =>
              close(panel.mode === 'edit' ? `edit-${panel.q.id}` : 'add-qualification')
            }
          />
        </div>
      ) : null}
      {canCreate && panel?.mode !== 'add' ? (
        <p>
          <button
            type="button"
            id="add-qualification"
            className="button button--secondary"
            onClick={() => open({ mode: 'add' })}
          >
            {t('qualifications.add')}
          </button>
        </p>
      ) : null}
    </section>
  );
}

interface Draft {
  kind: string;
  code: string;
  score: string;
  passed: string;
  obtainedOn: string;
  expiresOn: string;
  documentNumber: string;
  detail: string;
}

function QualificationForm({
  officer,
  existing,
  onSaved,
  onCancel,
}: {
  officer: Officer;
  existing: Qualification | undefined;
  onSaved(saved: Qualification): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('people');
  const lang = useLang();
  const roles = useRoles();
  const errors = useFormErrors('qualification');
  const [draft, setDraft] = useState<Draft>(() => ({
    kind: existing?.kind ?? '',
    code: existing?.code ?? '',
    score: existing?.score != null ? String(existing.score) : '',
    passed: existing?.passed == null ? '' : existing.passed ? 'true' : 'false',
    obtainedOn: existing?.obtainedOn ?? '',
    expiresOn: existing?.expiresOn ?? '',
    documentNumber: existing?.documentNumber ?? '',
    detail: existing?.detail ?? '',
  }));
  const [submitting, setSubmitting] = useState(false);
  const set = (name: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const kind = draft.kind as QualificationKind | '';
  const id = errors.idOf;
  const hasScore = kind !== '' && scored.includes(kind);
  // Sensitive fields: those who read them; and, for a new qualification, anyone who records it
  // (they will not see it once saved).
  const showSensitive = officer.sensitiveVisible || !existing;
  const blindHint = officer.sensitiveVisible ? '' : ` ${t('qualifications.blindHint')}`;

  const codeLabel =
    kind === 'language'
      ? t('qualifications.fields.language')
      : kind === 'security_clearance'
        ? t('qualifications.fields.level')
        : kind === 'specialisation'
          ? t('qualifications.fields.specialisation')
          : t('qualifications.fields.code');
  const labels: Record<string, string> = {
    kind: t('qualifications.fields.kind'),
    code: codeLabel,
    score: t('qualifications.fields.score'),
    passed: t('qualifications.fields.passed'),
    obtainedOn: t('qualifications.fields.obtainedOn'),
    expiresOn: t('qualifications.fields.expiresOn'),
    documentNumber: t('qualifications.fields.documentNumber'),
    detail: t('qualifications.fields.detail'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems: Record<string, string> = {};
    if (!kind) problems.kind = t('form.required', { field: labels.kind });
    if (
      (kind === 'language' || kind === 'specialisation' || kind === 'security_clearance') &&
      !draft.code
    )
      problems.code = t('form.required', { field: codeLabel });
    if (!draft.obtainedOn) problems.obtainedOn = t('form.required', { field: labels.obtainedOn });
    if (draft.obtainedOn && draft.expiresOn && draft.expiresOn < draft.obtainedOn)
      problems.expiresOn = t('qualifications.expiryBeforeObtained');
    if (Object.keys(problems).length > 0) return errors.show(problems, null);
    const score = hasScore && draft.score.trim() !== '' ? Number(draft.score) : null;
    const body = {
      kind,
      code: draft.code.trim(),
      score,
      passed: draft.passed === '' ? null : draft.passed === 'true',
      obtainedOn: draft.obtainedOn,
      // A UN assessment without an expiry gets the UN's 24 months.
      ...(draft.expiresOn
        ? { expiresOn: draft.expiresOn }
        : kind === 'un_assessment'
          ? {}
          : { expiresOn: null }),
      ...(showSensitive
        ? {
            documentNumber: draft.documentNumber.trim() || null,
            detail: draft.detail.trim() || null,
          }
        : sensitiveKinds.includes(kind as QualificationKind)
          ? {}
          : { detail: draft.detail.trim() || null }),
    };
    setSubmitting(true);
    try {
      const saved = existing
        ? await api<Qualification>(`/api/v1/officers/${officer.id}/qualifications/${existing.id}`, {
            method: 'PUT',
            body: { ...body, version: existing.version },
            lang,
          })
        : await api<Qualification>(`/api/v1/officers/${officer.id}/qualifications`, {
            method: 'POST',
            body,
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

  const codeField = (() => {
    switch (kind) {
      case 'language':
        return (
          <SelectField
            id={id('code')}
            label={codeLabel}
            value={draft.code}
            onChange={set('code')}
            options={requirementLanguages.map((l) => ({
              value: l,
              label: t(`reference:languages.${l}`),
            }))}
            emptyLabel={t('form.choose')}
            error={errors.error('code')}
            required
          />
        );
      case 'specialisation':
        return (
          <SelectField
            id={id('code')}
            label={codeLabel}
            value={draft.code}
            onChange={set('code')}
            options={roles.options}
            emptyLabel={t('form.choose')}
            error={errors.error('code')}
            required
          />
        );
      case 'security_clearance':
        return (
          <SelectField
            id={id('code')}
            label={codeLabel}
            value={draft.code}
            onChange={set('code')}
            options={clearanceLevels.map((l) => ({ value: l, label: t(`clearanceLevels.${l}`) }))}
            emptyLabel={t('form.choose')}
            error={errors.error('code')}
            required
          />
        );
      case '':
        return null;
      default:
        return (
          <TextField
            id={id('code')}
            label={codeLabel}
            hint={t(`qualifications.codeHints.${kind}`)}
            value={draft.code}
            onChange={set('code')}
            error={errors.error('code')}
            short
          />
        );
    }
  })();

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="qualification-panel" onSubmit={onSubmit}>
        <SelectField
          id={id('kind')}
          label={labels.kind!}
          value={draft.kind}
          onChange={(v) => setDraft((d) => ({ ...d, kind: v, code: v === d.kind ? d.code : '' }))}
          options={qualificationKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          emptyLabel={t('form.choose')}
          error={errors.error('kind')}
          required
        />
        {codeField}
        {hasScore ? (
          <TextField
            id={id('score')}
            label={labels.score!}
            hint={t('qualifications.scoreHint')}
            type="number"
            min={0}
            max={100}
            value={draft.score}
            onChange={set('score')}
            error={errors.error('score')}
            short
          />
        ) : null}
        <SelectField
          id={id('passed')}
          label={labels.passed!}
          hint={hasScore ? t('qualifications.passedScoreHint') : undefined}
          value={draft.passed}
          onChange={set('passed')}
          options={[
            { value: 'true', label: t('qualification.passed') },
            { value: 'false', label: t('qualification.failed') },
          ]}
          emptyLabel={t('qualifications.passedUnknown')}
          error={errors.error('passed')}
        />
        <div className="form-grid">
          <TextField
            id={id('obtainedOn')}
            label={labels.obtainedOn!}
            type="date"
            value={draft.obtainedOn}
            onChange={set('obtainedOn')}
            error={errors.error('obtainedOn')}
            required
            short
          />
          <TextField
            id={id('expiresOn')}
            label={labels.expiresOn!}
            hint={
              kind === 'un_assessment'
                ? t('qualifications.expiresUnHint')
                : t('qualifications.expiresHint')
            }
            type="date"
            value={draft.expiresOn}
            onChange={set('expiresOn')}
            error={errors.error('expiresOn')}
            short
          />
        </div>
        {showSensitive ? (
          <TextField
            id={id('documentNumber')}
            label={labels.documentNumber!}
            hint={t('qualifications.documentHint') + blindHint}
            value={draft.documentNumber}
            onChange={set('documentNumber')}
            error={errors.error('documentNumber')}
            autoComplete="off"
            short
          />
        ) : null}
        {showSensitive || (kind !== '' && !sensitiveKinds.includes(kind)) ? (
          <TextAreaField
            id={id('detail')}
            label={labels.detail!}
            hint={
              kind !== '' && sensitiveKinds.includes(kind)
                ? t('qualifications.detailSensitiveHint') + blindHint
                : undefined
            }
            value={draft.detail}
            onChange={set('detail')}
            error={errors.error('detail')}
            rows={3}
          />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting
              ? t('form.saving')
              : existing
                ? t('qualifications.save')
                : t('qualifications.addSubmit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
