import { useEffect } from 'react';
import { useLocation } from 'react-router';

/** The path focus was last managed for; undefined until the first page has rendered. */
let lastPath: string | undefined;

/**
 * After an in-app navigation (also one that swaps layouts, e.g. sign-in → dashboard),
 * scroll to the top and move focus to <main id="main"> so screen-reader and keyboard
 * users start at the new page. The first page of a visit keeps the browser's own focus.
 */
export function useRouteFocus(): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const previous = lastPath;
    lastPath = pathname;
    if (previous === undefined || previous === pathname) return;
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
}
