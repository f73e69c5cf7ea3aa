import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import {
  api,
  type MissionDetail,
  type MissionPlan,
  type Page,
  type RequestDetail,
  type RequestLine,
  type RequestSummary,
} from '../../lib/api.ts';
import { byName, formatNumber, nameIn, tourEndOf } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, type Loadable } from '../../lib/hooks.ts';
import { useCodeList } from '../../lib/reference.ts';

interface ApprovedLine {
  request: RequestDetail;
  line: RequestLine;
  left: number;
}

/**
 * The lines of the mission's approved requests (the decision in force approves them), with how
 * many posts each may still make: GET /requests?missionId&status=decided, then each request.
 */
function useApprovedLines(missionId: string, refresh: number): Loadable<ApprovedLine[]> {
  const lang = useLang();
  const decided = useApi<Page<RequestSummary>>(
    `/api/v1/requests?missionId=${missionId}&status=decided&pageSize=200`,
    refresh,
  );
  const [state, setState] = useState<{ from: unknown; value: Loadable<ApprovedLine[]> }>({
    from: null,
    value: { status: 'loading' },
  });
  useEffect(() => {
    if (decided.status !== 'ready') return;
    const controller = new AbortController();
    const approved = decided.data.items.filter((r) => r.outcome && r.outcome !== 'declined');
    Promise.all(
      approved.map((r) =>
        api<RequestDetail>(`/api/v1/requests/${r.id}`, { lang, signal: controller.signal }),
      ),
    ).then(
      (details) =>
        setState({
          from: decided,
          value: {
            status: 'ready',
            data: details.flatMap((request) =>
              request.lines.map((line) => ({
                request,
                line,
                left: Math.max(0, line.postCount - line.postsCreated),
              })),
            ),
          },
        }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({ from: decided, value: { status: 'error', error } });
      },
    );
    return () => controller.abort();
  }, [decided, lang]);
  if (decided.status !== 'ready') return decided;
  return state.from === decided || state.value.status === 'ready'
    ? state.value
    : { status: 'loading' };
}

/** Program officers create the posts an approved request line asks for. */
export function NewPostsForm({
  mission,
  plan,
  refresh,
  onCreated,
}: {
  mission: MissionDetail;
  plan: MissionPlan;
  refresh: number;
  onCreated(): void;
}) {
  const { t } = useTranslation('planning');
  const lang = useLang();
  const postTypes = useCodeList('post-types');
  const lines = useApprovedLines(mission.id, refresh);
  const errors = useFormErrors('posts');
  const notice = useSuccessNotice();
  const [lineId, setLineId] = useState('');
  const [count, setCount] = useState('');
  const [locationId, setLocationId] = useState('');
  const [tourStart, setTourStart] = useState('');
  const [tourEnd, setTourEnd] = useState('');
  const [succeedsPostId, setSucceedsPostId] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const all = lines.status === 'ready' ? lines.data : [];
  const open = all.filter((l) => l.left > 0);
  const locations = [...mission.locations].sort(byName<MissionDetail['locations'][number]>(lang));

  function choose(id: string) {
    setLineId(id);
    const chosen = all.find((l) => l.line.id === id);
    if (!chosen) return;
    setCount(String(chosen.left));
    setLocationId(chosen.line.locationId ?? '');
    setTourStart(chosen.request.startDate);
    setTourEnd(tourEndOf(chosen.request.startDate, chosen.request.tourMonths));
  }

  const labels: Record<string, string> = {
    requestLineId: t('form.line'),
    count: t('form.count'),
    locationId: t('form.location'),
    tourStart: t('form.tourStart'),
    tourEnd: t('form.tourEnd'),
    succeedsPostId: t('form.succeeds'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    notice.hide();
    if (!lineId) return errors.show({ requestLineId: t('form.lineRequired') }, null);
    setSubmitting(true);
    try {
      const created = await api<unknown[]>(`/api/v1/missions/${mission.id}/posts`, {
        method: 'POST',
        body: {
          requestLineId: lineId,
          count: count.trim() === '' ? undefined : Number(count),
          locationId: locationId || null,
          tourStart: tourStart || undefined,
          tourEnd: tourEnd || undefined,
          succeedsPostId: succeedsPostId || null,
        },
        lang,
      });
      errors.clear();
      setLineId('');
      setCount('');
      setLocationId('');
      setTourStart('');
      setTourEnd('');
      setSucceedsPostId('');
      notice.show(
        t('form.created', { count: created.length, posts: formatNumber(lang, created.length) }),
      );
      onCreated();
    } catch (error) {
      errors.fail(error);
    } finally {
      setSubmitting(false);
    }
  }

  const lineLabel = ({ request, line, left }: ApprovedLine) =>
    t('form.lineOption', {
      number: request.number,
      line: line.lineNo,
      postType: postTypes.name(line.postTypeCode),
      left: formatNumber(lang, left),
      count: formatNumber(lang, line.postCount),
    });

  return (
    <div className="form-panel">
      <h3 id="new-posts">{t('form.heading')}</h3>
      <p>{t('form.intro')}</p>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {lines.status === 'error' ? <LoadError error={lines.error} /> : null}
      {lines.status === 'loading' ? <Loading /> : null}
      {lines.status === 'ready' && open.length === 0 ? <p>{t('form.noLines')}</p> : null}
      {lines.status === 'ready' && open.length > 0 ? (
        <>
          <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
          <form className="form" noValidate aria-labelledby="new-posts" onSubmit={onSubmit}>
            <SelectField
              id={errors.idOf('requestLineId')}
              label={t('form.line')}
              hint={t('form.lineHint')}
              value={lineId}
              onChange={choose}
              options={open.map((l) => ({ value: l.line.id, label: lineLabel(l) }))}
              emptyLabel={t('form.choose')}
              error={errors.error('requestLineId')}
              required
            />
            <TextField
              id={errors.idOf('count')}
              label={t('form.count')}
              type="number"
              min={1}
              max={200}
              value={count}
              onChange={setCount}
              error={errors.error('count')}
              required
              short
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
            {plan.posts.length > 0 ? (
              <SelectField
                id={errors.idOf('succeedsPostId')}
                label={t('form.succeeds')}
                hint={t('form.succeedsHint')}
                value={succeedsPostId}
                onChange={setSucceedsPostId}
                options={plan.posts
                  .filter((p) => p.status !== 'cancelled' && !p.successorId)
                  .map((p) => ({ value: p.id, label: p.reference }))}
                emptyLabel={t('form.noPredecessor')}
                error={errors.error('succeedsPostId')}
              />
            ) : null}
            <button type="submit" className="button button--primary" aria-disabled={submitting}>
              {submitting ? t('form.submitting') : t('form.submit')}
            </button>
          </form>
        </>
      ) : null}
    </div>
  );
}
