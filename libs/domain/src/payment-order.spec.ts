import fc from 'fast-check';
import { centsToDecimal, endToEndId, paymentOrder, remittanceText, sepaText, SEPA_LIMITS, type PayableTranche } from './payment-order';

const IBAN = 'XK051212012345678906';
const t = (over: Partial<PayableTranche>): PayableTranche => ({
  trancheId: 't1', agreementNumber: 'MF-C3-2026-01-G-001', seq: 1, kind: 'pre_financing', status: 'approved', approvedOn: '2027-02-01', amountCents: 1_600_000, beneficiaryName: 'Qendra për Mbrojtjen e Viktimave', iban: IBAN, ...over,
});

describe('amounts for the bank', () => {
  it('writes cents as a decimal string', () => {
    expect(centsToDecimal(123_456)).toBe('1234.56');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(10_000_000_000_000)).toBe('100000000000.00');
    expect(() => centsToDecimal(-1)).toThrow(RangeError);
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
  });

  it('reads back to the same cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), (c) => {
        const s = centsToDecimal(c);
        expect(s).toMatch(/^\d+\.\d{2}$/);
        const [e, f] = s.split('.');
        expect(Number(e) * 100 + Number(f)).toBe(c);
      }),
    );
  });
});

describe('texts for the bank', () => {
  it('keeps to the SEPA character set and lengths', () => {
    expect(sepaText('Qendra për Mbrojtjen e Viktimave', 70)).toBe('Qendra per Mbrojtjen e Viktimave');
    expect(sepaText('Udruženje „Đurđevak“ & Čačak', 70)).toBe('Udruzenje Durdevak Cacak');
    expect(sepaText('x'.repeat(100), 70)).toHaveLength(70);
    expect(remittanceText('MF-C3-2026-01-G-001', 2, 'instalment')).toBe('MF-C3-2026-01-G-001 tranche 2 instalment');
    expect(endToEndId('MF-C3-2026-01-G-001', 2)).toBe('MF-C3-2026-01-G-001-T2');
    const long = endToEndId('A-VERY-LONG-CALL-REFERENCE-2026-01-G-001', 1);
    expect(long).toHaveLength(SEPA_LIMITS.endToEndId);
    expect(long).not.toBe(endToEndId('A-VERY-LONG-CALL-REFERENCE-2026-01-G-002', 1));
  });
});

describe('a day\'s payment order', () => {
  it('lists the tranches approved that day with the sum in cents, the control sum and the count', () => {
    const order = paymentOrder(
      [
        t({ trancheId: 't2', agreementNumber: 'MF-C3-2026-01-G-002', amountCents: 123_456 }),
        t({}),
        t({ trancheId: 't3', approvedOn: '2027-01-31' }),
        t({ trancheId: 't4', status: 'paid' }),
        t({ trancheId: 't5', status: 'requested' }),
      ],
      '2027-02-01',
    );
    expect(order.count).toBe(2);
    expect(order.controlSumCents).toBe(1_723_456);
    expect(order.controlSum).toBe('17234.56');
    expect(order.lines[0]).toEqual({
      trancheId: 't1', endToEndId: 'MF-C3-2026-01-G-001-T1', agreementNumber: 'MF-C3-2026-01-G-001', seq: 1, beneficiaryName: 'Qendra per Mbrojtjen e Viktimave', beneficiaryDisplayName: 'Qendra për Mbrojtjen e Viktimave', iban: IBAN, amountCents: 1_600_000, amount: '16000.00', remittanceInformation: 'MF-C3-2026-01-G-001 tranche 1 pre-financing',
    });
    expect(order.lines[1]!.amount).toBe('1234.56');
    expect(order.problems).toEqual([]);
  });

  it('leaves out and lists a bad IBAN, a zero amount, a missing name; pays a duplicate once', () => {
    const order = paymentOrder([t({ trancheId: 'a', iban: 'XK051212012345678907' }), t({ trancheId: 'b', seq: 2, amountCents: 0 }), t({ trancheId: 'c', seq: 3, beneficiaryName: '  ' }), t({ trancheId: 'd', seq: 4 }), t({ trancheId: 'd', seq: 4 })], '2027-02-01');
    expect(order.lines.map((l) => l.trancheId)).toEqual(['d']);
    expect(order.problems).toEqual([
      { trancheId: 'a', field: 'iban', code: 'iban_checksum' },
      { trancheId: 'b', field: 'amountCents', code: 'not_positive' },
      { trancheId: 'c', field: 'beneficiaryName', code: 'required' },
      { trancheId: 'd', field: 'trancheId', code: 'duplicate' },
    ]);
    expect(() => paymentOrder([], '2027-02-30')).toThrow(RangeError);
    expect(paymentOrder([], '2027-02-01')).toEqual({ day: '2027-02-01', lines: [], count: 0, controlSumCents: 0, controlSum: '0.00', problems: [] });
  });

  it('sums to the cent whatever the order of the input, and is deterministic (property)', () => {
    const arb = fc.array(fc.record({ seq: fc.integer({ min: 1, max: 5 }), g: fc.integer({ min: 1, max: 30 }), amountCents: fc.integer({ min: 1, max: 6_000_000 }) }), { maxLength: 30 });
    fc.assert(
      fc.property(arb, (xs) => {
        const ts = xs.map((x, i) => t({ trancheId: `t${i}`, seq: x.seq, agreementNumber: `MF-C3-2026-01-G-${String(x.g).padStart(3, '0')}`, amountCents: x.amountCents }));
        const a = paymentOrder(ts, '2027-02-01');
        const b = paymentOrder([...ts].reverse(), '2027-02-01');
        expect(a.controlSumCents).toBe(xs.reduce((s, x) => s + x.amountCents, 0));
        expect(a.count).toBe(xs.length);
        expect(a.controlSumCents).toBe(b.controlSumCents);
        expect(a.lines.map((l) => `${l.agreementNumber}/${l.seq}`)).toEqual(b.lines.map((l) => `${l.agreementNumber}/${l.seq}`));
      }),
    );
  });
});
