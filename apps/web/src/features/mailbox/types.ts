/** The demo mailbox's answer, named from the generated OpenAPI schema (libs/api-client). */
import type { Schemas } from '../../api/client';

export type Mailbox = Schemas['MailboxResponseDto'];
export type MailboxItem = Schemas['MailboxEmailResponseDto'];
export type MailStatus = MailboxItem['status'];
