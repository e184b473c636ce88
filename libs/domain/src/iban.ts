/** Bank account checks for organisation profiles (grant payments go to the organisation's IBAN). */
import { electronicFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';

export type IbanProblem = 'format' | 'checksum' | 'country' | 'length';
export type IbanCheck = { valid: boolean; normalized: string; reason?: IbanProblem };

/** Kosovo's IBANs: XK, two check digits, 16 digits (bank 2, branch 2, account 10, national check 2). */
export const KOSOVO_IBAN_LENGTH = 20;

/**
 * Checks an IBAN as typed by a person: spaces and dashes are dropped and letters upper-cased (the
 * electronic format, which is what should be stored), then the country, length, BBAN format and the
 * ISO 7064 mod-97 check digits are verified. When several things are wrong, the first of
 * country, length, format, checksum is reported.
 */
export function checkIban(value: string): IbanCheck {
  const normalized = electronicFormatIBAN(typeof value === 'string' ? value.trim() : '') ?? '';
  if (!/^[A-Z]{2}[A-Z0-9]*$/.test(normalized)) return { valid: false, normalized, reason: 'format' };
  const result = validateIBAN(normalized);
  if (result.valid) return { valid: true, normalized };
  const codes = result.errorCodes;
  let reason: IbanProblem = 'format';
  if (codes.includes(ValidationErrorsIBAN.NoIBANCountry)) reason = 'country';
  else if (codes.includes(ValidationErrorsIBAN.WrongBBANLength)) reason = 'length';
  else if (codes.includes(ValidationErrorsIBAN.WrongBBANFormat) || codes.includes(ValidationErrorsIBAN.ChecksumNotNumber)) reason = 'format';
  else if (codes.includes(ValidationErrorsIBAN.WrongIBANChecksum) || codes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) reason = 'checksum';
  return { valid: false, normalized, reason };
}
