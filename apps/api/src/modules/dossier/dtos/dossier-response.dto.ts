import { ApiProperty } from '@nestjs/swagger';
import { DOSSIER_STATUSES, type DossierStatus } from '@grants/domain';

/** One auditor's dossier of a grant: where it stands, and once ready the SHA-256 the auditor compares. */
export class DossierResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) grantId!: string;
  @ApiProperty({ enum: DOSSIER_STATUSES }) status!: DossierStatus;
  /** Steps done of the total (0 of 0 while queued). */
  @ApiProperty({ type: 'integer' }) progressDone!: number;
  @ApiProperty({ type: 'integer' }) progressTotal!: number;
  /** Whole percent, 100 only when ready. */
  @ApiProperty({ type: 'integer' }) progressPercent!: number;
  /** SHA-256 of the ZIP (also sent with the download in X-Content-SHA256). */
  @ApiProperty({ type: String, nullable: true }) sha256!: string | null;
  /** SHA-256 of the ZIP's manifest.json: verify.mjs prints it, the auditor compares. */
  @ApiProperty({ type: String, nullable: true }) manifestSha256!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) size!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) fileCount!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) auditRows!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestedByName!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  /** The file name the download is saved as. */
  @ApiProperty() fileName!: string;
}

export class DossierListResponseDto {
  @ApiProperty({ type: [DossierResponseDto] }) items!: DossierResponseDto[];
}
