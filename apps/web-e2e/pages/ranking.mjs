import { exactly } from '../lib/i18n.mjs';
import { expectCount, expectText, expectVisible } from '../lib/expect.mjs';

/** "/calls/:id/ranking": the ranking with the funding line, the what-if envelope and the committee's decision. */
export class RankingPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.table = this.main.getByRole('table', { name: t('ranking.table.label') });
    this.whatIf = this.main.getByRole('region', { name: t('ranking.whatIf.title') });
    this.envelope = this.whatIf.getByRole('textbox', { name: new RegExp(`^${t('ranking.whatIf.envelope').replace(/[()]/g, '\\$&')}`) });
    this.decision = this.main.getByRole('region', { name: t('ranking.decision.title') });
    this.members = this.decision.getByRole('textbox', { name: new RegExp(`^${t('ranking.decision.members')}`) });
    this.decidedOn = this.decision.getByLabel(new RegExp(`^${t('ranking.decision.decidedOn')}`));
    this.recordButton = this.decision.getByRole('button', { name: exactly(t('ranking.decision.record')) });
    this.confirmDialog = page.getByRole('dialog', { name: t('ranking.decision.confirmTitle') });
  }

  async openFrom(callPage, reference) {
    await callPage.page.getByRole('main').getByRole('link', { name: this.t('ranking.callLinks.ranking'), exact: true }).click();
    await expectVisible(this.main.getByRole('heading', { level: 1, name: this.t('ranking.title', { reference }) }), `the ranking of ${reference}`);
    await expectVisible(this.table, 'the ranking table');
  }

  outcomeBadges(label) {
    return this.table.locator('tbody').getByText(label, { exact: true });
  }

  async expectOutcomes({ awarded, reserve }) {
    await expectCount(this.outcomeBadges(this.t('ranking.outcome.awarded')), awarded, `${awarded} awarded`);
    await expectCount(this.outcomeBadges(this.t('ranking.outcome.reservePlace', { place: 1 })), reserve, `${reserve} on the reserve list`);
  }

  async tryEnvelope(euros) {
    await this.envelope.fill(euros);
    await this.whatIf.getByRole('button', { name: exactly(this.t('ranking.whatIf.show')) }).click();
  }

  async expectChanges(count) {
    await expectText(this.whatIf, this.t('ranking.whatIf.changes', { count }), `${count} application(s) changing outcome`);
  }

  async resetEnvelope() {
    await this.whatIf.getByRole('button', { name: new RegExp(`^${this.t('ranking.whatIf.reset', { amount: 'XXX' }).split('XXX')[0].replace(/[()]/g, '\\$&')}`) }).click();
  }

  async recordDecision(members) {
    await this.members.fill(members.join('\n'));
    await this.decidedOn.fill(new Date().toISOString().slice(0, 10));
    await this.recordButton.click();
    await expectVisible(this.confirmDialog, 'the confirmation that the decision is final');
    await this.confirmDialog.getByRole('button', { name: exactly(this.t('ranking.decision.confirmButton')) }).click();
    await expectVisible(this.main.getByRole('heading', { name: this.t('ranking.decided.title') }), 'the frozen decision');
    await expectText(this.main, /[0-9a-f]{64}/, 'the SHA-256 of the decision');
  }
}
