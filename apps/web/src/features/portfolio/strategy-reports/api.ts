import { api, data, downloadUrl, type RequestBodyOf, type Schemas } from '../../../api/client';

export type StrategyReportList = Schemas['StrategyReportListResponseDto'];
export type StrategyReportSummary = Schemas['StrategyReportSummaryResponseDto'];
export type StrategyReport = Schemas['StrategyReportResponseDto'];
export type StrategySection = Schemas['StrategySectionResponseDto'];
export type StrategyNarrative = Schemas['StrategyNarrativeResponseDto'];
export type ShownTable = Schemas['ShownBeneficiaryTableResponseDto'];
export type CreateStrategyReport = RequestBodyOf<'/api/strategy-reports', 'post'>;
export type ExportFormat = 'docx' | 'pdf';
export type ExportLanguage = { language: 'en' | 'sq' | 'sr'; script?: 'latin' | 'cyrillic' };

/** The Secretariat's 6-month and annual reports on the National Strategy (apps/api/src/modules/strategy-reports). */
export const strategyReportsApi = {
  list: () => data(api.GET('/api/strategy-reports')),
  get: (id: string) => data(api.GET('/api/strategy-reports/{id}', { params: { path: { id } } })),
  create: (body: CreateStrategyReport) => data(api.POST('/api/strategy-reports', { body })),
  update: (id: string, version: number, narrative: StrategyNarrative) => data(api.PATCH('/api/strategy-reports/{id}', { params: { path: { id } }, body: { version, narrative } })),
  redraft: (id: string, version: number) => data(api.POST('/api/strategy-reports/{id}/redraft', { params: { path: { id } }, body: { version } })),
  issue: (id: string, version: number) => data(api.POST('/api/strategy-reports/{id}/issue', { params: { path: { id } }, body: { version } })),
  /** The export as a download link: DOCX (editable) or PDF, in a language (and, for Serbian, a script). */
  exportUrl: (id: string, format: ExportFormat, lang: ExportLanguage) => {
    const q = new URLSearchParams({ format, language: lang.language, ...(lang.script ? { script: lang.script } : {}) });
    return `${downloadUrl('/api/strategy-reports/{id}/export', { id })}?${q.toString()}`;
  },
};
