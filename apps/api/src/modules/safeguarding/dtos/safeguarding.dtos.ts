import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { SAFEGUARDING_CATEGORIES, SAFEGUARDING_OUTCOMES, SAFEGUARDING_STATUSES, type SafeguardingCategory, type SafeguardingOutcome, type SafeguardingStatus } from '@grants/domain';

export const SAFEGUARDING_TEXT_MAX = 20000;
const LANGUAGES = ['en', 'sq', 'sr'] as const;

/** A concern, from anyone: what happened; optionally who or which project it is about, how to reach the reporter. */
export class CreateSafeguardingReportDto {
  @ApiProperty({ enum: SAFEGUARDING_CATEGORIES }) @IsIn(SAFEGUARDING_CATEGORIES) category!: SafeguardingCategory;
  @ApiProperty({ maxLength: SAFEGUARDING_TEXT_MAX, description: 'What happened, in the reporter’s words' })
  @IsString() @IsNotEmpty() @MaxLength(SAFEGUARDING_TEXT_MAX) whatHappened!: string;
  @ApiPropertyOptional({ maxLength: 500, description: 'The organisation, grant or project concerned, if known' })
  @IsOptional() @IsString() @MaxLength(500) concerns?: string;
  @ApiPropertyOptional({ maxLength: 500, description: 'Another way to reach the reporter (phone, a person), if they wish' })
  @IsOptional() @IsString() @MaxLength(500) contact?: string;
  @ApiPropertyOptional({ description: 'Told (without any content) when the focal point writes' })
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ enum: LANGUAGES, description: 'The language of the e-mails to the reporter' })
  @IsOptional() @IsIn(LANGUAGES) language?: (typeof LANGUAGES)[number];
}

/** The reporter's follow-up code. */
export class FollowUpDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @IsNotEmpty() @MaxLength(64) code!: string;
}

export class FollowUpMessageDto extends FollowUpDto {
  @ApiProperty({ maxLength: SAFEGUARDING_TEXT_MAX }) @IsString() @IsNotEmpty() @MaxLength(SAFEGUARDING_TEXT_MAX) body!: string;
}

export class SafeguardingMessageDto {
  @ApiProperty({ maxLength: SAFEGUARDING_TEXT_MAX }) @IsString() @IsNotEmpty() @MaxLength(SAFEGUARDING_TEXT_MAX) body!: string;
}

export class SafeguardingStatusDto {
  @ApiProperty({ enum: SAFEGUARDING_STATUSES }) @IsIn(SAFEGUARDING_STATUSES) status!: SafeguardingStatus;
  @ApiPropertyOptional({ enum: SAFEGUARDING_OUTCOMES, description: 'Required when closing; only then' }) @IsOptional() @IsIn(SAFEGUARDING_OUTCOMES) outcome?: SafeguardingOutcome;
}

export class FocalPointDto {
  @ApiProperty() @IsBoolean() focalPoint!: boolean;
}

// ------------------------------------------------------------------------------------------------ responses

export class SafeguardingReceiptDto {
  @ApiProperty({ description: 'Shown once: the only way to follow the case; the portal keeps only its hash' }) followUpCode!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class SafeguardingMessageViewDto {
  @ApiProperty({ enum: ['reporter', 'focal_point'] }) author!: 'reporter' | 'focal_point';
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** What the reporter sees with the code: the case's status and the conversation. */
export class SafeguardingFollowUpViewDto {
  @ApiProperty({ enum: SAFEGUARDING_STATUSES }) status!: SafeguardingStatus;
  @ApiProperty({ enum: SAFEGUARDING_OUTCOMES, nullable: true, type: String }) outcome!: SafeguardingOutcome | null;
  @ApiProperty({ enum: SAFEGUARDING_CATEGORIES }) category!: SafeguardingCategory;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty() whatHappened!: string;
  @ApiProperty({ type: [SafeguardingMessageViewDto] }) messages!: SafeguardingMessageViewDto[];
}

/** A report in the focal points' inbox: no content, only what sorts it. */
export class SafeguardingReportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SAFEGUARDING_STATUSES }) status!: SafeguardingStatus;
  @ApiProperty({ enum: SAFEGUARDING_OUTCOMES, nullable: true, type: String }) outcome!: SafeguardingOutcome | null;
  @ApiProperty({ enum: SAFEGUARDING_CATEGORIES }) category!: SafeguardingCategory;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: 'integer' }) messages!: number;
  @ApiProperty({ description: 'The last message is the reporter’s: a reply waits' }) reporterWaiting!: boolean;
}

export class SafeguardingReportListDto {
  @ApiProperty({ type: [SafeguardingReportSummaryDto], description: 'Open reports first, the oldest first; then closed ones, newest first' }) items!: SafeguardingReportSummaryDto[];
  @ApiProperty({ type: 'integer' }) received!: number;
  @ApiProperty({ type: 'integer' }) underReview!: number;
}

export class SafeguardingReportCanDto {
  @ApiProperty() review!: boolean;
  @ApiProperty() close!: boolean;
  @ApiProperty() message!: boolean;
}

export class SafeguardingReportDetailDto extends SafeguardingReportSummaryDto {
  @ApiProperty() whatHappened!: string;
  @ApiProperty({ type: String, nullable: true }) concerns!: string | null;
  @ApiProperty({ type: String, nullable: true }) contact!: string | null;
  @ApiProperty({ type: String, nullable: true }) reporterEmail!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: [SafeguardingMessageViewDto] }) thread!: SafeguardingMessageViewDto[];
  @ApiProperty({ type: SafeguardingReportCanDto }) can!: SafeguardingReportCanDto;
}

export class FocalPointViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() email!: string;
  @ApiProperty() role!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() focalPoint!: boolean;
}

export class FocalPointListDto {
  @ApiProperty({ type: [FocalPointViewDto], description: 'Every Secretariat, admin, monitor and observer account and whether it is a focal point' }) items!: FocalPointViewDto[];
}
