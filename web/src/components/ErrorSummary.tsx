import { useEffect, useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** id of the field the error belongs to; absent for an error about the whole form. */
  fieldId?: string;
  message: string;
}

/**
 * The GC Design System error summary pattern: a heading and the list of problems, each linked
 * to its field. The form focuses it after a failed submission.
 */
export function ErrorSummary({
  items,
  ref,
  focusKey = 0,
}: {
  items: SummaryItem[];
  ref?: Ref<HTMLDivElement>;
  /** Each new value (after a failed submission) moves focus to the summary. */
  focusKey?: number;
}) {
  const { t } = useTranslation('common');
  const own = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0) own.current?.focus();
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <div
      className="error-summary"
      ref={ref ?? own}
      tabIndex={-1}
      aria-labelledby="error-summary-heading"
    >
      <h2 id="error-summary-heading" className="error-summary__heading">
        {t('errorSummary.heading')}
      </h2>
      <ul className="error-summary__list">
        {items.map((item) => (
          <li key={`${item.fieldId ?? ''}:${item.message}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  const field = document.getElementById(item.fieldId!);
                  field?.focus();
                  field?.scrollIntoView({ block: 'center' });
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
