/**
 * @grants/domain: the rules of the grant scheme as pure functions, shared by the API (CommonJS) and the
 * web app (Vite). No I/O, no framework.
 */
export * from './roles';
export * from './permissions';
export * from './municipalities';
export * from './iban';
export * from './dates';
export * from './licence';
export * from './audit-chain';
export * from './transliterate';
export * from './password';
export * from './notifications';
export * from './files';
export * from './money';
export * from './suppress';
export * from './call-state';
export * from './info-session';
export * from './grid';
export * from './deadline';
export * from './budget';
export * from './application-state';
export * from './call-validation';
export * from './call-amendment';
export * from './demo-call';
export * from './completeness';
export * from './admissibility';
export * from './canonical-json';
export * from './evaluation';
export * from './award';
export * from './grant-settings';
export * from './grant-state';
export * from './grant-agreement';
export * from './expenditure';
export * from './expenditure-reports';
export * from './tranches';
export * from './reallocation';
export * from './amendments';
export * from './payment-order';
export * from './grant-deadlines';
export * from './grant-reminders';
export * from './grant-overdue';
export * from './monitoring-visits';
export * from './action-points';
export * from './monitoring-priority';
export * from './final-balance';
export * from './indicator-progress';
