import { describe, expect, it } from 'vitest';
import { makeMe } from '../../test/utils';
import { allows } from './permissions';
import type { Me } from './types';

describe('allows', () => {
  it('trusts the permissions the API granted', () => {
    const me = makeMe({ role: 'secretariat_admin', permissions: ['user.list'] });
    expect(allows(me, 'user.list')).toBe(true);
    expect(allows(me, 'audit.read')).toBe(false);
  });

  it('falls back to the shared permission map when the answer has none', () => {
    const me = { ...makeMe({ role: 'applicant', orgRole: 'owner' }), permissions: undefined as unknown as Me['permissions'] };
    expect(allows(me, 'organization.members.invite')).toBe(true);
    expect(allows(me, 'user.list')).toBe(false);
  });

  it('allows nothing without a user', () => {
    expect(allows(null, 'notification.read.own')).toBe(false);
  });
});
