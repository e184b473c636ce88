import { useCallback, useState } from 'react';

/**
 * The width of an element as laid out, kept up to date (ResizeObserver); `Infinity` until measured or where the
 * browser cannot measure (tests), so the wide layout is the default. Used where a layout must change with the
 * room its box has, not with the window (a form column beside a side panel).
 */
export function useElementWidth<T extends HTMLElement>(): [(el: T | null) => void, number] {
  const [width, setWidth] = useState(Number.POSITIVE_INFINITY);
  const ref = useCallback((el: T | null) => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const w = el.getBoundingClientRect().width;
      if (w > 0) setWidth(w);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // React 19 calls the cleanup a ref callback returns when the element goes away
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
