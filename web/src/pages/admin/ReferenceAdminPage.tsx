import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, SelectField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api, type Page } from '../../lib/api.ts';
import { formatDateTime, nameIn } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle, type Loadable } from '../../lib/hooks.ts';
import {
  bodyOf,
  formValues,
  kindSpec,
  kindSpecs,
  type FieldSpec,
  type KindSpec,
  type ReferenceRow,
} from '../../lib/refadmin.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

/** The list of the kinds of reference data, and the program settings. */
export function ReferenceAdminPage() {
  const { t } = useTranslation('refadmin');
  const lang = useLang();
  const auth = useAuth();
  usePageTitle(t('hub.title'));
  return (
    <>
      <PageHeading>{t('hub.title')}</PageHeading>
      <p className="lead">{t('hub.intro')}</p>
      <ul className="link-list">
        {kindSpecs.map((k) => (
          <li key={k.kind}>
            <Link to={`/${lang}/admin/reference/${k.kind}`}>{t(`kinds.${k.kind}.title`)}</Link>
            <p>{t(`kinds.${k.kind}.description`)}</p>
          </li>
        ))}
        {auth.can('settings.read') ? (
          <li>
            <Link to={`/${lang}/admin/settings`}>{t('settings.title')}</Link>
            <p>{t('settings.description')}</p>
          </li>
        ) : null}
      </ul>
    </>
  );
}

/** The rows of a kind, whatever the list's shape (a page for missions). */
function useRows(spec: KindSpec, refresh = 0): Loadable<ReferenceRow[]> {
  const loaded = useApi<ReferenceRow[] | Page<ReferenceRow>>(spec.list, refresh);
  if (loaded.status !== 'ready') return loaded;
  const data = loaded.data;
  return { status: 'ready', data: Array.isArray(data) ? data : data.items };
}

const idOf = (spec: KindSpec, row: ReferenceRow) => String(row[spec.idField]);

/** One kind's table, with a link to add a record and one to edit each. */
export function ReferenceKindPage() {
  const { kind } = useParams();
  const spec = kindSpec(kind);
  if (!spec) return <NotFoundPage />;
  return <KindTable spec={spec} />;
}

