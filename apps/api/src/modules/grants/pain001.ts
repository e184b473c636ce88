import { sepaText, type PaymentOrder } from '@grants/domain';

/** Who pays: the Secretariat's account (PAYMENT_DEBTOR_* in the environment; a sample Kosovo account in development). */
export type Debtor = { name: string; iban: string; bic: string | null };

export function debtorFromEnv(env: NodeJS.ProcessEnv = process.env): Debtor {
  return {
    name: env.PAYMENT_DEBTOR_NAME || 'KMOP Moving Forward grant scheme',
    iban: (env.PAYMENT_DEBTOR_IBAN || 'XK051212012345678906').replace(/\s+/g, '').toUpperCase(),
    bic: env.PAYMENT_DEBTOR_BIC || null,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * The ISO 20022 customer credit transfer initiation (pain.001.001.03) of a day's payment order: one payment
 * information block, one transaction per tranche, the agreement number as the unstructured remittance text. Names,
 * ids and texts are within the SEPA character set (libs/domain payment-order.ts); `createdAt` is the order's, so the
 * same order always gives the same bytes.
 */
export function pain001Xml(order: PaymentOrder, opts: { messageId: string; createdAt: Date; debtor: Debtor }): string {
  const { debtor } = opts;
  const created = opts.createdAt.toISOString().slice(0, 19);
  const agent = debtor.bic ? `<FinInstnId><BIC>${esc(debtor.bic)}</BIC></FinInstnId>` : '<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>';
  const tx = order.lines.map((l) => [
    '      <CdtTrfTxInf>',
    `        <PmtId><EndToEndId>${esc(l.endToEndId)}</EndToEndId></PmtId>`,
    `        <Amt><InstdAmt Ccy="EUR">${l.amount}</InstdAmt></Amt>`,
    `        <Cdtr><Nm>${esc(l.beneficiaryName)}</Nm></Cdtr>`,
    `        <CdtrAcct><Id><IBAN>${esc(l.iban)}</IBAN></Id></CdtrAcct>`,
    `        <RmtInf><Ustrd>${esc(l.remittanceInformation)}</Ustrd></RmtInf>`,
    '      </CdtTrfTxInf>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      <MsgId>${esc(opts.messageId)}</MsgId>`,
    `      <CreDtTm>${created}</CreDtTm>`,
    `      <NbOfTxs>${order.count}</NbOfTxs>`,
    `      <CtrlSum>${order.controlSum}</CtrlSum>`,
    `      <InitgPty><Nm>${esc(sepaText(debtor.name, 70))}</Nm></InitgPty>`,
    '    </GrpHdr>',
    '    <PmtInf>',
    `      <PmtInfId>${esc(opts.messageId)}-1</PmtInfId>`,
    '      <PmtMtd>TRF</PmtMtd>',
    `      <NbOfTxs>${order.count}</NbOfTxs>`,
    `      <CtrlSum>${order.controlSum}</CtrlSum>`,
    '      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `      <ReqdExctnDt>${order.day}</ReqdExctnDt>`,
    `      <Dbtr><Nm>${esc(sepaText(debtor.name, 70))}</Nm></Dbtr>`,
    `      <DbtrAcct><Id><IBAN>${esc(debtor.iban)}</IBAN></Id></DbtrAcct>`,
    `      <DbtrAgt>${agent}</DbtrAgt>`,
    '      <ChrgBr>SLEV</ChrgBr>',
    ...tx,
    '    </PmtInf>',
    '  </CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n');
}
