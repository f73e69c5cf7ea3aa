import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import type { MissionDetail, MissionPlan, Post } from '../../lib/api.ts';
import { formatDate, formatNumber, nameIn } from '../../lib/format.ts';
import { useFocusLater, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang } from '../../lib/hooks.ts';
import { useCodeList } from '../../lib/reference.ts';
import { NewPostsForm } from './NewPostsForm.tsx';
import { PostEditForm } from './PostEditForm.tsx';
import { Timeline } from './Timeline.tsx';

/** The mission's posts: how many, against the ceiling, each tour and rotation, and a timeline. */
export function PlanningSection({ mission }: { mission: MissionDetail }) {
  const { t } = useTranslation('planning');
  const lang = useLang();
  const auth = useAuth();
  const [refresh, setRefresh] = useState(0);
  const plan = useApi<MissionPlan>(`/api/v1/missions/${mission.id}/posts`, refresh);
  const postTypes = useCodeList('post-types');
  const roles = useCodeList('mission-roles');
  const data = plan.status === 'ready' ? plan.data : null;
  const canEdit = auth.can('post.update');
  // The post being edited (its form below the table), and where focus goes when it closes.
  const [editing, setEditing] = useState<string | null>(null);
  const edited = editing && data ? data.posts.find((p) => p.id === editing) : undefined;
  const notice = useSuccessNotice();
  const focusLater = useFocusLater();
  const editButtonId = (post: Post) => `edit-post-button-${post.id}`;

  const locationName = (id: string | null) => {
    const found = id ? mission.locations.find((l) => l.id === id) : undefined;
    return found ? nameIn(lang, found) : t('anyLocation');
  };

  return (
    <section aria-labelledby="mission-planning">
      <h2 id="mission-planning">{t('heading')}</h2>
      <p>{t('intro')}</p>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {plan.status === 'error' ? <LoadError error={plan.error} /> : null}
      {plan.status === 'loading' ? <Loading /> : null}
      {data ? (
        <>
          <dl className="details-list" data-testid="plan-summary">
            <div>
              <dt>{t('summary.ceiling')}</dt>
              <dd>
                {data.authorizedStrength > 0
                  ? formatNumber(lang, data.authorizedStrength)
                  : t('summary.noCeiling')}
              </dd>
            </div>
            <div>
              <dt>{t('summary.peak')}</dt>
              <dd>
                {data.authorizedStrength > 0
                  ? t('summary.ceilingUsed', {
                      peak: formatNumber(lang, data.peak),
                      ceiling: formatNumber(lang, data.authorizedStrength),
                      percent: formatNumber(
                        lang,
                        Math.round((data.peak / data.authorizedStrength) * 100),
                      ),
                    })
                  : formatNumber(lang, data.peak)}
              </dd>
            </div>
            <div>
              <dt>{t('summary.heldToday')}</dt>
              <dd>{formatNumber(lang, data.heldToday)}</dd>
            </div>
            <div>
              <dt>{t('summary.filled')}</dt>
              <dd>{formatNumber(lang, data.counts.filled)}</dd>
            </div>
            <div>
              <dt>{t('summary.vacant')}</dt>
              <dd>{formatNumber(lang, data.counts.vacant)}</dd>
            </div>
            <div>
              <dt>{t('summary.cancelled')}</dt>
              <dd>{formatNumber(lang, data.counts.cancelled)}</dd>
            </div>
          </dl>
          {data.posts.length === 0 ? (
            <p>{t('noPosts')}</p>
          ) : (
            <>
              <div className="table-wrapper">
                <table className="data-table">
                  <caption>{t('table.caption', { mission: mission.acronym })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('table.reference')}</th>
                      <th scope="col">{t('table.postType')}</th>
                      <th scope="col">{t('table.location')}</th>
                      <th scope="col">{t('table.tourStart')}</th>
                      <th scope="col">{t('table.tourEnd')}</th>
                      <th scope="col">{t('table.status')}</th>
                      <th scope="col">{t('table.rotation')}</th>
                      {canEdit ? <th scope="col">{t('postEdit.column')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {data.posts.map((post) => (
                      <tr key={post.id}>
                        <th scope="row" className="code nowrap">
                          {post.reference}
                        </th>
                        <td>
                          {postTypes.name(post.postTypeCode)}
                          {post.teamCode ? (
                            <>
                              <br />
                              <span className="secondary">{roles.name(post.teamCode)}</span>
                            </>
                          ) : null}
                          {post.requirements.womenSought ? (
                            <>
                              <br />
                              <span className="secondary">{t('table.womenSought')}</span>
                            </>
                          ) : null}
                        </td>
                        <td>{locationName(post.locationId)}</td>
                        <td className="nowrap">{formatDate(lang, post.tourStart)}</td>
                        <td className="nowrap">{formatDate(lang, post.tourEnd)}</td>
                        <td>
                          <span className={`tag tag--post-${post.status}`}>
                            {t(`statuses.${post.status}`)}
                          </span>
                        </td>
                        <td>
                          <Rotation post={post} posts={data.posts} />
                        </td>
                        {canEdit ? (
                          <td>
                            <button
                              type="button"
                              id={editButtonId(post)}
                              className="button button--secondary button--small"
                              aria-label={t('postEdit.open', { reference: post.reference })}
                              onClick={() => {
                                notice.hide();
                                setEditing(post.id);
                              }}
                            >
                              {t('postEdit.openShort')}
                            </button>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {edited ? (
                <PostEditForm
                  // A new version of the post (after a reload) starts the form again from it.
                  key={`${edited.id}:${edited.version}`}
                  mission={mission}
                  post={edited}
                  posts={data.posts}
                  onSaved={() => {
                    setEditing(null);
                    setRefresh((n) => n + 1);
                    notice.show(t('postEdit.saved', { reference: edited.reference }));
                  }}
                  onCancel={() => {
                    setEditing(null);
                    focusLater(editButtonId(edited));
                  }}
                  onReload={() => setRefresh((n) => n + 1)}
                />
              ) : null}
              <Timeline posts={data.posts} />
            </>
          )}
          {auth.can('post.create') ? (
            <NewPostsForm
              mission={mission}
              plan={data}
              refresh={refresh}
              onCreated={() => setRefresh((n) => n + 1)}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** How a post follows the one it succeeds: a gap, a hand-over overlap, or directly. */
function Rotation({ post, posts }: { post: Post; posts: readonly Post[] }) {
  const { t } = useTranslation('planning');
  const lang = useLang();
  const predecessor = post.succeedsPostId
    ? posts.find((p) => p.id === post.succeedsPostId)
    : undefined;
  if (!predecessor) return <>{t('rotation.none')}</>;
  const days = post.gapBeforeDays ?? 0;
  const values = {
    reference: predecessor.reference,
    count: Math.abs(days),
    days: formatNumber(lang, Math.abs(days)),
  };
  if (days > 0) return <>{t('rotation.gap', values)}</>;
  if (days < 0) return <>{t('rotation.overlap', values)}</>;
  return <>{t('rotation.direct', values)}</>;
}
