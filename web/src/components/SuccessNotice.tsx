import { useEffect, useRef } from 'react';

/**
 * A success notice (GC Design System notice). Each new `focusKey` (after a write) moves focus to
 * it, so screen readers announce it.
 */
export function SuccessNotice({
  message,
  focusKey = 0,
}: {
  message: string | null;
  focusKey?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (!message) return null;
  return (
    <div className="notice notice--success" role="status" tabIndex={-1} ref={ref}>
      <p>{message}</p>
    </div>
  );
}
