import { exactly, texts } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

const NATIVE = { en: 'English', sq: 'Shqip', sr: 'Srpski' };
let languageButtonName;
/** "Language: …" in any of the UI languages (computed on first use: sr-Cyrl needs the built domain lib). */
function languageButtonPattern() {
  languageButtonName ??= new RegExp(
    `^(${['en', 'sq', 'sr', 'sr-Cyrl'].map((l) => escape(texts(l)('common.languageCurrent', { name: '' }).trim())).join('|')})`,
  );
  return languageButtonName;
}

/** The header (language switcher, user menu) and, when signed in, the navigation. */
export class AppShell {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.header = page.getByRole('banner');
    // "Language: English" in whatever language the page is in now
    this.languageButton = page.getByRole('button', { name: languageButtonPattern() });
    this.scriptGroup = page.getByRole('group', { name: /^(Script|Pismo|Писмо|Alfabeti|Shkrimi)/ });
    this.latinButton = page.getByRole('button', { name: 'Latinica', exact: true });
    this.cyrillicButton = page.getByRole('button', { name: 'Ћирилица', exact: true });
    this.navigation = page.getByRole('navigation', { name: t('nav.label') });
    this.userMenuButton = page.getByRole('button', {
      name: new RegExp(`^${escape(t('nav.userMenu', { name: 'XXX' })).replace('XXX', '.+')}$`),
    });
    this.logoutItem = page.getByRole('menuitem', { name: t('auth.logout') });
  }

  navLink(key) {
    return this.navigation.getByRole('link', { name: exactly(this.t(key)) });
  }

  async chooseLanguage(language) {
    await this.languageButton.first().click();
    await this.page.getByRole('menuitem', { name: NATIVE[language], exact: true }).click();
  }

  async chooseCyrillic() {
    await this.cyrillicButton.click();
  }

  async openNav(key) {
    await this.navLink(key).click();
  }

  async logout() {
    await this.userMenuButton.click();
    await this.logoutItem.click();
  }

  async expectSignedIn() {
    await expectVisible(this.userMenuButton, 'the account menu in the header');
  }
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
