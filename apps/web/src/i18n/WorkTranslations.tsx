import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../ui/CenteredLoader';
import { hasWorkTranslations, loadWorkTranslations } from './index';

/**
 * The signed-in layout waits for the signed-in pages' words (the `work` part of the language file, parts.ts) before
 * it renders, so no page ever shows a key; the first page a visitor opens does not carry them.
 */
export function WorkTranslations({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [ready, setReady] = useState(() => hasWorkTranslations(i18n));
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadWorkTranslations(i18n).then(
      () => live && setReady(true),
      (e: unknown) => live && setFailed(e),
    );
    return () => {
      live = false;
    };
  }, [i18n, ready]);
  // a chunk that could not be fetched (an update deployed, the network gone) is the error boundary's to explain
  if (failed) throw failed;
  return ready ? <>{children}</> : <CenteredLoader />;
}
