import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: InputHTMLAttributes<HTMLInputElement>['autoComplete'];
  hint?: string;
  error?: string | undefined;
  required?: boolean;
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
        className="field__input"
        value={value}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-required={required ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