function KindTable({ spec }: { spec: KindSpec }) {
  const { t } = useTranslation('refadmin');
  const lang = useLang();
  const auth = useAuth();
  const title = t(`kinds.${spec.kind}.title`);
  usePageTitle(title);
  const rows = useRows(spec);
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="lead">{t(`kinds.${spec.kind}.description`)}</p>
      {auth.can('reference.manage') ? (
        <p>
          <Link className="button" to={`/${lang}/admin/reference/${spec.kind}/new`}>
            {t(`kinds.${spec.kind}.add`)}
          </Link>
        </p>
      ) : null}
      {rows.status === 'loading' ? <Loading /> : null}
      {rows.status === 'error' ? <LoadError error={rows.error} /> : null}
      {rows.status === 'ready' ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('table.caption', { kind: title, count: rows.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`fields.${spec.codeField}`)}</th>
                <th scope="col">{t('fields.nameEn')}</th>
                <th scope="col">{t('fields.nameFr')}</th>
                <th scope="col">{t('table.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map((row) => (
                <tr key={idOf(spec, row)}>
                  <td className="code">{String(row[spec.codeField] ?? '')}</td>
                  <th scope="row">
                    <Link
                      to={`/${lang}/admin/reference/${spec.kind}/${encodeURIComponent(idOf(spec, row))}`}
                      lang="en"
                    >
                      {row.nameEn}
                    </Link>
                  </th>
                  <td lang="fr">{row.nameFr}</td>
                  <td>{spec.retired(row) ? t('table.retired') : t('table.active')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="back-link">
        <Link to={`/${lang}/admin/reference`}>{t('hub.back')}</Link>
      </p>
    </>
  );
}

/** A record's form (a new one for `new`) and, when editing, its history. */
export function ReferenceRecordPage() {
  const { kind, id = '' } = useParams();
  const spec = kindSpec(kind);
  if (!spec) return <NotFoundPage />;
  return <RecordView key={`${spec.kind}/${id}`} spec={spec} id={id === 'new' ? null : id} />;
}

function RecordView({ spec, id }: { spec: KindSpec; id: string | null }) {
  const { t } = useTranslation('refadmin');
  const lang = useLang();
  const navigate = useNavigate();
  const [refresh, setRefresh] = useState(0);
  const rows = useRows(spec, refresh);
  const notice = useSuccessNotice();
  const row =
    id && rows.status === 'ready' ? (rows.data.find((r) => idOf(spec, r) === id) ?? null) : null;
  const title = id
    ? t('record.editTitle', { name: row ? nameIn(lang, row) : '' })
    : t(`kinds.${spec.kind}.add`);
  usePageTitle(title);
  const back = (
    <p className="back-link">
      <Link to={`/${lang}/admin/reference/${spec.kind}`}>
        {t('record.back', { kind: t(`kinds.${spec.kind}.title`) })}
      </Link>
    </p>
  );
  if (id && rows.status !== 'ready')
    return (
      <>
        <PageHeading>{t(`kinds.${spec.kind}.title`)}</PageHeading>
        {rows.status === 'error' ? <LoadError error={rows.error} /> : <Loading />}
        {back}
      </>
    );
  if (id && !row) return <NotFoundPage />;
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      <RecordForm
        key={row ? `${idOf(spec, row)}@${row.version}` : 'new'}
        spec={spec}
        row={row}
        onSaved={(saved) => {
          notice.show(t('record.saved'));
          if (!row)
            void navigate(
              `/${lang}/admin/reference/${spec.kind}/${encodeURIComponent(idOf(spec, saved))}`,
            );
          else setRefresh((n) => n + 1);
        }}
      />
      {row ? <History spec={spec} id={idOf(spec, row)} refresh={refresh} /> : null}
      {back}
    </>
  );
}

function OptionsSelect({
  field,
  id,
  label,
  value,
  onChange,
  error,
}: {
  field: FieldSpec;
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error: string | undefined;
}) {
  const { t } = useTranslation('refadmin');
  const lang = useLang();
  const from = useApi<ReferenceRow[] | Page<ReferenceRow>>(field.optionsFrom?.url ?? null);
  const items =
    from.status === 'ready' ? (Array.isArray(from.data) ? from.data : from.data.items) : [];
  const options = field.optionsFrom
    ? items.map((item) => ({
        value: String(item[field.optionsFrom!.value]),
        label:
          field.optionsFrom!.label === 'name'
            ? nameIn(lang, item)
            : String(item[field.optionsFrom!.label]),
      }))
    : (field.options ?? []).map((o) => ({ value: o, label: t(`${field.optionLabels}.${o}`) }));
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onChange={onChange}
      options={options}
      emptyLabel={t('form.choose')}
      error={error}
      {...(field.required ? { required: true } : {})}
    />
  );
}

function RecordForm({
  spec,
  row,
  onSaved,
}: {
  spec: KindSpec;
  row: ReferenceRow | null;
  onSaved(saved: ReferenceRow): void;
}) {
  const { t } = useTranslation('refadmin');
  const lang = useLang();
  const auth = useAuth();
  const errors = useFormErrors(`ref-${spec.kind}`);
  const [values, setValues] = useState(() => formValues(spec, row));
  const [submitting, setSubmitting] = useState(false);
  const fields = spec.fields.filter((f) => (row ? !f.createOnly : !f.editOnly));
  const label = (name: string) => t(`fields.${name}`);
  const set = (name: string) => (v: string) => setValues((old) => ({ ...old, [name]: v }));
  const readOnly = !auth.can('reference.manage');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Record<string, string> = {};
    for (const f of fields)
      if (f.required && !(values[f.name] ?? '').trim()) missing[f.name] = t('form.required');
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    setSubmitting(true);
    try {
      const saved = await api<ReferenceRow>(
        row ? spec.update(String(row[spec.idField])) : spec.create,
        {
          method: row ? 'PATCH' : 'POST',
          body: bodyOf(spec, values, row),
          lang,
        },
      );
      errors.clear();
      setSubmitting(false);
      onSaved(saved);
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <section aria-labelledby="record-form-heading">
      <h2 id="record-form-heading">{row ? t('record.formHeading') : t('record.newHeading')}</h2>
      {row && spec.fields.some((f) => f.createOnly) ? (
        <dl className="details-list">
          {spec.fields
            .filter((f) => f.createOnly)
            .map((f) => (
              <div key={f.name}>
                <dt>{label(f.name)}</dt>
                <dd>
                  {row[f.name] == null || row[f.name] === ''
                    ? '—'
                    : f.optionLabels
                      ? t(`${f.optionLabels}.${String(row[f.name])}`)
                      : String(row[f.name])}
                </dd>
              </div>
            ))}
        </dl>
      ) : null}
      {readOnly ? null : (
        <>
          <ErrorSummary
            focusKey={errors.shown}
            items={errors.items((path) =>
              fields.some((f) => f.name === path) ? label(path) : undefined,
            )}
          />
          <form
            className="form"
            noValidate
            aria-labelledby="record-form-heading"
            onSubmit={onSubmit}
          >
            {fields.map((f) => {
              const id = errors.idOf(f.name);
              const value = values[f.name] ?? '';
              if (f.type === 'checkbox')
                return (
                  <CheckboxField
                    key={f.name}
                    id={id}
                    label={label(f.name)}
                    hint={t(`fields.${f.name}Hint`)}
                    checked={value === 'true'}
                    onChange={(checked) => set(f.name)(checked ? 'true' : 'false')}
                  />
                );
              if (f.type === 'select')
                return (
                  <OptionsSelect
                    key={f.name}
                    field={f}
                    id={id}
                    label={label(f.name)}
                    value={value}
                    onChange={set(f.name)}
                    error={errors.error(f.name)}
                  />
                );
              return (
                <TextField
                  key={f.name}
                  id={id}
                  label={label(f.name)}
                  type={f.type}
                  value={value}
                  onChange={set(f.name)}
                  error={errors.error(f.name)}
                  {...(f.required ? { required: true } : {})}
                  {...(f.type === 'number' || f.type === 'date' ? { short: true } : {})}
                />
              );
            })}
            <div className="form-actions">
              <button type="submit" className="button" disabled={submitting}>
                {row ? t('form.save') : t('form.create')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

interface HistoryEntry {
  seq: number;
  at: string;
  action: string;
  actorName: string | null;
  changes: Record<string, [unknown, unknown]> | null;
}

const shown = (v: unknown) =>
  v === null || v === undefined || v === ''
    ? '—'
    : typeof v === 'object'
      ? JSON.stringify(v)
      : String(v);

/** The record's history, newest first: who changed what, from what to what. */
export function History({ spec, id, refresh }: { spec: KindSpec; id: string; refresh: number }) {
  const { t } = useTranslation('refadmin');
  const lang = useLang();
  const auth = useAuth();
  const history = useApi<HistoryEntry[]>(
    auth.can('reference.history')
      ? `/api/v1/reference/${spec.kind}/${encodeURIComponent(id)}/history`
      : null,
    refresh,
  );
  if (!auth.can('reference.history')) return null;
  return (
    <section aria-labelledby="record-history">
      <h2 id="record-history">{t('history.heading')}</h2>
      {history.status === 'loading' ? <Loading /> : null}
      {history.status === 'error' ? <LoadError error={history.error} /> : null}
      {history.status === 'ready' && history.data.length === 0 ? <p>{t('history.empty')}</p> : null}
      {history.status === 'ready' && history.data.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('history.who')}</th>
                <th scope="col">{t('history.field')}</th>
                <th scope="col">{t('history.before')}</th>
                <th scope="col">{t('history.after')}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.flatMap((entry) => {
                const changes = Object.entries(entry.changes ?? {});
                const who = entry.actorName ?? t('history.system');
                const when = formatDateTime(lang, entry.at);
                if (changes.length === 0)
                  return [
                    <tr key={entry.seq}>
                      <td>{when}</td>
                      <td>{who}</td>
                      <td colSpan={3}>{t('history.noFields')}</td>
                    </tr>,
                  ];
                return changes.map(([field, [before, after]], i) => (
                  <tr key={`${entry.seq}-${field}`}>
                    <td>{i === 0 ? when : ''}</td>
                    <td>{i === 0 ? who : ''}</td>
                    <td>{t(`fields.${field}`, { defaultValue: field })}</td>
                    <td>{shown(before)}</td>
                    <td>{shown(after)}</td>
                  </tr>
                ));
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
