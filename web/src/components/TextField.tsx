import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'search';
  autoComplete?: InputHTMLAttributes<HTMLInputElement>['autoComplete'];
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  /** For numbers: the smallest and largest values accepted. */
  min?: number;
  max?: number;
  /** A narrower input for short values (numbers, dates, codes). */
  short?: boolean;
}

/** A labelled native input styled like the GC Design System input, with hint and error. */
export function TextField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  autoComplete,
  hint,
  error,
  required,
  min,
  max,
  short,
}: TextFieldProps) {
  const { t } = useTranslation('common');
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? <span className="field__required"> {t('required')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type={type}
        className={short ? 'field__input field__input--short' : 'field__input'}
        value={value}
        min={min}
        max={max}
        inputMode={type === 'number' ? 'numeric' : undefined}
        autoComplete={autoComplete}
        spellCheck={type === 'text' ? undefined : false}
        aria-required={required ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
