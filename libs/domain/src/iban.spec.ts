import fc from 'fast-check';
import { checkIban } from './iban';

/** Independent ISO 7064 mod-97-10 check digits, so the property test does not trust the code under test. */
function checkDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const remainder = BigInt(rearranged) % 97n;
  return String(98n - remainder).padStart(2, '0');
}

const kosovoIbanArb = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 })
  .map((digits) => {
    const bban = digits.join('');
    return `XK${checkDigits('XK', bban)}${bban}`;
  });

describe('checkIban', () => {
  it('accepts a valid Kosovo IBAN', () => {
    expect(checkIban('XK051212012345678906')).toEqual({ valid: true, normalized: 'XK051212012345678906' });
  });

  it('normalises spaces, dashes and lower case to the electronic format', () => {
    expect(checkIban(' xk05 1212 0123 4567 8906 ')).toEqual({ valid: true, normalized: 'XK051212012345678906' });
    expect(checkIban('XK05-1212-0123-4567-8906').normalized).toBe('XK051212012345678906');
  });

  it('accepts foreign IBANs (partners may bank abroad)', () => {
    expect(checkIban('DE89 3704 0044 0532 0130 00').valid).toBe(true);
    expect(checkIban('AL47212110090000000235698741').valid).toBe(true);
  });

  it('reports a wrong check digit as checksum', () => {
    expect(checkIban('XK051212012345678907')).toEqual({ valid: false, normalized: 'XK051212012345678907', reason: 'checksum' });
    expect(checkIban('XK061212012345678906').reason).toBe('checksum');
  });

  it('reports a Kosovo IBAN that is not 20 characters as length', () => {
    expect(checkIban('XK05121201234567890')).toMatchObject({ valid: false, reason: 'length' });
    expect(checkIban('XK0512120123456789060')).toMatchObject({ valid: false, reason: 'length' });
  });

  it('reports an unknown country as country', () => {
    expect(checkIban('QQ051212012345678906')).toMatchObject({ valid: false, reason: 'country' });
  });

  it('reports letters where digits belong, or stray characters, as format', () => {
    expect(checkIban('XK05121201234567890A')).toMatchObject({ valid: false, reason: 'format' });
    expect(checkIban('XKAB1212012345678906')).toMatchObject({ valid: false, reason: 'format' });
    expect(checkIban('XK05.1212.0123.4567.8906')).toMatchObject({ valid: false, reason: 'format' });
    expect(checkIban('')).toEqual({ valid: false, normalized: '', reason: 'format' });
    expect(checkIban('1234')).toMatchObject({ valid: false, reason: 'format' });
  });

  it('accepts every Kosovo IBAN with correct check digits', () => {
    fc.assert(fc.property(kosovoIbanArb, (iban) => expect(checkIban(iban)).toEqual({ valid: true, normalized: iban })));
  });

  it('rejects a valid IBAN with any single digit changed', () => {
    fc.assert(
      fc.property(kosovoIbanArb, fc.integer({ min: 2, max: 19 }), fc.integer({ min: 1, max: 9 }), (iban, position, delta) => {
        const digit = (Number(iban[position]) + delta) % 10;
        const tampered = `${iban.slice(0, position)}${digit}${iban.slice(position + 1)}`;
        expect(tampered).not.toBe(iban);
        expect(checkIban(tampered)).toEqual({ valid: false, normalized: tampered, reason: 'checksum' });
      }),
    );
  });
});
