/** An e-mail the portal kept instead of sending (demo mailbox). */
export class MailboxEmailResponseDto {
  id!: string;
  to!: string;
  subject!: string;
  text!: string;
  html!: string;
  status!: 'pending' | 'sent' | 'caught' | 'failed';
  /** ISO instant. */
  createdAt!: string;
}

export class MailboxResponseDto {
  enabled!: boolean;
  items!: MailboxEmailResponseDto[];
}
