import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { CLOSING_NOTE_MAX, RECOVERY_ORDER_STATUSES, type RecoveryOrderStatus } from '@grants/domain';
import { IsCents, IsNotBlank, IsSaneDate } from '../../../common/validators';

/** The grant's version the Secretariat read the final balance from (a stale one answers 409 version_conflict). */
export class DrawUpFinalBalanceDto {
  @IsInt() @Min(1) version!: number;
}

export class CloseGrantDto {
  @IsInt() @Min(1) version!: number;
  /** How the grant ended (required: a closed grant is read-only and the note says why). */
  @IsString() @MaxLength(CLOSING_NOTE_MAX) closingNote!: string;
}

export class RecordRepaymentDto {
  /** Received, in euro cents: more than nothing and never above what is still owed. */
  @IsCents() amountCents!: number;
  /** The value date of the transfer received (YYYY-MM-DD). */
  @IsSaneDate({ kind: 'date' }) receivedOn!: string;
  @IsNotBlank() @IsString() @MaxLength(140) bankReference!: string;
}

export class RecoveryOrderListQuery {
  @ApiPropertyOptional({ enum: RECOVERY_ORDER_STATUSES }) @IsOptional() @IsIn(RECOVERY_ORDER_STATUSES) status?: RecoveryOrderStatus;
}
