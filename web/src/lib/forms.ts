import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryItem } from '../components/ErrorSummary.tsx';
import { ApiError } from './api.ts';

/**
 * The errors of a form: the server's field errors by path ("lines.0.postCount"), an error about
 * the whole form, and the summary's items (the summary takes focus after each failure).
 * Field ids follow the paths: `${prefix}-lines-0-postCount`.
 */
export function useFormErrors(prefix: string) {
  const { t } = useTranslation('common');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [form, setForm] = useState<string | null>(null);
  // Counts failed submissions: each one moves focus to the error summary.
  const [shown, setShown] = useState(0);

  const idOf = useCallback(
    (path: string) => `${prefix}-${path.replace(/[^\w-]+/g, '-')}`,
    [prefix],
  );

  const show = useCallback((byPath: Record<string, string>, formMessage: string | null) => {
    setFields(byPath);
    setForm(formMessage);
    setShown((n) => n + 1);
  }, []);

  /** Show why a write failed: the server's field errors next to their fields, or its message. */
  const fail = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const byPath: Record<string, string> = {};
        for (const f of error.fields) byPath[f.path] ??= f.message;
        show(byPath, Object.keys(byPath).length > 0 ? null : error.message);
      } else {
        show(
          {},
          t(
            error instanceof Error && error.name === 'NetworkError'
              ? 'errors.network'
              : 'errors.unexpected',
          ),
        );
      }
    },
    [show, t],
  );

  const clear = useCallback(() => {
    setFields({});
    setForm(null);
  }, []);

  /** The summary's items: each field error with its field's label, linked to the field. */
  const items = (labelOf: (path: string) => string | undefined): SummaryItem[] => [
    ...(form ? [{ message: form }] : []),
    ...Object.entries(fields).map(([path, message]) => {
      const label = labelOf(path);
      return label
        ? { fieldId: idOf(path), message: t('fieldError', { field: label, message }) }
        : { message };
    }),
  ];

  return {
    /** The error of the field at this path, if any. */
    error: (path: string): string | undefined => fields[path],
    idOf,
    /** For <ErrorSummary focusKey>. */
    shown,
    show,
    fail,
    clear,
    items,
    failed: form !== null || Object.keys(fields).length > 0,
  };
}

/** A success message shown after a write, focused (and so announced) each time it is shown. */
export function useSuccessNotice() {
  const [message, setMessage] = useState<string | null>(null);
  const [shown, setShown] = useState(0);
  const show = useCallback((text: string) => {
    setMessage(text);
    setShown((n) => n + 1);
  }, []);
  const hide = useCallback(() => setMessage(null), []);
  return { message, shown, show, hide };
}

/**
 * Move focus to an element once the next render has put it on screen: after adding a row, its
 * first field; after removing one, the "add" button. Call `focusLater(id)` from an event handler.
 */
export function useFocusLater() {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (!pending.current) return;
    document.getElementById(pending.current)?.focus();
    pending.current = null;
  });
  return useCallback((id: string) => {
    pending.current = id;
  }, []);
}
