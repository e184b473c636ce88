import { isLanguage, isRole, isScript, isStaffRole, LANGUAGES, ROLES, STAFF_ROLES } from './roles';

describe('roles', () => {
  it('lists the six roles of the product', () => {
    expect([...ROLES].sort()).toEqual(['applicant', 'evaluator', 'monitor', 'observer', 'secretariat', 'secretariat_admin']);
  });

  it('lets an admin invite every role except applicants, who register themselves', () => {
    expect(STAFF_ROLES).not.toContain('applicant');
    expect([...STAFF_ROLES].sort()).toEqual(ROLES.filter((r) => r !== 'applicant').sort());
    expect(isStaffRole('monitor')).toBe(true);
    expect(isStaffRole('applicant')).toBe(false);
  });

  it('offers English, Albanian and Serbian', () => {
    expect(LANGUAGES).toEqual(['en', 'sq', 'sr']);
    expect(isLanguage('sq')).toBe(true);
    expect(isLanguage('de')).toBe(false);
  });

  it('recognises roles and scripts from untrusted input', () => {
    expect(isRole('observer')).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
    expect(isScript('cyrillic')).toBe(true);
    expect(isScript('greek')).toBe(false);
  });
});
