import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/**
 * 关怀模式 (care mode): large type, high contrast, larger targets. A device preference, remembered per
 * browser in localStorage and followed by every open tab (the `storage` event). It puts the class
 * `jf-care` on <html>, which makes the root font size 125 % (styles.css), so everything sized in rem
 * grows with it; the antd theme reads the resulting root size (useRootPx).
 */
export const CARE_STORAGE_KEY = 'jianfu.care';
export const CARE_CLASS = 'jf-care';

function readStoredCare(): boolean {
  try {
    return window.localStorage.getItem(CARE_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

let current = typeof window === 'undefined' ? false : readStoredCare();

/**
 * Writes the care choice to localStorage again: sign-out's `Clear-Site-Data: "storage"` wipes it, and
 * like the language it belongs to the device, not to the session.
 */
export function persistCare() {
  try {
    window.localStorage.setItem(CARE_STORAGE_KEY, current ? '1' : '0');
  } catch {
    /* private mode */
  }
}

function applyCare(care: boolean) {
  current = care;
  document.documentElement.classList.toggle(CARE_CLASS, care);
}

interface CareValue {
  care: boolean;
  setCare: (care: boolean) => void;
}

const CareContext = createContext<CareValue | null>(null);

export function CareProvider({ children }: { children: ReactNode }) {
  const [care, setCareState] = useState(current);
  applyCare(care);
  useEffect(() => persistCare(), [care]);
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === CARE_STORAGE_KEY && e.newValue !== null) setCareState(e.newValue === '1');
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const setCare = useCallback((c: boolean) => setCareState(c), []);
  const value = useMemo(() => ({ care, setCare }), [care, setCare]);
  return <CareContext.Provider value={value}>{children}</CareContext.Provider>;
}

export function useCare(): CareValue {
  const v = useContext(CareContext);
  if (!v) throw new Error('useCare outside CareProvider');
  return v;
}

const rootPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/**
 * The root element's font size in px, read on every render (care mode sets its class before the app
 * renders) and re-read when the browser's font-size setting changes (a hidden 1rem-wide probe).
 */
export function useRootPx(): number {
  const [, setSeen] = useState(0);
  useEffect(() => {
    const probe = document.createElement('div');
    probe.setAttribute('aria-hidden', 'true');
    probe.style.cssText = 'position:absolute;visibility:hidden;pointer-events:none;width:1rem;height:0;top:0;left:0';
    document.body.appendChild(probe);
    const ro = new ResizeObserver(() => setSeen(rootPx()));
    ro.observe(probe);
    return () => {
      ro.disconnect();
      probe.remove();
    };
  }, []);
  return rootPx();
}

/** Whether the user asked the system for less motion (antd's animations are switched off then). */
export function useReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.(query);
    if (!mq) return;
    const onChange = () => setReduced(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return reduced;
}
