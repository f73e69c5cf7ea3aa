import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, SelectField, TextAreaField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api } from '../../lib/api.ts';
import { withFieldPaths } from '../../lib/calls.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import {
  instructorsOf,
  sessionLanguages,
  type Course,
  type SessionDetail,
  type SessionLanguage,
} from '../../lib/training.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { courseLabel } from './parts.tsx';

export function NewSessionPage() {
  const auth = useAuth();
  if (!auth.can('session.manage')) return <NotFoundPage />;
  return <NewSessionForm />;
}

interface Draft {
  courseId: string;
  startsOn: string;
  endsOn: string;
  place: string;
  virtualLink: string;
  capacity: string;
  language: SessionLanguage | '';
  instructors: string;
}

/** Schedule a session of a course: in person (a place), virtual (a link), or both. */
function NewSessionForm() {
  const { t } = useTranslation('training');
  const lang = useLang();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  usePageTitle(t('newSession.title'));
  const errors = useFormErrors('session');
  const id = errors.idOf;
  const courses = useApi<Course[]>('/api/v1/courses');
  const [draft, setDraft] = useState<Draft>(() => ({
    courseId: params.get('courseId') ?? '',
    startsOn: '',
    endsOn: '',
    place: '',
    virtualLink: '',
    capacity: '',
    language: '',
    instructors: '',
  }));
  const [submitting, setSubmitting] = useState(false);
  const set =
    <K extends keyof Draft>(name: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [name]: value }));

  const labels: Record<string, string> = {
    courseId: t('newSession.course'),
    startsOn: t('newSession.startsOn'),
    endsOn: t('newSession.endsOn'),
    place: t('newSession.place'),
    virtualLink: t('newSession.virtualLink'),
    capacity: t('newSession.capacity'),
    language: t('newSession.language'),
    instructors: t('newSession.instructors'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems: Record<string, string> = {};
    if (!draft.courseId) problems.courseId = t('newSession.courseRequired');
    if (!draft.startsOn) problems.startsOn = t('newSession.startsOnRequired');
    if (!draft.endsOn) problems.endsOn = t('newSession.endsOnRequired');
    if (!draft.capacity.trim()) problems.capacity = t('newSession.capacityRequired');
    if (!draft.language) problems.language = t('newSession.languageRequired');
    if (Object.keys(problems).length > 0) return errors.show(problems, null);
    const instructors = instructorsOf(draft.instructors);
    const body = {
      courseId: draft.courseId,
      startsOn: draft.startsOn,
      endsOn: draft.endsOn,
      ...(draft.place.trim() ? { place: draft.place.trim() } : {}),
      ...(draft.virtualLink.trim() ? { virtualLink: draft.virtualLink.trim() } : {}),
      capacity: Number(draft.capacity),
      language: draft.language,
      ...(instructors.length > 0 ? { instructors } : {}),
    };
    setSubmitting(true);
    try {
      const created = await api<SessionDetail>('/api/v1/sessions', {
        method: 'POST',
        body,
        lang,
      });
      void navigate(`/${lang}/training/sessions/${created.id}`, { state: { scheduled: true } });
    } catch (error) {
      setSubmitting(false);
      errors.fail(
        withFieldPaths(error, (path) => (/^instructors\./.test(path) ? 'instructors' : path)),
      );
    }
  }

  if (courses.status !== 'ready') {
    return (
      <>
        <PageHeading>{t('newSession.title')}</PageHeading>
        {courses.status === 'error' ? <LoadError error={courses.error} /> : <Loading />}
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('newSession.title')}</PageHeading>
      <p className="lead">{t('newSession.intro')}</p>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <SelectField
          id={id('courseId')}
          label={labels.courseId!}
          value={draft.courseId}
          onChange={set('courseId')}
          options={courses.data.map((c) => ({ value: c.id, label: courseLabel(lang, c) }))}
          emptyLabel={t('newSession.choose')}
          error={errors.error('courseId')}
          required
        />
        <div className="form-grid">
          <TextField
            id={id('startsOn')}
            label={labels.startsOn!}
            type="date"
            value={draft.startsOn}
            onChange={set('startsOn')}
            error={errors.error('startsOn')}
            required
            short
          />
          <TextField
            id={id('endsOn')}
            label={labels.endsOn!}
            type="date"
            value={draft.endsOn}
            onChange={set('endsOn')}
            error={errors.error('endsOn')}
            required
            short
          />
        </div>
        <p className="help">{t('newSession.whereHint')}</p>
        <TextField
          id={id('place')}
          label={labels.place!}
          hint={t('newSession.placeHint')}
          value={draft.place}
          onChange={set('place')}
          error={errors.error('place')}
        />
        <TextField
          id={id('virtualLink')}
          label={labels.virtualLink!}
          hint={t('newSession.virtualLinkHint')}
          value={draft.virtualLink}
          onChange={set('virtualLink')}
          error={errors.error('virtualLink')}
        />
        <TextField
          id={id('capacity')}
          label={labels.capacity!}
          hint={t('newSession.capacityHint')}
          type="number"
          min={1}
          max={500}
          value={draft.capacity}
          onChange={set('capacity')}
          error={errors.error('capacity')}
          required
          short
        />
        <RadioGroup
          id={id('language')}
          legend={labels.language!}
          value={draft.language}
          onChange={(v) => set('language')(v as SessionLanguage)}
          options={sessionLanguages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          error={errors.error('language')}
          required
        />
        <TextAreaField
          id={id('instructors')}
          label={labels.instructors!}
          hint={t('newSession.instructorsHint')}
          value={draft.instructors}
          onChange={set('instructors')}
          error={errors.error('instructors')}
          rows={3}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('newSession.submitting') : t('newSession.submit')}
          </button>
          <Link to={`/${lang}/training`} className="button-secondary-link">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
