import { useCallback, useState } from 'react';

/** The content width of an element, followed as it resizes (ResizeObserver); 0 until it is measured. */
export function useElementWidth<T extends HTMLElement>(): [(element: T | null) => void, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((element: T | null) => {
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    // React 19 runs a ref callback's returned function when the element goes away.
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
