/** The in-app notification answers, named from the generated OpenAPI schema (libs/api-client). */
import type { QueryOf, Schemas } from '../../api/client';

export type AppNotification = Schemas['NotificationResponseDto'];
export type NotificationPage = Schemas['NotificationPageResponseDto'];
/** GET /api/notifications takes its filter as query text: `unread=true` for the unread ones only. */
export type NotificationQuery = QueryOf<'/api/notifications', 'get'>;
