import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, SelectField } from '../../components/Fields.tsx';
import { TextField } from '../../components/TextField.tsx';
import { ApiError, api, type MissionDetail, type Post, type PostStatus } from '../../lib/api.ts';
import { byName, nameIn } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';

const postStatuses: readonly PostStatus[] = ['vacant', 'filled', 'cancelled'];

/**
 * Change one post of the mission's plan: its status, location, tour, and the post it takes over
 * from (rotation). The server checks the ceiling again when the tour moves or a cancelled post
 * comes back, and refuses a change made to an older version of the post.
 */
export function PostEditForm({
  mission,
  post,
  posts,
  onSaved,
  onCancel,
  onReload,
}: {
  mission: MissionDetail;
  post: Post;
  posts: readonly Post[];
  onSaved(post: Post): void;
  onCancel(): void;
  /** Load the plan again (after a stale version): the form starts again from the new post. */
  onReload(): void;
}) {
  const { t } = useTranslation('planning');
  const lang = useLang();
  const errors = useFormErrors('post');
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<PostStatus>(post.status);
  const [locationId, setLocationId] = useState(post.locationId ?? '');
  const [tourStart, setTourStart] = useState(post.tourStart);
  const [tourEnd, setTourEnd] = useState(post.tourEnd);
  const [succeedsPostId, setSucceedsPostId] = useState(post.succeedsPostId ?? '');
  const [stale, setStale] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  // Opening the form moves focus to its heading, so it is announced.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const locations = [...mission.locations].sort(byName<MissionDetail['locations'][number]>(lang));
  // A post can take over from another post of the mission that no other post relieves already
  // (nor itself, nor the post that relieves it).
  const predecessors = posts.filter(
    (p) =>
      p.id === post.succeedsPostId ||
      (p.id !== post.id &&
        p.id !== post.successorId &&
        p.status !== 'cancelled' &&
        (!p.successorId || p.successorId === post.id)),
  );

  const labels: Record<string, string> = {
    status: t('postEdit.status'),
    locationId: t('form.location'),
    tourStart: t('form.tourStart'),
    tourEnd: t('form.tourEnd'),
    succeedsPostId: t('postEdit.succeeds'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setStale(false);
    setSubmitting(true);
    try {
      const saved = await api<Post>(`/api/v1/missions/${mission.id}/posts/${post.id}`, {
        method: 'PATCH',
        body: {
          version: post.version,
          status,
          locationId: locationId || null,
          tourStart: tourStart || undefined,
          tourEnd: tourEnd || undefined,
          succeedsPostId: succeedsPostId || null,
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

  const headingId = `edit-post-${post.id}`;
  return (
    <div className="form-panel">
      <h3 id={headingId} tabIndex={-1} ref={heading}>
        {t('postEdit.heading', { reference: post.reference })}
      </h3>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      {stale ? (
        <p>
          <button type="button" className="button button--secondary" onClick={onReload}>
            {t('postEdit.reload')}
          </button>
        </p>
      ) : null}
      <form className="form" noValidate aria-labelledby={headingId} onSubmit={onSubmit}>
        <RadioGroup
          id={errors.idOf('status')}
          legend={t('postEdit.status')}
          value={status}
          onChange={(v) => setStatus(v as PostStatus)}
          options={postStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          hint={t('postEdit.statusHint')}
          error={errors.error('status')}
          required
        />
        <SelectField
          id={errors.idOf('locationId')}
          label={t('form.location')}
          value={locationId}
          onChange={setLocationId}
          options={locations.map((l) => ({ value: l.id, label: nameIn(lang, l) }))}
          emptyLabel={t('anyLocation')}
          error={errors.error('locationId')}
        />
        <TextField
          id={errors.idOf('tourStart')}
          label={t('form.tourStart')}
          type="date"
          value={tourStart}
          onChange={setTourStart}
          error={errors.error('tourStart')}
          required
          short
        />
        <TextField
          id={errors.idOf('tourEnd')}
          label={t('form.tourEnd')}
          hint={t('form.tourEndHint')}
          type="date"
          value={tourEnd}
          onChange={setTourEnd}
          error={errors.error('tourEnd')}
          required
          short
        />
        <SelectField
          id={errors.idOf('succeedsPostId')}
          label={t('postEdit.succeeds')}
          hint={t('postEdit.succeedsHint')}
          value={succeedsPostId}
          onChange={setSucceedsPostId}
          options={predecessors.map((p) => ({ value: p.id, label: p.reference }))}
          emptyLabel={t('postEdit.noPredecessor')}
          error={errors.error('succeedsPostId')}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('postEdit.submitting') : t('postEdit.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
