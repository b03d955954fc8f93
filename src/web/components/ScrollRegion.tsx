import type { ReactNode } from 'react';

/**
 * A horizontally scrolling region (a wide table on a phone) that the keyboard can scroll: a Tab stop
 * with a name, so arrow keys move it and a screen reader says what it is.
 */
export function ScrollRegion({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="jf-scroll-x" role="region" aria-label={label} tabIndex={0} data-testid={testId}>
      {children}
    </div>
  );
}
