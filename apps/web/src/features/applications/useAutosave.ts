import { canonicalJson, type ApplicationContent } from '@grants/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Schemas } from '../../api/client';
import { isApiError } from '../../api/errors';
import { applicationsApi } from '../calls/api';
import type { Application, ApplicationContentPatch } from '../calls/types';

/** The sections an applicant edits through PATCH (attachments go through their own endpoint). */
export const EDITABLE_SECTIONS = ['project', 'logframe', 'workplan', 'budget', 'capacity', 'declarations'] as const;
export type EditableSection = (typeof EDITABLE_SECTIONS)[number];

export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

export type LocalCopy = { version: number; savedAt: string; sections: Partial<Pick<ApplicationContent, EditableSection>> };

export const localCopyKey = (id: string) => `grants.application.${id}.unsent`;

export function readLocalCopy(id: string): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(localCopyKey(id));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as LocalCopy;
    return parsed && typeof parsed === 'object' && parsed.sections ? parsed : null;
  } catch {
    return null;
  }
}

function writeLocalCopy(id: string, copy: LocalCopy | null) {
  try {
    if (copy && Object.keys(copy.sections).length > 0) window.localStorage.setItem(localCopyKey(id), JSON.stringify(copy));
    else window.localStorage.removeItem(localCopyKey(id));
  } catch {
    // private mode or a full disk: the server copy still works
  }
}

/** What an autosave answers: the new version, budget, completeness and clock, not the whole application. */
export type AutosaveAnswer = Schemas['ApplicationAutosaveResponseDto'];

/** Equal as data, whatever the order of their keys (the server's copy comes back from jsonb, which orders them its way). */
function same(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return JSON.stringify(a) === JSON.stringify(b);
  }
}

/**
 * The content as the server now holds it after a save of `patch`, merged as the server merges it: an object section
 * field by field over the stored one (the capacity keeps the profile's licence number), a list replaced whole.
 */
export function savedContent(base: ApplicationContent, patch: ApplicationContentPatch): ApplicationContent {
  const next: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const stored = (base as Record<string, unknown>)[k];
    next[k] = Array.isArray(v) || typeof v !== 'object' || v === null || typeof stored !== 'object' || stored === null || Array.isArray(stored) ? v : { ...stored, ...v };
  }
  return next as ApplicationContent;
}

/**
 * The changed sections as PATCH takes them: an indicator's baseline and target are the text the applicant
 * typed (the API takes strings; the domain also reads numbers, which an older copy may hold); capacity
 * without the licence number, which comes from the organisation's profile.
 */
export function contentPatch(content: ApplicationContent, sections: readonly EditableSection[]): ApplicationContentPatch {
  const patch: ApplicationContentPatch = {};
  for (const s of sections) {
    if (s === 'logframe') {
      const { logframe } = content;
      patch.logframe = {
        ...logframe,
        specificObjectives: logframe.specificObjectives.map((so) => ({
          ...so,
          results: so.results.map((r) => ({
            ...r,
            indicators: r.indicators.map((i) => ({ ...i, baseline: String(i.baseline), target: String(i.target) })),
          })),
        })),
      };
    } else if (s === 'capacity') {
      // the licence number is the organisation profile's, filled in by the server: never sent
      const { licenceNumber: _fromProfile, ...capacity } = content.capacity;
      patch.capacity = capacity;
    } else {
      (patch as Record<string, unknown>)[s] = content[s];
    }
  }
  return patch;
}

type Options = {
  application: Application;
  /**
   * Called with the application as the server now holds it after every save (the autosave's answer, its budget and
   * completeness as the server computed them, over the application last read, with the content saved) and after a
   * reload: the cache keeps it.
   */
  onSaved?: (app: Application) => void;
  delayMs?: number;
  enabled?: boolean;
};

/**
 * Drafts save as the applicant types: each change marks its section, and ~1.5 s after the last keystroke the
 * changed sections go to the server with the version we hold. A 409 means a colleague saved first: we fetch
 * their version and name the sections they changed; `reload()` takes theirs and keeps our edits elsewhere.
 * Every unsent change is also kept in localStorage, so closing the browser loses nothing.
 */
