import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { FieldGroup, RadioGroup, TextAreaField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api, type Mission, type MissionRole, type Page } from '../../lib/api.ts';
import { withFieldPaths } from '../../lib/calls.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { firstError, useCodeList } from '../../lib/reference.ts';
import {
  deliveries,
  requirementOf,
  type Audience,
  type Course,
  type Delivery,
} from '../../lib/training.ts';
import { missionLabel } from '../calls/parts.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

const runningStatuses = new Set(['planned', 'active', 'suspended', 'closing']);

export function NewCoursePage() {
  const auth = useAuth();
  if (!auth.can('course.manage')) return <NotFoundPage />;
  return <NewCourseForm />;
}

interface Draft {
  code: string;
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  delivery: Delivery | '';
  durationDays: string;
  passMark: string;
  validityMonths: string;
  audience: Audience;
  postTypes: string[];
  teams: string[];
  missionCodes: string[];
}

const emptyDraft: Draft = {
  code: '',
  nameEn: '',
  nameFr: '',
  descriptionEn: '',
  descriptionFr: '',
  delivery: '',
  durationDays: '',
  passMark: '',
  validityMonths: '',
  audience: 'everyone',
  postTypes: [],
  teams: [],
  missionCodes: [],
};

/** A group of checkboxes (post types, teams, missions) under a legend. */
function CheckboxList({
  id,
  legend,
  hint,
  options,
  chosen,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  chosen: readonly string[];
  onChange(chosen: string[]): void;
}) {
  return (
    <fieldset className="field fieldset" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {options.map((o, i) => {
        const boxId = i === 0 ? id : `${id}-${o.value}`;
        return (
          <div className="choice" key={o.value}>
            <input
              id={boxId}
              type="checkbox"
              className="choice__input"
              checked={chosen.includes(o.value)}
              onChange={(event) => {
                const on = event.target.checked;
                onChange(on ? [...chosen, o.value] : chosen.filter((x) => x !== o.value));
              }}
            />
            <label htmlFor={boxId} className="choice__label">
              {o.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Add a course to the catalogue: names, delivery, duration, pass mark, validity, who must take it. */
function NewCourseForm() {
  const { t } = useTranslation('training');
  const lang = useLang();
  const auth = useAuth();
  const navigate = useNavigate();
  usePageTitle(t('newCourse.title'));
  const errors = useFormErrors('course');
  const id = errors.idOf;
  const postTypes = useCodeList('post-types');
  const roles = useCodeList<MissionRole>('mission-roles');
  const missions = useApi<Page<Mission>>(
    auth.can('mission.list') ? '/api/v1/missions?pageSize=200' : null,
  );
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [submitting, setSubmitting] = useState(false);
  const set =
    <K extends keyof Draft>(name: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [name]: value }));

  const teamOptions = roles.items
    .filter((r) => r.kind === 'specialised_team')
    .map((r) => ({ value: r.code, label: roles.name(r.code) }));
  const missionOptions = useMemo(
    () =>
      missions.status === 'ready'
        ? missions.data.items
            .filter((m) => runningStatuses.has(m.status))
            .sort((a, b) => a.acronym.localeCompare(b.acronym))
            .map((m) => ({ value: m.code, label: missionLabel(lang, m) }))
        : [],
    [missions, lang],
  );

  const labels: Record<string, string> = {
    code: t('newCourse.code'),
    nameEn: t('newCourse.nameEn'),
    nameFr: t('newCourse.nameFr'),
    descriptionEn: t('newCourse.descriptionEn'),
    descriptionFr: t('newCourse.descriptionFr'),
    delivery: t('newCourse.delivery'),
    durationDays: t('newCourse.durationDays'),
    passMark: t('newCourse.passMark'),
    validityMonths: t('newCourse.validityMonths'),
    requiredFor: t('newCourse.audience'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems: Record<string, string> = {};
    if (!draft.code.trim()) problems.code = t('newCourse.codeRequired');
    if (!draft.nameEn.trim()) problems.nameEn = t('newCourse.nameEnRequired');
    if (!draft.nameFr.trim()) problems.nameFr = t('newCourse.nameFrRequired');
    if (!draft.delivery) problems.delivery = t('newCourse.deliveryRequired');
    if (!draft.durationDays.trim()) problems.durationDays = t('newCourse.durationRequired');
    if (
      draft.audience === 'some' &&
      draft.postTypes.length + draft.teams.length + draft.missionCodes.length === 0
    )
      problems.requiredFor = t('newCourse.someRequired');
    if (Object.keys(problems).length > 0) return errors.show(problems, null);
    const number = (value: string) => (value.trim() === '' ? null : Number(value));
    const body = {
      code: draft.code.trim().toUpperCase(),
      nameEn: draft.nameEn.trim(),
      nameFr: draft.nameFr.trim(),
      ...(draft.descriptionEn.trim() ? { descriptionEn: draft.descriptionEn.trim() } : {}),
      ...(draft.descriptionFr.trim() ? { descriptionFr: draft.descriptionFr.trim() } : {}),
      delivery: draft.delivery,
      durationDays: Number(draft.durationDays),
      passMark: number(draft.passMark),
      validityMonths: number(draft.validityMonths),
      requiredFor: requirementOf(draft.audience, draft),
    };
    setSubmitting(true);
    try {
      const created = await api<Course>('/api/v1/courses', { method: 'POST', body, lang });
      void navigate(`/${lang}/training`, { state: { courseAdded: created.code } });
    } catch (error) {
      setSubmitting(false);
      errors.fail(
        withFieldPaths(error, (path) => (/^requiredFor\./.test(path) ? 'requiredFor' : path)),
      );
    }
  }

  const loadError = firstError(postTypes.loaded, roles.loaded, missions);
  if (
    loadError ||
    postTypes.loaded.status === 'loading' ||
    roles.loaded.status === 'loading' ||
    (auth.can('mission.list') && missions.status === 'loading')
  ) {
    return (
      <>
        <PageHeading>{t('newCourse.title')}</PageHeading>
        {loadError ? <LoadError error={loadError} /> : <Loading />}
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('newCourse.title')}</PageHeading>
      <p className="lead">{t('newCourse.intro')}</p>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <h2>{t('newCourse.courseHeading')}</h2>
        <TextField
          id={id('code')}
          label={labels.code!}
          hint={t('newCourse.codeHint')}
          value={draft.code}
          onChange={set('code')}
          error={errors.error('code')}
          required
          short
        />
        <div className="form-grid">
          <TextField
            id={id('nameEn')}
            label={labels.nameEn!}
            value={draft.nameEn}
            onChange={set('nameEn')}
            error={errors.error('nameEn')}
            required
          />
          <TextField
            id={id('nameFr')}
            label={labels.nameFr!}
            value={draft.nameFr}
            onChange={set('nameFr')}
            error={errors.error('nameFr')}
            required
          />
        </div>
        <TextAreaField
          id={id('descriptionEn')}
          label={labels.descriptionEn!}
          value={draft.descriptionEn}
          onChange={set('descriptionEn')}
          error={errors.error('descriptionEn')}
          rows={3}
        />
        <TextAreaField
          id={id('descriptionFr')}
          label={labels.descriptionFr!}
          value={draft.descriptionFr}
          onChange={set('descriptionFr')}
          error={errors.error('descriptionFr')}
          rows={3}
        />
        <RadioGroup
          id={id('delivery')}
          legend={labels.delivery!}
          value={draft.delivery}
          onChange={(v) => set('delivery')(v as Delivery)}
          options={deliveries.map((d) => ({ value: d, label: t(`deliveries.${d}`) }))}
          error={errors.error('delivery')}
          required
        />
        <div className="form-grid">
          <TextField
            id={id('durationDays')}
            label={labels.durationDays!}
            type="number"
            min={1}
            max={365}
            value={draft.durationDays}
            onChange={set('durationDays')}
            error={errors.error('durationDays')}
            required
            short
          />
          <TextField
            id={id('passMark')}
            label={labels.passMark!}
            hint={t('newCourse.passMarkHint')}
            type="number"
            min={0}
            max={100}
            value={draft.passMark}
            onChange={set('passMark')}
            error={errors.error('passMark')}
            short
          />
          <TextField
            id={id('validityMonths')}
            label={labels.validityMonths!}
            hint={t('newCourse.validityHint')}
            type="number"
            min={1}
            max={240}
            value={draft.validityMonths}
            onChange={set('validityMonths')}
            error={errors.error('validityMonths')}
            short
          />
        </div>

        <h2>{t('newCourse.audienceHeading')}</h2>
        <RadioGroup
          id={id('requiredFor')}
          legend={labels.requiredFor!}
          hint={t('newCourse.audienceHint')}
          value={draft.audience}
          onChange={(v) => set('audience')(v as Audience)}
          options={[
            { value: 'everyone', label: t('newCourse.audiences.everyone') },
            { value: 'some', label: t('newCourse.audiences.some') },
            { value: 'none', label: t('newCourse.audiences.none') },
          ]}
          error={errors.error('requiredFor')}
          required
        />
        {draft.audience === 'some' ? (
          <FieldGroup legend={t('newCourse.someLegend')}>
            <p className="field__hint">{t('newCourse.someHint')}</p>
            <CheckboxList
              id={id('postTypes')}
              legend={t('newCourse.postTypes')}
              options={postTypes.options}
              chosen={draft.postTypes}
              onChange={set('postTypes')}
            />
            <CheckboxList
              id={id('teams')}
              legend={t('newCourse.teams')}
              options={teamOptions}
              chosen={draft.teams}
              onChange={set('teams')}
            />
            {missionOptions.length > 0 ? (
              <CheckboxList
                id={id('missionCodes')}
                legend={t('newCourse.missions')}
                hint={t('newCourse.missionsHint')}
                options={missionOptions}
                chosen={draft.missionCodes}
                onChange={set('missionCodes')}
              />
            ) : null}
          </FieldGroup>
        ) : null}

        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('newCourse.submitting') : t('newCourse.submit')}
          </button>
          <Link to={`/${lang}/training`} className="button-secondary-link">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
