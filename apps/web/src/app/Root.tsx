import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../features/auth/hooks';
import { applyLanguage } from '../i18n';

/** Keeps the UI language in step with the account, and moves focus to the page on navigation. */
export function Root() {
  const { data: me } = useMe();
  const location = useLocation();
  const first = useRef(true);

  const language = me?.language;
  const script = me?.script;
  useEffect(() => {
    if (language) void applyLanguage(language, script ?? 'latin');
  }, [language, script]);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo?.(0, 0);
    const main = document.getElementById('main');
    main?.focus({ preventScroll: true });
  }, [location.pathname]);

  return <Outlet />;
}
