import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The ids of a field's hint and error, for aria-describedby. */
function describedBy(id: string, hint?: string, error?: string) {
  return (
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined
  );
}

function LabelText({ label, required }: { label: string; required?: boolean | undefined }) {
  const { t } = useTranslation('common');
  return (
    <>
      {label}
      {required ? <span className="field__required"> {t('required')}</span> : null}
    </>
  );
}

function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
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
    </>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly Option[];
  /** Groups of options shown under a heading (after `options`). */
  groups?: ReadonlyArray<{ label: string; options: readonly Option[] }>;
  /** The first, empty choice ("Any", "Choose..."); absent: no empty choice. */
  emptyLabel?: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

/** A labelled native select styled like the GC Design System select. */
export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  groups,
  emptyLabel,
  hint,
  error,
  required,
}: SelectFieldProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id} className="field__label">
        <LabelText label={label} required={required} />
      </label>
      <HintAndError id={id} {...(hint ? { hint } : {})} {...(error ? { error } : {})} />
      <select
        id={id}
        name={id}
        className="field__input field__select"
        value={value}
        aria-required={required ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups?.map((g) =>
          g.options.length > 0 ? (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
    </div>
  );
}

interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  rows?: number;
}

/** A labelled native textarea styled like the GC Design System textarea. */
export function TextAreaField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  required,
  rows = 4,
}: TextAreaFieldProps) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id} className="field__label">
        <LabelText label={label} required={required} />
      </label>
      <HintAndError id={id} {...(hint ? { hint } : {})} {...(error ? { error } : {})} />
      <textarea
        id={id}
        name={id}
        className="field__input field__textarea"
        value={value}
        rows={rows}
        aria-required={required ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: string;
}

/** A native checkbox with its label beside it (GC Design System checkbox). */
export function CheckboxField({ id, label, checked, onChange, hint }: CheckboxFieldProps) {
  return (
    <div className="field choice">
      <input
        id={id}
        name={id}
        type="checkbox"
        className="choice__input"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id} className="choice__label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint choice__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface RadioGroupProps {
  /** The id of the group (its first radio button takes it, for error links). */
  id: string;
  legend: string;
  value: string;
  onChange(value: string): void;
  options: readonly Option[];
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

/** A fieldset of native radio buttons with a legend (GC Design System radios). */
export function RadioGroup({
  id,
  legend,
  value,
  onChange,
  options,
  hint,
  error,
  required,
}: RadioGroupProps) {
  return (
    <fieldset
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="field__label">
        <LabelText label={legend} required={required} />
      </legend>
      <HintAndError id={id} {...(hint ? { hint } : {})} {...(error ? { error } : {})} />
      {options.map((option, i) => (
        <div className="choice" key={option.value}>
          <input
            id={i === 0 ? id : `${id}-${option.value}`}
            name={id}
            type="radio"
            className="choice__input"
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <label htmlFor={i === 0 ? id : `${id}-${option.value}`} className="choice__label">
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** A group of related fields under a legend (a request line, a new mission). */
export function FieldGroup({
  legend,
  children,
  className,
}: {
  legend: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={className ? `fieldset group ${className}` : 'fieldset group'}>
      <legend className="group__legend">{legend}</legend>
      {children}
    </fieldset>
  );
}
