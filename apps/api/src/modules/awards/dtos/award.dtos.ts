import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The organisation refuses an offer; it may say why (the Secretariat reads it). */
export class RefuseOfferDto {
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
