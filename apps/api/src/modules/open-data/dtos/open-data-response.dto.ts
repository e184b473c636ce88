import { ApiProperty } from '@nestjs/swagger';

export class OpenDataStatusCountDto {
  @ApiProperty({ description: 'IATI activity status code: 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended' }) code!: string;
  @ApiProperty() count!: number;
}

/** What the open-data files hold now: how many activities, the money in them, when they last changed, the XML file's hash. */
export class OpenDataSummaryResponseDto {
  @ApiProperty({ example: '2.03' }) version!: string;
  @ApiProperty({ description: 'The reporting organisation identifier (IATI_REPORTING_ORG_REF)' }) reportingOrgRef!: string;
  @ApiProperty({ description: 'True while the identifier is the placeholder: set IATI_REPORTING_ORG_REF before registering the file' }) reportingOrgIsPlaceholder!: boolean;
  @ApiProperty({ description: 'Grants published (signed by both sides or later)' }) activities!: number;
  @ApiProperty({ type: [OpenDataStatusCountDto] }) byActivityStatus!: OpenDataStatusCountDto[];
  @ApiProperty() transactions!: number;
  @ApiProperty() results!: number;
  @ApiProperty() indicators!: number;
  @ApiProperty({ description: 'Indicator figures between 0 and 5 withheld ("less than 5")' }) withheldFigures!: number;
  @ApiProperty({ description: 'Sum of the commitments, cents' }) committedCents!: number;
  @ApiProperty({ description: 'Sum of the disbursements (tranches paid), cents' }) disbursedCents!: number;
  @ApiProperty({ description: 'Sum of the repayments on recovery orders, cents' }) recoveredCents!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The last change to anything published (ISO instant); the file\'s generated-datetime' }) lastChanged!: string | null;
  @ApiProperty({ description: 'SHA-256 of the current iati.xml, hex' }) sha256!: string;
  @ApiProperty() bytes!: number;
}