export function useAutosave({ application, onSaved, delayMs = 1500, enabled = true }: Options) {
  const id = application.id;
  const [content, setContent] = useState<ApplicationContent>(application.content);
  const [status, setStatus] = useState<AutosaveStatus>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflictSections, setConflictSections] = useState<EditableSection[]>([]);
  const [latest, setLatest] = useState<Application | null>(null);
  const [localCopy, setLocalCopy] = useState<LocalCopy | null>(() => {
    const copy = readLocalCopy(id);
    if (!copy) return null;
    const differs = (Object.keys(copy.sections) as EditableSection[]).some((s) => !same(copy.sections[s], application.content[s]));
    return differs ? copy : null;
  });

  const contentRef = useRef(content);
  const versionRef = useRef(application.version);
  const baseRef = useRef<ApplicationContent>(application.content);
  const dirtyRef = useRef(new Set<EditableSection>());
  const timerRef = useRef<number | null>(null);
  const savingRef = useRef(false);
  const againRef = useRef(false);
  const conflictRef = useRef(false);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  // the application as last read (the page follows the cache, which onSaved keeps): what an autosave's answer updates
  const appRef = useRef(application);
  appRef.current = application;

  const persistLocal = useCallback(() => {
    const sections: LocalCopy['sections'] = {};
    for (const s of dirtyRef.current) (sections as Record<string, unknown>)[s] = contentRef.current[s];
    writeLocalCopy(id, { version: versionRef.current, savedAt: new Date().toISOString(), sections });
  }, [id]);

  const save = useCallback(async () => {
    if (timerRef.current !== null) {
      window.clearTimeout(timerRef.current);
      timerRef.current = null;
    }
    if (conflictRef.current || dirtyRef.current.size === 0) return;
    if (savingRef.current) {
      againRef.current = true;
      return;
    }
    savingRef.current = true;
    setStatus('saving');
    const sent = [...dirtyRef.current];
    const snapshot = contentRef.current;
    try {
      const patch = contentPatch(snapshot, sent);
      const answer = await applicationsApi.autosave(id, versionRef.current, patch);
      versionRef.current = answer.version;
      baseRef.current = savedContent(baseRef.current, patch);
      const app: Application = { ...appRef.current, ...answer, content: { ...baseRef.current, attachments: appRef.current.content.attachments } };
      // a section typed into again while we were saving stays dirty
      for (const s of sent) if (contentRef.current[s] === snapshot[s]) dirtyRef.current.delete(s);
      persistLocal();
      setSavedAt(new Date());
      setError(null);
      setStatus(dirtyRef.current.size > 0 ? 'pending' : 'saved');
      onSavedRef.current?.(app);
    } catch (e) {
      if (isApiError(e) && e.statusCode === 409) {
        conflictRef.current = true;
        setStatus('conflict');
        setError(e);
        try {
          const theirs = await applicationsApi.get(id);
          setLatest(theirs);
          setConflictSections(EDITABLE_SECTIONS.filter((s) => !same(theirs.content[s], baseRef.current[s])));
        } catch {
          setConflictSections(
            e.details.map((d) => d.field.replace(/^content\./, '')).filter((s): s is EditableSection => (EDITABLE_SECTIONS as readonly string[]).includes(s)),
          );
        }
      } else {
        setStatus('error');
        setError(e);
      }
    } finally {
      savingRef.current = false;
    }
    if (againRef.current) {
      againRef.current = false;
      void save();
    }
  }, [id, persistLocal]);

  const schedule = useCallback(() => {
    if (!enabled) return;
    if (timerRef.current !== null) window.clearTimeout(timerRef.current);
    timerRef.current = window.setTimeout(() => void save(), delayMs);
    if (!conflictRef.current) setStatus('pending');
  }, [delayMs, enabled, save]);

  /** Replace one section (as the form holds it) and schedule a save. */
  const setSection = useCallback(
    <K extends EditableSection>(section: K, value: ApplicationContent[K]) => {
      const next = { ...contentRef.current, [section]: value };
      contentRef.current = next;
      setContent(next);
      dirtyRef.current.add(section);
      persistLocal();
      schedule();
    },
    [persistLocal, schedule],
  );

  /** After a conflict: take the colleague's version, and keep our edits of the sections they did not touch. */
  const reload = useCallback(async () => {
    const theirs = latest ?? (await applicationsApi.get(id));
    const changed = new Set(EDITABLE_SECTIONS.filter((s) => !same(theirs.content[s], baseRef.current[s])));
    const next = { ...theirs.content };
    for (const s of [...dirtyRef.current]) {
      if (changed.has(s)) dirtyRef.current.delete(s);
      else (next as Record<string, unknown>)[s] = contentRef.current[s];
    }
    versionRef.current = theirs.version;
    baseRef.current = theirs.content;
    contentRef.current = next;
    conflictRef.current = false;
    setContent(next);
    setConflictSections([]);
    setLatest(null);
    setError(null);
    onSavedRef.current?.(theirs);
    persistLocal();
    if (dirtyRef.current.size > 0) schedule();
    else setStatus('idle');
  }, [id, latest, persistLocal, schedule]);

  /** Take the copy kept in this browser back into the form (it is then saved). */
  const restoreLocal = useCallback(() => {
    if (!localCopy) return;
    const next = { ...contentRef.current, ...localCopy.sections };
    contentRef.current = next;
    setContent(next);
    for (const s of Object.keys(localCopy.sections) as EditableSection[]) dirtyRef.current.add(s);
    setLocalCopy(null);
    persistLocal();
    schedule();
  }, [localCopy, persistLocal, schedule]);

  const discardLocal = useCallback(() => {
    writeLocalCopy(id, null);
    setLocalCopy(null);
  }, [id]);

  /** The server answered something newer (upload, submission): follow its version and content. */
  const adopt = useCallback((app: Application) => {
    versionRef.current = app.version;
    baseRef.current = app.content;
    if (dirtyRef.current.size === 0) {
      contentRef.current = app.content;
      setContent(app.content);
    } else {
      const next = { ...contentRef.current, attachments: app.content.attachments };
      contentRef.current = next;
      setContent(next);
    }
  }, []);

  // Leaving the page with a save pending: send it now (the local copy covers a closed browser).
  useEffect(
    () => () => {
      if (timerRef.current !== null) {
        window.clearTimeout(timerRef.current);
        timerRef.current = null;
        void save();
      }
    },
    [save],
  );

  return {
    content,
    setSection,
    status,
    savedAt,
    error,
    conflictSections,
    reload,
    flush: save,
    localCopy,
    restoreLocal,
    discardLocal,
    adopt,
    version: () => versionRef.current,
    dirty: () => dirtyRef.current.size > 0,
  };
}
