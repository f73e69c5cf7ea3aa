import type { ReactNode } from 'react';

/**
 * The page's one h1. It can take focus (tabIndex -1) so that, after an in-app navigation, the
 * layout moves focus to it and screen readers announce the new page.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 className="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}
