import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../ui/CenteredLoader';
import { hasWorkTranslations, loadWorkTranslations } from './index';

/**
 * The signed-in layout waits for the signed-in pages' words (the `work` part of the language file, parts.ts) before
 * it renders, so no page ever shows a key; the first page a visitor opens does not carry them. Checked again each
 * time the language changes: a language whose first-page words were loaded before the signed-in pages asked for
 * theirs (the user's stored language, applied while the layout was first loading the English words) is not loaded
 * again by i18next, so its work part is fetched here.
 */
export function WorkTranslations({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const [, setLoaded] = useState(0);
  const [failed, setFailed] = useState<unknown>(null);
  const ready = hasWorkTranslations(i18n);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadWorkTranslations(i18n).then(
      () => live && setLoaded((n) => n + 1),
      (e: unknown) => live && setFailed(e),
    );
    return () => {
      live = false;
    };
  }, [i18n, language, ready]);
  // a chunk that could not be fetched (an update deployed, the network gone) is the error boundary's to explain
  if (failed) throw failed;
  return ready ? <>{children}</> : <CenteredLoader />;
}
