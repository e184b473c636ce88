import type { AdmissibilityAnswer, ApplicationContent, ApplicationStatus, CallStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { CallDefinition } from '../calls/calls.service';
import { prepared } from '../../common/prepared';
import { cents } from '../../common/whole-numbers';

/** Everything an application's answer is made of, read in one query (the application, its call, organisation, files, submissions, check). */
export type ApplicationViewRow = {
  id: string; callId: string; organizationId: string; status: ApplicationStatus; version: number; reference: string | null;
  content: ApplicationContent; submittedAt: Date | null; sha256: string | null;
  callReference: string; callStatus: CallStatus; submissionDeadlineAt: Date | null; definition: CallDefinition;
  organizationName: string;
  /** The organisation profile's licence number, which the application carries while it can change. */
  organizationLicenceNumber: string | null;
  /** The database's clock when the row was read. */
  now: Date;
  /** now() < the call's submission deadline */
  open: boolean;
  attachments: { id: string; requirementId: string; fileId: string; fileName: string; size: number; sha256: string }[];
  /** Latest first; contentSha256 is the hash of the content frozen with each. */
  submissions: { seq: number; reference: string; sha256: string; submittedAt: string; supersededAt: string | null; contentSha256: string | null }[];
  admissibility: { answers: AdmissibilityAnswer[]; outcome: 'admissible' | 'rejected' | 'incomplete' | null; flags: string[]; decidedAt: string | null } | null;
};

const VIEW = `
  SELECT a.id, a.call_id AS "callId", a.organization_id AS "organizationId", a.status, a.version, a.reference, a.content,
         a.submitted_at AS "submittedAt", a.sha256,
         c.reference AS "callReference", c.status AS "callStatus", c.submission_deadline_at AS "submissionDeadlineAt", c.definition,
         o.legal_name AS "organizationName", o.licence_number AS "organizationLicenceNumber", now() AS now, coalesce(now() < c.submission_deadline_at, false) AS open,
         coalesce((SELECT json_agg(json_build_object('id', t.id, 'requirementId', t.requirement_id, 'fileId', f.id, 'fileName', f.file_name,
                                                     'size', f.size, 'sha256', f.sha256) ORDER BY t.created_at)
                     FROM application_attachments t JOIN files f ON f.id = t.file_id
                    WHERE t.application_id = a.id AND t.deleted_at IS NULL), '[]') AS attachments,
         coalesce((SELECT json_agg(json_build_object('seq', s.seq, 'reference', s.reference, 'sha256', s.sha256, 'submittedAt', s.submitted_at,
                                                     'supersededAt', s.superseded_at, 'contentSha256', s.snapshot->>'contentSha256') ORDER BY s.seq DESC)
                     FROM application_submissions s WHERE s.application_id = a.id), '[]') AS submissions,
         (SELECT json_build_object('answers', x.answers, 'outcome', x.outcome, 'flags', x.flags, 'decidedAt', x.decided_at)
            FROM admissibility_checks x WHERE x.application_id = a.id) AS admissibility
    FROM applications a
    JOIN calls c ON c.id = a.call_id
    JOIN organizations o ON o.id = a.organization_id
   WHERE a.id = $1`;

const SAVE_SECTIONS = `
  UPDATE applications a
     SET content = a.content || $3::jsonb, requested_cents = $4, version = a.version + 1, updated_at = now()
   WHERE a.id = $1 AND a.version = $2 AND a.status IN ('draft', 'submitted')
     AND EXISTS (SELECT 1 FROM calls c WHERE c.id = a.call_id AND now() < c.submission_deadline_at)
  RETURNING a.version`;

/** One line of the applications list (GET /api/applications). */
export type ApplicationListRow = {
  id: string; callId: string; callReference: string; organizationName: string; organizationId: string; status: ApplicationStatus;
  reference: string | null; requestedCents: number; submittedAt: string | null; admissibilityOutcome: 'admissible' | 'rejected' | 'incomplete' | null;
};

export type ApplicationListFilter = {
  /** Only this organisation's applications (drafts included); otherwise everything submitted (the Secretariat's view). */
  organizationId?: string; callId?: string; status?: string; q?: string; offset: number; limit: number;
};

/** One line of the call's applications export; the requested amount stays exact cents (bigint read as text). */
export type ApplicationExportRow = {
  reference: string | null; organization: string; registration_number: string; municipality: string | null; status: string;
  admissibility: string | null; requestedCents: string; submitted_at: Date | null; sha256: string | null;
};

/**
 * Autosave in one round trip: the sections sent are merged over the stored ones (an object section field by field,
 * as mergeSections does; a list replaced whole), guarded like SAVE_SECTIONS, and the application's whole answer is
 * read back from the written row in the same statement. $4 is the requested amount when the sections sent fix it
 * (a complete budget), else null (unchanged).
 */
const MERGE = `a.content || (SELECT coalesce(jsonb_object_agg(e.key, CASE WHEN jsonb_typeof(e.value) = 'object' AND jsonb_typeof(a.content -> e.key) = 'object'
                                          THEN (a.content -> e.key) || e.value ELSE e.value END), '{}'::jsonb)
                       FROM jsonb_each($3::jsonb) e)`;
const VIEW_FROM = `
    FROM applications a
    JOIN calls c ON c.id = a.call_id
    JOIN organizations o ON o.id = a.organization_id
   WHERE a.id = $1`;
if (!VIEW.endsWith(VIEW_FROM)) throw new Error('applications.repository: the view query changed shape');
const SAVE_AND_VIEW = `
  WITH u AS (
    UPDATE applications a
       SET content = ${MERGE}, requested_cents = coalesce($4, a.requested_cents), version = a.version + 1, updated_at = now()
     WHERE a.id = $1 AND a.version = $2 AND a.status IN ('draft', 'submitted')
       AND EXISTS (SELECT 1 FROM calls c WHERE c.id = a.call_id AND now() < c.submission_deadline_at)
    RETURNING a.id, a.version, a.content)
  ${VIEW.slice(0, -VIEW_FROM.length).replace('a.status, a.version, a.reference, a.content,', 'a.status, u.version, a.reference, u.content,')}
    FROM u
    JOIN applications a ON a.id = u.id
    JOIN calls c ON c.id = a.call_id
    JOIN organizations o ON o.id = a.organization_id`;
if (!SAVE_AND_VIEW.includes('u.version, a.reference, u.content')) throw new Error('applications.repository: the view query changed shape');

/**
 * What an autosave needs back to answer (ApplicationAutosaveResponseDto): the merged content and new version, what
 * completeness is judged with (the profile's licence number, the attachments, the call's rules), whether the
 * submission still matches, the clock. The call's definition (several KB of jsonb, the same for every draft of the
 * call) comes back only when the call's row is no longer the version $5 whose rules the caller holds: the row's xmin,
 * which every UPDATE of the row changes (an amendment through the ORM or any SQL alike), at no cost to read, where an
 * md5 of the definition would cost PostgreSQL ~0.1 ms a save.
 */
export type ApplicationAutosaveRow = {
  id: string; callId: string; version: number; status: ApplicationStatus; content: ApplicationContent; now: Date; open: boolean; callStatus: CallStatus;
  organizationLicenceNumber: string | null;
  attachments: { requirementId: string; fileId: string }[];
  /** The content hash frozen with the latest submission: null without one, '' for a submission that froze none. */
  latestContentSha256: string | null;
  /** The call row's version (its xmin, as text): the definition is the same while it is. */
  callRowVersion: string;
  /** null when callRowVersion is the one the caller sent. */
  definition: CallDefinition | null;
};

/** Autosave in one round trip, answering only what ApplicationAutosaveRow holds (guarded and merged as SAVE_AND_VIEW). */
const AUTOSAVE = `
  WITH u AS (
    UPDATE applications a
       SET content = ${MERGE}, requested_cents = coalesce($4, a.requested_cents), version = a.version + 1, updated_at = now()
     WHERE a.id = $1 AND a.version = $2 AND a.status IN ('draft', 'submitted')
       AND EXISTS (SELECT 1 FROM calls c WHERE c.id = a.call_id AND now() < c.submission_deadline_at)
    RETURNING a.id, a.version, a.status, a.content, a.call_id, a.organization_id)
  SELECT u.id, u.call_id AS "callId", u.version, u.status, u.content, now() AS now, coalesce(now() < c.submission_deadline_at, false) AS open, c.status AS "callStatus",
         o.licence_number AS "organizationLicenceNumber",
         coalesce((SELECT json_agg(json_build_object('requirementId', t.requirement_id, 'fileId', t.file_id) ORDER BY t.created_at)
                     FROM application_attachments t WHERE t.application_id = u.id AND t.deleted_at IS NULL), '[]') AS attachments,
         (SELECT coalesce(s.snapshot->>'contentSha256', '') FROM application_submissions s WHERE s.application_id = u.id ORDER BY s.seq DESC LIMIT 1) AS "latestContentSha256",
         c.xmin::text AS "callRowVersion", CASE WHEN c.xmin::text = $5 THEN NULL ELSE c.definition END AS definition
    FROM u
    JOIN calls c ON c.id = u.call_id
    JOIN organizations o ON o.id = u.organization_id`;

/** bigint cents as text ("-123456") → decimal euros ("-1234.56") for spreadsheets, exact at any size (no float on the way). */
export function decimalEuros(centsText: string): string {
  const c = BigInt(centsText);
  const abs = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Record-level SQL of applications that the hot paths (reading an application, autosave) run without the ORM. */
export const applicationsRepository = {
  /**
   * The applications list with its total, filtered in SQL. `requested_cents` is bigint: `pg` gives it as text and it
   * is read as an exact integer (never through float8, which rounds beyond 2^53 and invites float arithmetic).
   */
  async list(m: EntityManager, f: ApplicationListFilter): Promise<{ items: ApplicationListRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (f.organizationId) where.push(`a.organization_id = ${p(f.organizationId)}`);
    else where.push(`a.status <> 'draft'`); // the Secretariat sees what was submitted, not work in progress
    if (f.callId) where.push(`a.call_id = ${p(f.callId)}`);
    if (f.status) where.push(`a.status = ${p(f.status)}`);
    if (f.q) { const q = p(`%${f.q}%`); where.push(`(o.legal_name ILIKE ${q} OR a.reference ILIKE ${q})`); }
    const from = `FROM applications a JOIN calls c ON c.id = a.call_id JOIN organizations o ON o.id = a.organization_id
                  LEFT JOIN admissibility_checks x ON x.application_id = a.id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await m.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: (Omit<ApplicationListRow, 'requestedCents' | 'submittedAt'> & { requestedCents: string; submittedAt: Date | null })[] = await m.query(
      `SELECT a.id, a.call_id AS "callId", c.reference AS "callReference", o.legal_name AS "organizationName", a.organization_id AS "organizationId",
              a.status, a.reference, a.requested_cents AS "requestedCents", a.submitted_at AS "submittedAt", x.outcome AS "admissibilityOutcome"
         ${from} ORDER BY a.reference ASC NULLS LAST, a.created_at DESC OFFSET ${p(f.offset)} LIMIT ${p(f.limit)}`, params);
    return { items: rows.map((r) => ({ ...r, requestedCents: cents(r.requestedCents), submittedAt: r.submittedAt && r.submittedAt.toISOString() })), total };
  },

  /** The submitted applications of a call for its export, in reference order; cents as exact text. */
  async exportRows(m: EntityManager, callId: string): Promise<ApplicationExportRow[]> {
    return m.query(
      `SELECT a.reference, o.legal_name AS organization, o.registration_number, o.municipality, a.status, x.outcome AS admissibility,
              a.requested_cents::text AS "requestedCents", a.submitted_at, a.sha256
         FROM applications a JOIN organizations o ON o.id = a.organization_id LEFT JOIN admissibility_checks x ON x.application_id = a.id
        WHERE a.call_id = $1 AND a.status <> 'draft' ORDER BY a.reference`, [callId]);
  },

  /** The application with all its answer needs, in one round trip; null when there is none. */
  async view(m: EntityManager, id: string): Promise<ApplicationViewRow | null> {
    const [row] = await prepared<Omit<ApplicationViewRow, 'version'> & { version: number | string }>(m, 'grants-application-view', VIEW, [id]);
    return row ? { ...row, version: Number(row.version) } : null;
  },

  /**
   * Autosave's write: only the sections that changed replace theirs in the stored content, with the requested amount
   * computed from the merged budget. It writes only if the application is still at the version the caller read and
   * still editable (draft or submitted, before its call's deadline), so no lock is held between the read and the
   * write: a colleague's save in between makes it write nothing (null), and the caller says why.
   */
  /**
   * Autosave's write and read back in one statement (see SAVE_AND_VIEW): null when nothing was written (another
   * version, no longer editable, deadline passed, or no such application), and the caller reads again to say why.
   */
  async saveAndView(m: EntityManager, id: string, version: number, sections: object, requestedCents: number | null): Promise<ApplicationViewRow | null> {
    const [row] = await prepared<Omit<ApplicationViewRow, 'version'> & { version: number | string }>(m, 'grants-application-save-and-view', SAVE_AND_VIEW,
      [id, version, JSON.stringify(sections), requestedCents]);
    return row ? { ...row, version: Number(row.version) } : null;
  },

  /**
   * Autosave's write and its answer's facts in one statement (see AUTOSAVE); null when nothing was written, as
   * saveAndView. callRowVersion: the version of the call's row whose rules the caller holds (then no definition is sent back).
   */
  async autosave(m: EntityManager, id: string, version: number, sections: object, requestedCents: number | null, callRowVersion: string | null): Promise<ApplicationAutosaveRow | null> {
    const [row] = await prepared<Omit<ApplicationAutosaveRow, 'version'> & { version: number | string }>(m, 'grants-application-autosave', AUTOSAVE,
      [id, version, JSON.stringify(sections), requestedCents, callRowVersion]);
    return row ? { ...row, version: Number(row.version) } : null;
  },

  async saveSections(m: EntityManager, id: string, version: number, sections: Partial<ApplicationContent>, requestedCents: number): Promise<{ version: number } | null> {
    const rows = await prepared<{ version: number }>(m, 'grants-application-save-sections', SAVE_SECTIONS, [id, version, JSON.stringify(sections), requestedCents]);
    return rows[0] ? { version: Number(rows[0].version) } : null;
  },
};
