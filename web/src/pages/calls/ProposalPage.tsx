import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError, api } from '../../lib/api.ts';
import {
  noChoices,
  sameChoices,
  scoreParts,
  uuid,
  withExclusion,
  withPin,
  type BoardChoices,
  type Proposal,
} from '../../lib/calls.ts';
import { formatNumber, nameIn } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies } from '../officers/parts.tsx';
import { Facts } from './parts.tsx';

export function ProposalPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('call.select')) return <NotFoundPage />;
  return <ProposalView id={id} />;
}

interface Shown {
  proposal: Proposal;
  /** The pins and exclusions this proposal was solved with (what ratifying sends). */
  choices: BoardChoices;
}

/**
 * The selection board's page: the optimal selection for a call, each placement's score in parts,
 * each candidate left out and why; pin placements, exclude candidates, solve again, ratify.
 */
function ProposalView({ id }: { id: string }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const loaded = useApi<Proposal>(`/api/v1/calls/${id}/proposal`);
  const agencies = useAgencies();
  const errors = useFormErrors('proposal');
  const notice = useSuccessNotice();
  const [solved, setSolved] = useState<Shown | null>(null);
  const [draft, setDraft] = useState<BoardChoices>(noChoices);
  const [ratified, setRatified] = useState<Proposal | null>(null);
  const [busy, setBusy] = useState<'solving' | 'ratifying' | null>(null);
  const shown: Shown | null =
    solved ?? (loaded.status === 'ready' ? { proposal: loaded.data, choices: noChoices } : null);
  const number = shown?.proposal.call.number;
  usePageTitle(number ? t('proposal.title', { number }) : t('proposal.titleLoading'));

  if (loaded.status === 'error' && loaded.error instanceof ApiError && loaded.error.status === 404)
    return <NotFoundPage />;
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/calls/${id}`}>
        {number ? t('proposal.backToCall', { number }) : t('proposal.backToCallLoading')}
      </Link>
    </p>
  );
  if (!shown) {
    return (
      <>
        <PageHeading>{t('proposal.titleLoading')}</PageHeading>
        {loaded.status === 'error' ? <LoadError error={loaded.error} /> : <Loading />}
        {back}
      </>
    );
  }

  const p = ratified ?? shown.proposal;
  const closed = ratified !== null || p.call.status === 'ratified' || p.call.status === 'cancelled';
  const changed = !sameChoices(draft, shown.choices);
  const agencyName = (code: string) => {
    const found = agencies.items.find((a) => a.code === code);
    return found ? t('proposal.agency', { name: nameIn(lang, found), code }) : code;
  };

  async function solve(choices: BoardChoices) {
    setBusy('solving');
    try {
      const proposal = await api<Proposal>(`/api/v1/calls/${id}/proposal`, {
        method: 'POST',
        body: choices,
        lang,
      });
      setSolved({ proposal, choices });
      setDraft(choices);
      errors.clear();
      notice.show(
        t('proposal.solved', {
          pinned: formatNumber(lang, choices.pinned.length),
          excluded: formatNumber(lang, choices.excluded.length),
        }),
      );
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(null);
    }
  }

  async function ratify(current: Shown) {
    if (changed) return errors.show({}, t('proposal.solveFirst'));
    setBusy('ratifying');
    notice.hide();
    try {
      const result = await api<Proposal>(`/api/v1/calls/${id}/ratify`, {
        method: 'POST',
        body: {
          version: current.proposal.call.version,
          digest: current.proposal.digest,
          ...current.choices,
        },
        lang,
      });
      errors.clear();
      setBusy(null);
      setRatified(result);
      notice.show(
        t('proposal.ratifiedNotice', {
          number: result.call.number,
          selected: formatNumber(lang, result.assignments.length),
          reserves: formatNumber(
            lang,
            result.unplaced.filter((u) => u.reason !== 'excluded').length,
          ),
        }),
      );
    } catch (error) {
      setBusy(null);
      errors.fail(error);
      // The proposal (or the call) changed since it was reviewed: show the new one.
      if (error instanceof ApiError && error.status === 409) await reload(current.choices);
    }
  }

  /** The proposal as it is now, with the board's choices (or none, when they no longer apply). */
  async function reload(choices: BoardChoices) {
    setBusy('solving');
    try {
      const proposal = await api<Proposal>(`/api/v1/calls/${id}/proposal`, {
        method: 'POST',
        body: choices,
        lang,
      });
      setSolved({ proposal, choices });
      setDraft(choices);
    } catch {
      // A candidate pinned or excluded is no longer in the selection: start again without.
      try {
        const proposal = await api<Proposal>(`/api/v1/calls/${id}/proposal`, { lang });
        setSolved({ proposal, choices: noChoices });
        setDraft(noChoices);
      } catch (error) {
        errors.fail(error);
      }
    } finally {
      setBusy(null);
    }
  }

  const headline: Array<[string, ReactNode]> = [
    [t('proposal.status'), t(`proposalStatuses.${p.status}`)],
    [
      t('proposal.filled'),
      t('proposal.filledValue', {
        filled: formatNumber(lang, p.filled),
        posts: formatNumber(lang, p.posts),
      }),
    ],
    [
      t('proposal.women'),
      t('proposal.womenValue', {
        women: formatNumber(lang, p.women),
        share: t('percent', { value: formatNumber(lang, p.womenSharePercent) }),
        floor: t('percent', { value: formatNumber(lang, p.womenFloorPercent) }),
      }),
    ],
    [t('proposal.candidates'), formatNumber(lang, p.candidates)],
    [t('proposal.totalScore'), formatNumber(lang, p.totalScore)],
  ];

  const pinned = (applicationId: string, postId: string) =>
    draft.pinned.some((x) => x.applicationId === applicationId && x.postId === postId);
  const excluded = (applicationId: string) => draft.excluded.includes(applicationId);
  const checkbox = (
    fieldId: string,
    label: string,
    which: string,
    checked: boolean,
    onChange: (on: boolean) => void,
  ) => (
    <div className="choice">
      <input
        id={fieldId}
        type="checkbox"
        className="choice__input"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={fieldId} className="choice__label">
        {label}
        <span className="visually-hidden"> {which}</span>
      </label>
    </div>
  );

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('proposal.kicker')}</span>
        {t('proposal.title', { number: p.call.number })}
      </PageHeading>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      <ErrorSummary focusKey={errors.shown} items={errors.items(() => undefined)} />
      {!ratified && p.call.status === 'ratified' ? (
        <div className="notice" role="status">
          <p>{t('proposal.alreadyRatified')}</p>
        </div>
      ) : null}

      <section aria-labelledby="proposal-summary">
        <h2 id="proposal-summary">{t('proposal.summaryHeading')}</h2>
        {p.status === 'floor_not_met_at_full_fill' ? (
          <div className="notice notice--danger">
            <h3 className="notice__title">{t('proposal.floorWarningTitle')}</h3>
            <p>
              {t('proposal.floorWarning', {
                floor: t('percent', { value: formatNumber(lang, p.womenFloorPercent) }),
                filled: formatNumber(lang, p.filled),
                posts: formatNumber(lang, p.posts),
                fillable: formatNumber(lang, p.maxFillWithoutFloor),
              })}
            </p>
            {p.bestFloorAtFullFill !== null ? (
              <p>
                {t('proposal.bestFloor', {
                  fillable: formatNumber(lang, p.maxFillWithoutFloor),
                  best: t('percent', { value: formatNumber(lang, p.bestFloorAtFullFill) }),
                })}
              </p>
            ) : null}
          </div>
        ) : null}
        {p.status === 'infeasible' ? (
          <div className="notice notice--danger">
            <h3 className="notice__title">{t('proposal.infeasibleTitle')}</h3>
            <p>{t('proposal.infeasible')}</p>
          </div>
        ) : null}
        <Facts rows={headline} />
        <p className="help">{t('proposal.howItWorks')}</p>
      </section>

      <section aria-labelledby="proposal-placements">
        <h2 id="proposal-placements">{t('proposal.placementsHeading')}</h2>
        {p.assignments.length === 0 ? (
          <p>{t('proposal.noPlacements')}</p>
        ) : (
          <>
            <div className="table-wrapper">
              <table className="data-table">
                <caption>{t('proposal.placementsCaption', { number: p.call.number })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('proposal.columns.post')}</th>
                    <th scope="col">{t('proposal.columns.officer')}</th>
                    <th scope="col">{t('proposal.columns.agency')}</th>
                    <th scope="col">{t('proposal.columns.gender')}</th>
                    <th scope="col" className="numeric">
                      {t('proposal.columns.score')}
                    </th>
                    {closed ? null : <th scope="col">{t('proposal.columns.pin')}</th>}
                    {closed ? null : <th scope="col">{t('proposal.columns.exclude')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {p.assignments.map((a) => {
                    const which = t('proposal.which', { name: a.name, post: a.postReference });
                    return (
                      <tr key={a.applicationId}>
                        <th scope="row" className="nowrap">
                          {a.postReference}
                        </th>
                        <td>
                          <Link to={`/${lang}/applications/${a.applicationId}`}>{a.name}</Link>
                          {a.pinned ? (
                            <>
                              <br />
                              <span className="secondary">{t('proposal.pinnedNote')}</span>
                            </>
                          ) : null}
                          {a.bestPostReference && a.bestPostReference !== a.postReference ? (
                            <>
                              <br />
                              <span className="secondary">
                                {t('proposal.bestPost', { post: a.bestPostReference })}
                              </span>
                            </>
                          ) : null}
                        </td>
                        <td>{agencyName(a.agencyCode)}</td>
                        <td>{t(`people:genders.${a.gender}`)}</td>
                        <td className="numeric">{formatNumber(lang, a.score)}</td>
                        {closed ? null : (
                          <td>
                            {checkbox(
                              `pin-${a.applicationId}`,
                              t('proposal.pin'),
                              which,
                              pinned(a.applicationId, a.postId),
                              (on) =>
                                setDraft((d) =>
                                  withPin(
                                    d,
                                    { applicationId: a.applicationId, postId: a.postId },
                                    on,
                                  ),
                                ),
                            )}
                          </td>
                        )}
                        {closed ? null : (
                          <td>
                            {checkbox(
                              `exclude-${a.applicationId}`,
                              t('proposal.exclude'),
                              a.name,
                              excluded(a.applicationId),
                              (on) => setDraft((d) => withExclusion(d, a.applicationId, on)),
                            )}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="table-wrapper">
              <table className="data-table data-table--compact">
                <caption>{t('proposal.partsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('proposal.columns.placement')}</th>
                    {scoreParts.map((part) => (
                      <th key={part} scope="col" className="numeric">
                        {t(`scoreParts.${part}`)}
                      </th>
                    ))}
                    <th scope="col" className="numeric">
                      {t('proposal.columns.total')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.assignments.map((a) => (
                    <tr key={a.applicationId}>
                      <th scope="row">
                        {t('proposal.placement', { post: a.postReference, name: a.name })}
                      </th>
                      {scoreParts.map((part) => (
                        <td key={part} className="numeric">
                          {formatNumber(lang, a.parts[part])}
                        </td>
                      ))}
                      <td className="numeric">{formatNumber(lang, a.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <details>
              <summary>{t('proposal.partsHelpSummary')}</summary>
              <ul className="compact-list">
                {scoreParts.map((part) => (
                  <li key={part}>{t(`scorePartsHelp.${part}`)}</li>
                ))}
              </ul>
            </details>
          </>
        )}
        {p.vacant.length > 0 ? (
          <p>
            {t('proposal.vacant', {
              count: p.vacant.length,
              posts: p.vacant.map((v) => v.postReference).join(', '),
            })}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="proposal-left-out">
        <h2 id="proposal-left-out">{t('proposal.leftOutHeading')}</h2>
        {p.unplaced.length === 0 ? (
          <p>{t('proposal.noneLeftOut')}</p>
        ) : (
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('proposal.leftOutCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    {t('proposal.columns.order')}
                  </th>
                  <th scope="col">{t('proposal.columns.officer')}</th>
                  <th scope="col">{t('proposal.columns.agency')}</th>
                  <th scope="col">{t('proposal.columns.gender')}</th>
                  <th scope="col" className="numeric">
                    {t('proposal.columns.bestScore')}
                  </th>
                  <th scope="col">{t('proposal.columns.reason')}</th>
                  {closed ? null : <th scope="col">{t('proposal.columns.exclude')}</th>}
                </tr>
              </thead>
              <tbody>
                {p.unplaced.map((u, i) => (
                  <tr key={u.applicationId}>
                    <td className="numeric">{formatNumber(lang, i + 1)}</td>
                    <th scope="row">
                      <Link to={`/${lang}/applications/${u.applicationId}`}>{u.name}</Link>
                    </th>
                    <td>{agencyName(u.agencyCode)}</td>
                    <td>{t(`people:genders.${u.gender}`)}</td>
                    <td className="numeric">
                      {u.bestScore >= 0 ? formatNumber(lang, u.bestScore) : '—'}
                    </td>
                    <td>{t(`unplacedReasons.${u.reason}`)}</td>
                    {closed ? null : (
                      <td>
                        {checkbox(
                          `exclude-${u.applicationId}`,
                          t('proposal.exclude'),
                          u.name,
                          excluded(u.applicationId),
                          (on) => setDraft((d) => withExclusion(d, u.applicationId, on)),
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {p.agencyCaps.length > 0 ? (
        <section aria-labelledby="proposal-caps">
          <h2 id="proposal-caps">{t('proposal.capsHeading')}</h2>
          <div className="table-wrapper">
            <table className="data-table data-table--compact report-table">
              <caption>{t('proposal.capsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('proposal.columns.agency')}</th>
                  <th scope="col" className="numeric">
                    {t('proposal.columns.selected')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('proposal.columns.cap')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.agencyCaps.map((c) => (
                  <tr key={c.agencyCode}>
                    <th scope="row">{agencyName(c.agencyCode)}</th>
                    <td className="numeric">{formatNumber(lang, c.selected)}</td>
                    <td className="numeric">{formatNumber(lang, c.cap)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {closed ? null : (
        <section aria-labelledby="proposal-decide">
          <h2 id="proposal-decide">{t('proposal.decideHeading')}</h2>
          <p>{t('proposal.decideIntro')}</p>
          <p role="status">
            {t('proposal.choicesNow', {
              pinned: formatNumber(lang, draft.pinned.length),
              excluded: formatNumber(lang, draft.excluded.length),
            })}{' '}
            {changed ? t('proposal.changedHint') : null}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={busy !== null}
              onClick={() => {
                if (busy === null) void solve(draft);
              }}
            >
              {busy === 'solving' ? t('proposal.solving') : t('proposal.solveAgain')}
            </button>
            <button
              type="button"
              className="button button--primary"
              aria-disabled={busy !== null}
              onClick={() => {
                if (busy === null) void ratify(shown);
              }}
            >
              {busy === 'ratifying' ? t('proposal.ratifying') : t('proposal.ratify')}
            </button>
          </div>
          <p className="help">{t('proposal.ratifyHelp')}</p>
        </section>
      )}
      {back}
    </>
  );
}
