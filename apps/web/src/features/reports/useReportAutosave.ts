import type { NarrativeReportContent } from '@grants/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/errors';

export type ReportAutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

type Saved = { version: number };

type Options<R extends Saved> = {
  initial: { version: number; content: NarrativeReportContent };
  save: (version: number, content: NarrativeReportContent) => Promise<R>;
  /** The report as the server holds it now, and its content for the form. */
  load: () => Promise<{ report: R; content: NarrativeReportContent }>;
  onSaved?: (report: R) => void;
  delayMs?: number;
  enabled?: boolean;
};

/**
 * The report saves as the organisation types: ~1.2 s after the last change the whole content goes to
 * `PUT /api/reports/:id` with the version it was made from. A 409 (a colleague saved first) stops saving and
 * says so — nothing is overwritten; `reload()` takes the colleague's version.
 */
export function useReportAutosave<R extends Saved>({ initial, save, load, onSaved, delayMs = 1200, enabled = true }: Options<R>) {
  const [content, setContentState] = useState<NarrativeReportContent>(initial.content);
  const [status, setStatus] = useState<ReportAutosaveStatus>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<unknown>(null);
  const contentRef = useRef(initial.content);
  const versionRef = useRef(initial.version);
  const dirtyRef = useRef(false);
  const timerRef = useRef<number | null>(null);
  const savingRef = useRef(false);
  const againRef = useRef(false);
  const conflictRef = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const flush = useCallback(async () => {
    if (timerRef.current !== null) {
      window.clearTimeout(timerRef.current);
      timerRef.current = null;
    }
    if (conflictRef.current || !dirtyRef.current) return;
    if (savingRef.current) {
      againRef.current = true;
      return;
    }
    savingRef.current = true;
    setStatus('saving');
    const snapshot = contentRef.current;
    try {
      const report = await saveRef.current(versionRef.current, snapshot);
      versionRef.current = report.version;
      if (contentRef.current === snapshot) dirtyRef.current = false;
      setSavedAt(new Date());
      setError(null);
      setStatus(dirtyRef.current ? 'pending' : 'saved');
      onSavedRef.current?.(report);
    } catch (e) {
      setError(e);
      if (isApiError(e) && e.statusCode === 409) {
        conflictRef.current = true;
        setStatus('conflict');
      } else setStatus('error');
    } finally {
      savingRef.current = false;
    }
    if (againRef.current) {
      againRef.current = false;
      void flush();
    }
  }, []);

  const setContent = useCallback(
    (change: (c: NarrativeReportContent) => NarrativeReportContent) => {
      if (!enabled) return;
      const next = change(contentRef.current);
      contentRef.current = next;
      setContentState(next);
      dirtyRef.current = true;
      if (conflictRef.current) return;
      if (timerRef.current !== null) window.clearTimeout(timerRef.current);
      timerRef.current = window.setTimeout(() => void flush(), delayMs);
      setStatus('pending');
    },
    [delayMs, enabled, flush],
  );

  /** After a conflict: the colleague's version replaces the form's. */
  const reload = useCallback(async () => {
    const { report: theirs, content: theirContent } = await load();
    versionRef.current = theirs.version;
    contentRef.current = theirContent;
    dirtyRef.current = false;
    conflictRef.current = false;
    setContentState(theirContent);
    setError(null);
    setStatus('idle');
    onSavedRef.current?.(theirs);
  }, [load]);

  // leaving the page with a save pending: send it now
  useEffect(
    () => () => {
      if (timerRef.current !== null) {
        window.clearTimeout(timerRef.current);
        timerRef.current = null;
        void flush();
      }
    },
    [flush],
  );

  return { content, setContent, status, savedAt, error, flush, reload, version: () => versionRef.current, dirty: () => dirtyRef.current };
}
