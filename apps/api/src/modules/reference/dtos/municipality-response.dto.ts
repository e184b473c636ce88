/** One of Kosovo's 38 municipalities, with its names in en, sq and sr. */
export class MunicipalityResponseDto {
  code!: string;
  en!: string;
  sq!: string;
  sr!: string;
}
