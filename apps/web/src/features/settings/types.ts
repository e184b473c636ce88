/** The notification-preference answers and bodies, named from the generated OpenAPI schema (libs/api-client). */
import type { RequestBodyOf, Schemas } from '../../api/client';

export type NotificationPreference = Schemas['NotificationPreferenceResponseDto'];
export type NotificationPreferences = Schemas['NotificationPreferencesResponseDto'];
export type Delivery = NotificationPreference['delivery'];
export type PreferenceItem = RequestBodyOf<'/api/users/me/notification-preferences', 'put'>['items'][number];
