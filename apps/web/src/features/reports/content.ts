import type { NarrativeReportContent } from '@grants/domain';
import type { RequestBodyOf } from '../../api/client';
import type { ShownReportContent } from './types';

type SavedContent = RequestBodyOf<'/api/reports/{id}', 'put'>['content'];

/**
 * The organisation's own content as the API answers it (its counts, never hidden) in the domain's type, which the
 * form and the checks (narrativeReportCompleteness, narrativeReportFreeText) take. The same JSON: a beneficiary
 * cell left out counts 0 in both.
 */
export const ownContent = (content: ShownReportContent): NarrativeReportContent => content as unknown as NarrativeReportContent;

/** The form's content as `PUT /api/reports/:id` takes it. */
export const savedContent = (content: NarrativeReportContent): SavedContent => content as unknown as SavedContent;

/** The domain's content in the answer's type (tests and the form's read-only view of its own draft). */
export const shownContent = (content: NarrativeReportContent): ShownReportContent => content as unknown as ShownReportContent;
