import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, SelectField, TextAreaField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TextField } from '../../components/TextField.tsx';
import {
  api,
  type Mission,
  type MissionDetail,
  type MissionPlan,
  type Page,
  type Post,
} from '../../lib/api.ts';
import {
  withFieldPaths,
  type Audience,
  type CallDetail,
  type CallSummary,
} from '../../lib/calls.ts';
import { nameIn, todayIso } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle, type Loadable } from '../../lib/hooks.ts';
import { firstError, useCodeList } from '../../lib/reference.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies } from '../officers/parts.tsx';
import { missionLabel, tourText } from './parts.tsx';

/** The program's Women, Peace and Security target: the floor a call starts with. */
const PROGRAM_FLOOR = '30';
const openStatuses = new Set(['planned', 'active', 'suspended', 'closing']);

/**
 * The mission's posts already offered in a call still running, with that call's number: a post
 * is in one call at a time (the server says so too, should another call take it meanwhile).
 */
function useOfferedPosts(missionId: string): Loadable<Map<string, string>> {
  const lang = useLang();
  const calls = useApi<Page<CallSummary>>(
    missionId ? `/api/v1/calls?missionId=${missionId}&pageSize=200` : null,
  );
  const [state, setState] = useState<{ from: unknown; value: Loadable<Map<string, string>> }>({
    from: null,
    value: { status: 'loading' },
  });
  useEffect(() => {
    if (calls.status !== 'ready') return;
    const controller = new AbortController();
    const running = calls.data.items.filter((c) => c.status === 'open' || c.status === 'closed');
    Promise.all(
      running.map((c) =>
        api<CallDetail>(`/api/v1/calls/${c.id}`, { lang, signal: controller.signal }),
      ),
    ).then(
      (details) => {
        const offered = new Map<string, string>();
        for (const call of details)
          for (const post of call.posts) offered.set(post.id, call.number);
        setState({ from: calls, value: { status: 'ready', data: offered } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({ from: calls, value: { status: 'error', error } });
      },
    );
    return () => controller.abort();
  }, [calls, lang]);
  if (calls.status !== 'ready') return calls;
  return state.from === calls ? state.value : { status: 'loading' };
}

export function NewCallPage() {
  const auth = useAuth();
  if (!auth.can('call.open')) return <NotFoundPage />;
  return <NewCallForm />;
}

interface AgencyDraft {
  invited: boolean;
  cap: string;
}

/** Open a call for vacant posts of a mission: which posts, until when, for which agencies. */
function NewCallForm() {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const navigate = useNavigate();
  usePageTitle(t('new.title'));
  const errors = useFormErrors('call');
  const id = errors.idOf;

  const missions = useApi<Page<Mission>>('/api/v1/missions?pageSize=200');
  const agencies = useAgencies();
  const postTypes = useCodeList('post-types');
  const [missionId, setMissionId] = useState('');
  const plan = useApi<MissionPlan>(missionId ? `/api/v1/missions/${missionId}/posts` : null);
  const mission = useApi<MissionDetail>(missionId ? `/api/v1/missions/${missionId}` : null);
  const offered = useOfferedPosts(missionId);
  const [postIds, setPostIds] = useState<string[]>([]);
  const [closesOn, setClosesOn] = useState('');
  const [audience, setAudience] = useState<Audience>('all');
  const [byAgency, setByAgency] = useState<Record<string, AgencyDraft>>({});
  const [floor, setFloor] = useState(PROGRAM_FLOOR);
  const [notes, setNotes] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const missionGroups = useMemo(() => {
    const all =
      missions.status === 'ready'
        ? [...missions.data.items].sort((a, b) => a.acronym.localeCompare(b.acronym))
        : [];
    const option = (m: Mission) => ({ value: m.id, label: missionLabel(lang, m) });
    return [
      {
        label: t('new.missionsOpen'),
        options: all.filter((m) => openStatuses.has(m.status)).map(option),
      },
      {
        label: t('new.missionsClosed'),
        options: all.filter((m) => !openStatuses.has(m.status)).map(option),
      },
    ];
  }, [missions, lang, t]);

  // Posts a call can offer: vacant, not started yet, and not in a call still running.
  const today = todayIso();
  const inCall = offered.status === 'ready' ? offered.data : new Map<string, string>();
  const open =
    plan.status === 'ready'
      ? plan.data.posts.filter((p) => p.status === 'vacant' && p.tourStart > today)
      : [];
  const vacant = open.filter((p) => !inCall.has(p.id));
  const taken = open.filter((p) => inCall.has(p.id));
  const postsLoad: Loadable<unknown> =
    plan.status !== 'ready' ? plan : offered.status !== 'ready' ? offered : plan;
  const locationName = (post: Post) => {
    const found =
      post.locationId && mission.status === 'ready'
        ? mission.data.locations.find((l) => l.id === post.locationId)
        : undefined;
    return found ? nameIn(lang, found) : t('anyLocation');
  };
  const postLabel = (post: Post) =>
    t('new.postOption', {
      reference: post.reference,
      type: postTypes.name(post.postTypeCode),
      location: locationName(post),
      tour: tourText(t, lang, post.tourStart, post.tourEnd),
    });
  const agencyDraft = (agencyId: string): AgencyDraft =>
    byAgency[agencyId] ?? { invited: false, cap: '' };
  const setAgency = (agencyId: string, change: Partial<AgencyDraft>) =>
    setByAgency((all) => ({ ...all, [agencyId]: { ...agencyDraft(agencyId), ...change } }));

  const labels: Record<string, string> = {
    missionId: t('new.mission'),
    postIds: t('new.posts'),
    closesOn: t('new.closesOn'),
    audience: t('new.audience'),
    agencies: t('new.agencies'),
    womenFloorPercent: t('new.floor'),
    notes: t('new.notes'),
  };
  const labelOf = (path: string): string | undefined => {
    if (labels[path]) return labels[path];
    const post = /^post\.(.+)$/.exec(path);
    if (post) {
      const found = vacant.find((p) => p.id === post[1]);
      return found ? t('new.postLabel', { reference: found.reference }) : labels.postIds;
    }
    const cap = /^cap\.(.+)$/.exec(path);
    if (cap) return t('new.capFor', { agency: agencies.name(cap[1]) });
    const invite = /^invite\.(.+)$/.exec(path);
    if (invite) return t('new.inviteAgency', { agency: agencies.name(invite[1]) });
    return undefined;
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems: Record<string, string> = {};
    if (!missionId) problems.missionId = t('new.missionRequired');
    else if (postIds.length === 0) problems.postIds = t('new.postsRequired');
    if (!closesOn) problems.closesOn = t('new.closesOnRequired');
    if (audience === 'chosen' && !Object.values(byAgency).some((a) => a.invited))
      problems.agencies = t('new.agenciesRequired');
    if (Object.keys(problems).length > 0) return errors.show(problems, null);

    // The posts in the order of the plan; the agencies invited (or, for all, those capped).
    const sentPosts = vacant.filter((p) => postIds.includes(p.id)).map((p) => p.id);
    const sentAgencies = agencies.items
      .filter((a) => {
        const d = agencyDraft(a.id);
        return audience === 'chosen' ? d.invited : d.cap.trim() !== '';
      })
      .map((a) => {
        const cap = agencyDraft(a.id).cap.trim();
        return { agencyId: a.id, cap: cap === '' ? null : Number(cap) };
      });
    const body = {
      missionId,
      postIds: sentPosts,
      closesOn,
      audience,
      agencies: sentAgencies,
      ...(floor.trim() !== '' ? { womenFloorPercent: Number(floor) } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    };
    setSubmitting(true);
    try {
      const created = await api<CallDetail>('/api/v1/calls', { method: 'POST', body, lang });
      void navigate(`/${lang}/calls/${created.id}`, { state: { opened: created.number } });
    } catch (error) {
      setSubmitting(false);
      errors.fail(
        withFieldPaths(error, (path) => {
          const post = /^postIds\.(\d+)$/.exec(path);
          if (post) return `post.${sentPosts[Number(post[1])] ?? ''}`;
          const agency = /^agencies\.(\d+)(?:\.(\w+))?$/.exec(path);
          if (agency) {
            const agencyId = sentAgencies[Number(agency[1])]?.agencyId ?? '';
            return agency[2] === 'cap' ? `cap.${agencyId}` : `invite.${agencyId}`;
          }
          return path;
        }),
      );
    }
  }

  const loadError = firstError(missions, agencies.loaded, postTypes.loaded);
  if (loadError || missions.status === 'loading' || agencies.loaded.status === 'loading') {
    return (
      <>
        <PageHeading>{t('new.title')}</PageHeading>
        {loadError ? <LoadError error={loadError} /> : <Loading />}
      </>
    );
  }

  const postError = (post: Post) => errors.error(`post.${post.id}`);
  // A problem with a group of checkboxes links to its first checkbox.
  const groupTarget: Record<string, string | undefined> = {
    [id('postIds')]: vacant[0] ? id(`post.${vacant[0].id}`) : undefined,
    [id('agencies')]:
      audience === 'chosen' && agencies.items[0]
        ? id(`invite.${agencies.items[0].id}`)
        : id('audience'),
  };
  const summary = errors
    .items(labelOf)
    .map((item) =>
      item.fieldId && groupTarget[item.fieldId]
        ? { ...item, fieldId: groupTarget[item.fieldId] }
        : item,
    );

  return (
    <>
      <PageHeading>{t('new.title')}</PageHeading>
      <p className="lead">{t('new.intro')}</p>
      <ErrorSummary focusKey={errors.shown} items={summary} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <h2>{t('new.postsHeading')}</h2>
        <SelectField
          id={id('missionId')}
          label={labels.missionId!}
          value={missionId}
          onChange={(value) => {
            setMissionId(value);
            setPostIds([]);
          }}
          options={[]}
          groups={missionGroups}
          emptyLabel={t('new.choose')}
          error={errors.error('missionId')}
          required
        />
        {missionId ? (
          postsLoad.status === 'error' ? (
            <LoadError error={postsLoad.error} />
          ) : postsLoad.status === 'loading' ? (
            <Loading />
          ) : vacant.length === 0 ? (
            <p id={id('postIds')} tabIndex={-1}>
              {t('new.noVacantPosts')}
            </p>
          ) : (
            <fieldset
              className={errors.error('postIds') ? 'field fieldset field--error' : 'field fieldset'}
              aria-describedby={`${id('postIds')}-hint${errors.error('postIds') ? ` ${id('postIds')}-error` : ''}`}
            >
              <legend className="field__label">
                {labels.postIds}
                <span className="field__required"> {t('common:required')}</span>
              </legend>
              <p id={`${id('postIds')}-hint`} className="field__hint">
                {t('new.postsHint')}
              </p>
              {errors.error('postIds') ? (
                <p id={`${id('postIds')}-error`} className="field__error">
                  {errors.error('postIds')}
                </p>
              ) : null}
              {vacant.map((post) => {
                const fieldId = id(`post.${post.id}`);
                const error = postError(post);
                return (
                  <div
                    key={post.id}
                    className={error ? 'choice field--error' : 'choice'}
                    data-post={post.reference}
                  >
                    <input
                      id={fieldId}
                      type="checkbox"
                      className="choice__input"
                      checked={postIds.includes(post.id)}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${fieldId}-error` : undefined}
                      onChange={(event) => {
                        const on = event.target.checked;
                        setPostIds((all) =>
                          on ? [...all, post.id] : all.filter((x) => x !== post.id),
                        );
                      }}
                    />
                    <label htmlFor={fieldId} className="choice__label">
                      {postLabel(post)}
                    </label>
                    {error ? (
                      <p id={`${fieldId}-error`} className="field__error choice__hint">
                        {error}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </fieldset>
          )
        ) : null}
        {missionId && postsLoad.status === 'ready' && taken.length > 0 ? (
          <p className="help">
            {t('new.postsTaken', {
              count: taken.length,
              posts: taken
                .map((p) => t('new.postInCall', { reference: p.reference, call: inCall.get(p.id) }))
                .join(', '),
            })}
          </p>
        ) : null}

        <h2>{t('new.termsHeading')}</h2>
        <TextField
          id={id('closesOn')}
          label={labels.closesOn!}
          hint={t('new.closesOnHint')}
          type="date"
          value={closesOn}
          onChange={setClosesOn}
          error={errors.error('closesOn')}
          required
          short
        />
        <TextField
          id={id('womenFloorPercent')}
          label={labels.womenFloorPercent!}
          hint={t('new.floorHint', { target: PROGRAM_FLOOR })}
          type="number"
          min={0}
          max={100}
          value={floor}
          onChange={setFloor}
          error={errors.error('womenFloorPercent')}
          short
        />
        <TextAreaField
          id={id('notes')}
          label={labels.notes!}
          hint={t('new.notesHint')}
          value={notes}
          onChange={setNotes}
          error={errors.error('notes')}
          rows={3}
        />

        <h2>{t('new.agenciesHeading')}</h2>
        <RadioGroup
          id={id('audience')}
          legend={labels.audience!}
          value={audience}
          onChange={(v) => setAudience(v as Audience)}
          options={[
            { value: 'all', label: t('audiences.all') },
            { value: 'chosen', label: t('audiences.chosen') },
          ]}
          error={errors.error('audience')}
          required
        />
        <fieldset
          className={errors.error('agencies') ? 'field fieldset field--error' : 'field fieldset'}
          aria-describedby={`${id('agencies')}-hint${errors.error('agencies') ? ` ${id('agencies')}-error` : ''}`}
        >
          <legend className="field__label">
            {audience === 'chosen' ? t('new.agenciesChosen') : t('new.agenciesCaps')}
          </legend>
          <p id={`${id('agencies')}-hint`} className="field__hint">
            {audience === 'chosen' ? t('new.agenciesChosenHint') : t('new.agenciesCapsHint')}
          </p>
          {errors.error('agencies') ? (
            <p id={`${id('agencies')}-error`} className="field__error">
              {errors.error('agencies')}
            </p>
          ) : null}
          <div className="table-wrapper">
            <table className="data-table data-table--compact">
              <caption>{t('new.agenciesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('new.agencyColumn')}</th>
                  {audience === 'chosen' ? <th scope="col">{t('new.invitedColumn')}</th> : null}
                  <th scope="col">{t('new.capColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {agencies.items.map((agency) => {
                  const draft = agencyDraft(agency.id);
                  const name = nameIn(lang, agency);
                  const inviteId = id(`invite.${agency.id}`);
                  const capId = id(`cap.${agency.id}`);
                  const capError = errors.error(`cap.${agency.id}`);
                  return (
                    <tr key={agency.id}>
                      <th scope="row">
                        {name} <span className="secondary">({agency.code})</span>
                      </th>
                      {audience === 'chosen' ? (
                        <td>
                          <input
                            id={inviteId}
                            type="checkbox"
                            className="choice__input"
                            checked={draft.invited}
                            onChange={(event) =>
                              setAgency(agency.id, { invited: event.target.checked })
                            }
                          />
                          <label htmlFor={inviteId} className="visually-hidden">
                            {t('new.inviteAgency', { agency: name })}
                          </label>
                        </td>
                      ) : null}
                      <td>
                        <label htmlFor={capId} className="visually-hidden">
                          {t('new.capFor', { agency: name })}
                        </label>
                        {capError ? (
                          <p id={`${capId}-error`} className="field__error">
                            {capError}
                          </p>
                        ) : null}
                        <input
                          id={capId}
                          type="number"
                          inputMode="numeric"
                          min={0}
                          className="field__input field__input--short"
                          value={draft.cap}
                          aria-invalid={capError ? true : undefined}
                          aria-describedby={capError ? `${capId}-error` : undefined}
                          onChange={(event) => setAgency(agency.id, { cap: event.target.value })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>

        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('new.submitting') : t('new.submit')}
          </button>
          <Link to={`/${lang}/calls`} className="button-secondary-link">
            {t('common:cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
