import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, type Option } from './Fields.tsx';
import { TextField } from './TextField.tsx';

export type FilterSpec =
  | { name: string; label: string; type: 'search' | 'date'; hint?: string }
  | { name: string; label: string; type: 'number'; hint?: string; min?: number; max?: number }
  | {
      name: string;
      label: string;
      type: 'select';
      options: readonly Option[];
      hint?: string;
      /** A select that always has a value: this one when the query string has none (no "any"). */
      defaultValue?: string;
    }
  | { name: string; label: string; type: 'checkbox' };

interface FilterFormProps {
  /** Prefix of the fields' ids. */
  id: string;
  filters: readonly FilterSpec[];
  /** The filters in force (from the query string). */
  values: Record<string, string>;
}

/**
 * Search and filter a list. Applying the form writes the filters to the query string (and goes
 * back to the first page), so the filtered list is a link that can be shared or bookmarked.
 */
export function FilterForm(props: FilterFormProps) {
  const location = useLocation();
  // A new query string (back, forward, "clear") starts the form again from it.
  return <FilterFormFields key={location.search} {...props} />;
}

function FilterFormFields({ id, filters, values }: FilterFormProps) {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  const location = useLocation();
  const [draft, setDraft] = useState<Record<string, string>>(() => {
    const initial = { ...values };
    for (const f of filters)
      if (f.type === 'select' && f.defaultValue !== undefined && !initial[f.name])
        initial[f.name] = f.defaultValue;
    return initial;
  });
  const set = (name: string) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const active = filters.some((f) => values[f.name]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const f of filters) {
      const value = draft[f.name]?.trim();
      if (value) params.set(f.name, value);
    }
    const query = params.toString();
    void navigate(`${location.pathname}${query ? `?${query}` : ''}`);
  }

  return (
    <form role="search" className="filters" aria-labelledby={`${id}-heading`} onSubmit={onSubmit}>
      <h2 id={`${id}-heading`} className="filters__heading">
        {t('filters.heading')}
      </h2>
      <div className="filters__grid">
        {filters.map((f) => {
          const fieldId = `${id}-${f.name}`;
          const value = draft[f.name] ?? '';
          switch (f.type) {
            case 'select':
              return (
                <SelectField
                  key={f.name}
                  id={fieldId}
                  label={f.label}
                  value={value}
                  onChange={set(f.name)}
                  options={f.options}
                  {...(f.defaultValue === undefined ? { emptyLabel: t('filters.any') } : {})}
                  {...(f.hint ? { hint: f.hint } : {})}
                />
              );
            case 'checkbox':
              return (
                <CheckboxField
                  key={f.name}
                  id={fieldId}
                  label={f.label}
                  checked={value === 'true'}
                  onChange={(checked) => set(f.name)(checked ? 'true' : '')}
                />
              );
            case 'number':
              return (
                <TextField
                  key={f.name}
                  id={fieldId}
                  label={f.label}
                  type="number"
                  value={value}
                  onChange={set(f.name)}
                  {...(f.min !== undefined ? { min: f.min } : {})}
                  {...(f.max !== undefined ? { max: f.max } : {})}
                  {...(f.hint ? { hint: f.hint } : {})}
                />
              );
            default:
              return (
                <TextField
                  key={f.name}
                  id={fieldId}
                  label={f.label}
                  type={f.type}
                  value={value}
                  onChange={set(f.name)}
                  {...(f.hint ? { hint: f.hint } : {})}
                />
              );
          }
        })}
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {t('filters.apply')}
        </button>
        {active ? (
          <Link to={location.pathname} className="button-secondary-link">
            {t('filters.clear')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
