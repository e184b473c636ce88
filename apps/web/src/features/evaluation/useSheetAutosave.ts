import type { SheetComments, SheetScores } from '@grants/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/errors';
import { evaluationApi } from './api';
import type { SaveSheetAnswer } from './types';

export type SheetSaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

type Sheet = { scores: SheetScores; comments: SheetComments };

type Options = {
  assignmentId: string;
  initial: Sheet;
  version: number;
  /** Called after each successful save with what was saved (to keep the cached assignment in step). */
  onSaved?: (sheet: Sheet, answer: SaveSheetAnswer) => void;
  delayMs?: number;
};

/**
 * The sheet saves itself as the evaluator works: ~1 s after the last change the whole sheet goes to the server
 * with the version we hold, and the version it answers is kept for the next save. A 409 means the sheet was
 * saved elsewhere (another tab): saving stops until the evaluator reloads. Field problems the server finds
 * (`scores.<criterion>`, `comments.<section>`) come back in `fieldErrors`.
 */
export function useSheetAutosave({ assignmentId, initial, version, onSaved, delayMs = 1000 }: Options) {
  const [sheet, setSheet] = useState<Sheet>(initial);
  const [status, setStatus] = useState<SheetSaveStatus>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const sheetRef = useRef(sheet);
  const versionRef = useRef(version);
  const dirtyRef = useRef(false);
  const conflictRef = useRef(false);
  const timerRef = useRef<number | null>(null);
  const inflightRef = useRef<Promise<void> | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const run = useCallback(async () => {
    while (dirtyRef.current && !conflictRef.current) {
      const sent = sheetRef.current;
      setStatus('saving');
      try {
        const answer = await evaluationApi.saveSheet(assignmentId, { scores: sent.scores, comments: sent.comments, version: versionRef.current });
        versionRef.current = answer.version;
        if (sheetRef.current === sent) dirtyRef.current = false;
        setFieldErrors({});
        setError(null);
        setSavedAt(new Date());
        setStatus(dirtyRef.current ? 'pending' : 'saved');
        onSavedRef.current?.(sent, answer);
      } catch (e) {
        setError(e);
        if (isApiError(e) && e.statusCode === 409) {
          conflictRef.current = true;
          setStatus('conflict');
          return;
        }
        if (isApiError(e) && e.details.length > 0) {
          setFieldErrors(Object.fromEntries(e.details.filter((d) => d.field).map((d) => [d.field, d.code])));
        }
        // stays dirty: the next change tries again
        setStatus('error');
        return;
      }
    }
  }, [assignmentId]);

  const save = useCallback((): Promise<void> => {
    if (timerRef.current !== null) {
      window.clearTimeout(timerRef.current);
      timerRef.current = null;
    }
    if (!inflightRef.current) {
      inflightRef.current = run().finally(() => {
        inflightRef.current = null;
      });
    }
    return inflightRef.current;
  }, [run]);

  const change = useCallback(
    (next: Sheet, field: string) => {
      sheetRef.current = next;
      setSheet(next);
      setFieldErrors((f) => {
        if (!(field in f)) return f;
        const rest = { ...f };
        delete rest[field];
        return rest;
      });
      if (conflictRef.current) return;
      dirtyRef.current = true;
      setStatus((s) => (s === 'saving' ? s : 'pending'));
      if (timerRef.current !== null) window.clearTimeout(timerRef.current);
      timerRef.current = window.setTimeout(() => void save(), delayMs);
    },
    [delayMs, save],
  );

  const setScore = useCallback(
    (criterionId: string, value: number | null) => {
      const scores = { ...sheetRef.current.scores };
      if (value === null) delete scores[criterionId];
      else scores[criterionId] = value;
      change({ ...sheetRef.current, scores }, `scores.${criterionId}`);
    },
    [change],
  );

  const setComment = useCallback(
    (sectionId: string, text: string) => {
      change({ ...sheetRef.current, comments: { ...sheetRef.current.comments, [sectionId]: text } }, `comments.${sectionId}`);
    },
    [change],
  );

  /** Saves what is pending now; true when the server holds the sheet as shown. */
  const flush = useCallback(async (): Promise<boolean> => {
    await save();
    return !dirtyRef.current && !conflictRef.current;
  }, [save]);

  /** A 409 on submit: the same state as a 409 on save. */
  const markConflict = useCallback((e: unknown) => {
    conflictRef.current = true;
    setError(e);
    setStatus('conflict');
  }, []);

  // leaving the page saves what is pending; closing the tab with unsaved changes asks first
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current && !conflictRef.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      if (dirtyRef.current && !conflictRef.current) void save();
    };
  }, [save]);

  return {
    scores: sheet.scores,
    comments: sheet.comments,
    status,
    savedAt,
    error,
    fieldErrors,
    setFieldErrors,
    setScore,
    setComment,
    flush,
    markConflict,
    version: () => versionRef.current,
  };
}
