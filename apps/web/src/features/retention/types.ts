/** Retention and erasure answers and bodies, named from the generated OpenAPI schema (libs/api-client). */
import type { RequestBodyOf, Schemas } from '../../api/client';

export type RetentionSetting = Schemas['RetentionSettingResponseDto'];
export type RetentionDryRun = Schemas['RetentionDryRunResponseDto'];
export type RetentionRun = Schemas['RetentionRunResponseDto'];
export type RetentionSweepItem = Schemas['RetentionSweepItemResponseDto'];
export type UserErasure = Schemas['UserErasureResponseDto'];
export type RetentionSettingsBody = RequestBodyOf<'/api/retention/settings', 'put'>;
