import { useEffect } from 'react';
import { translate } from '../i18n/index.js';

/** antd's own scroll containers: a wide table's body scrolls inside them. */
const SCROLLERS = '.ant-table-content, .ant-table-body';
const MARK = 'data-jf-scroll-region';

function nameOf(el: HTMLElement): string {
  const table = el.closest('.ant-table-wrapper');
  const own = table?.getAttribute('aria-label');
  const card = el.closest('.ant-card')?.querySelector('.ant-card-head-title')?.textContent?.trim();
  const heading = document.querySelector('main h1')?.textContent?.trim();
  return translate('a11y.scrollTable', { name: own || card || heading || '' });
}

function update(el: HTMLElement) {
  const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  if (scrolls && !el.hasAttribute(MARK) && !el.hasAttribute('tabindex')) {
    el.setAttribute(MARK, '');
    el.tabIndex = 0;
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', nameOf(el));
  } else if (!scrolls && el.hasAttribute(MARK)) {
    el.removeAttribute(MARK);
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
  }
}

/**
 * Makes every table that scrolls (sideways on a phone, or a table with a fixed height) a named Tab
 * stop, so the keyboard can scroll it (WCAG 2.1.1). antd renders the scroll container itself and
 * takes no attributes for it, so this watches the document for them; a table that fits gets nothing.
 */
export function useKeyboardScrollRegions() {
  useEffect(() => {
    const seen = new WeakSet<Element>();
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) {
        const el = e.target.matches(SCROLLERS) ? e.target : e.target.parentElement?.closest(SCROLLERS);
        if (el instanceof HTMLElement) update(el);
      }
    });
    let frame = 0;
    const scan = () => {
      frame = 0;
      document.querySelectorAll<HTMLElement>(SCROLLERS).forEach((el) => {
        if (!seen.has(el)) {
          seen.add(el);
          ro.observe(el);
          const inner = el.querySelector('table');
          if (inner) ro.observe(inner);
        }
        update(el);
      });
    };
    const mo = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(scan);
    });
    mo.observe(document.body, { childList: true, subtree: true });
    scan();
    return () => {
      mo.disconnect();
      ro.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);
}
