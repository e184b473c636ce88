import { ApiProperty } from '@nestjs/swagger';
import { DELIVERIES, type Delivery } from '@grants/domain';

/** An in-app notification, rendered in the reader's language. */
export class NotificationResponseDto {
  id!: string;
  kind!: string;
  title!: string;
  body!: string;
  /** A path in the web app, e.g. /applications/<id>. */
  link!: string | null;
  /** ISO instant. */
  createdAt!: string;
  /** ISO instant. */
  readAt!: string | null;
}

export class NotificationPageResponseDto {
  items!: NotificationResponseDto[];
  unreadCount!: number;
  total!: number;
}

export class NotificationPreferenceResponseDto {
  kind!: string;
  /** Notifications that ask the reader to act are always sent at once. */
  mustAct!: boolean;
  @ApiProperty({ enum: DELIVERIES }) delivery!: Delivery;
}

export class NotificationPreferencesResponseDto {
  items!: NotificationPreferenceResponseDto[];
}
