import fc from 'fast-check';
import {
  canonicalAuditPayload,
  computeAuditHash,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditEntry,
  type AuditEntryFields,
} from './audit-chain';

/** A tiny deterministic stand-in for SHA-256: eight FNV-1a passes with different seeds, 64 hex chars. */
function fakeSha256Hex(s: string): string {
  let out = '';
  for (let seed = 0; seed < 8; seed++) {
    let h = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= seed;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

type Body = Omit<AuditEntryFields, 'seq' | 'prevHash'>;

function buildChain(bodies: Body[]): AuditEntry[] {
  const chain: AuditEntry[] = [];
  for (const body of bodies) {
    const fields: AuditEntryFields = { ...body, seq: chain.length + 1, prevHash: chain.at(-1)?.hash ?? GENESIS_HASH };
    chain.push({ ...fields, hash: computeAuditHash(fields, fakeSha256Hex) });
  }
  return chain;
}

const bodyArb: fc.Arbitrary<Body> = fc.record({
  at: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }).map((ms) => new Date(ms).toISOString()),
  actorId: fc.option(fc.uuid(), { nil: null }),
  action: fc.constantFrom('organization.update', 'user.invite', 'application.submit', 'award.decide'),
  entity: fc.constantFrom('organization', 'user', 'application', 'call'),
  entityId: fc.option(fc.uuid(), { nil: null }),
  summary: fc.string({ maxLength: 40 }),
});

const sample: Body[] = [
  { at: '2025-06-01T08:00:00.000Z', actorId: 'u1', action: 'user.invite', entity: 'user', entityId: 'u2', summary: 'Invited evaluator' },
  { at: '2025-06-01T09:00:00.000Z', actorId: 'u2', action: 'user.accept', entity: 'user', entityId: 'u2', summary: 'Accepted' },
  { at: '2025-06-02T10:00:00.000Z', actorId: null, action: 'call.close', entity: 'call', entityId: null, summary: 'Closed by the clock' },
];

describe('canonicalAuditPayload', () => {
  it('serialises the hashed fields with sorted keys and without the hash', () => {
    const [first] = buildChain(sample);
    expect(canonicalAuditPayload(first!)).toBe(
      '{"action":"user.invite","actorId":"u1","at":"2025-06-01T08:00:00.000Z","entity":"user","entityId":"u2",' +
        `"prevHash":"${GENESIS_HASH}","seq":1,"summary":"Invited evaluator"}`,
    );
  });

  it('does not depend on property order or on extra properties such as a joined e-mail', () => {
    const a: AuditEntryFields = { seq: 3, at: 't', actorId: null, action: 'a', entity: 'e', entityId: null, summary: 's', prevHash: 'p' };
    const b = { summary: 's', prevHash: 'p', entityId: null, entity: 'e', action: 'a', actorId: null, at: 't', seq: 3, actorEmail: 'x@y.z', hash: 'h' };
    expect(canonicalAuditPayload(b)).toBe(canonicalAuditPayload(a));
  });

  it('escapes quotes and unicode safely', () => {
    const e: AuditEntryFields = { seq: 1, at: 't', actorId: null, action: 'a', entity: 'e', entityId: null, summary: 'Said "ok" — Prishtinë', prevHash: GENESIS_HASH };
    expect(JSON.parse(canonicalAuditPayload(e)).summary).toBe('Said "ok" — Prishtinë');
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyAuditChain(buildChain(sample), fakeSha256Hex)).toEqual({ ok: true, checked: 3, brokenAt: null, reason: null });
    expect(verifyAuditChain([], fakeSha256Hex)).toEqual({ ok: true, checked: 0, brokenAt: null, reason: null });
  });

  it('detects an edited summary at that entry', () => {
    const chain = buildChain(sample);
    chain[1] = { ...chain[1]!, summary: 'Rejected' };
    expect(verifyAuditChain(chain, fakeSha256Hex)).toEqual({ ok: false, checked: 1, brokenAt: 2, reason: 'hash_mismatch' });
  });

  it('detects a deleted entry as a gap in the sequence', () => {
    const chain = buildChain(sample);
    chain.splice(1, 1);
    expect(verifyAuditChain(chain, fakeSha256Hex)).toEqual({ ok: false, checked: 1, brokenAt: 3, reason: 'seq_gap' });
  });

  it('detects an entry rewritten with a fresh hash, because the next entry no longer chains to it', () => {
    const chain = buildChain(sample);
    const forged: AuditEntryFields = { ...chain[1]!, summary: 'Rejected' };
    chain[1] = { ...forged, hash: computeAuditHash(forged, fakeSha256Hex) };
    expect(verifyAuditChain(chain, fakeSha256Hex)).toEqual({ ok: false, checked: 2, brokenAt: 3, reason: 'prev_mismatch' });
  });

  it('requires the first entry to start from the genesis hash', () => {
    const chain = buildChain(sample);
    const fields: AuditEntryFields = { ...chain[0]!, prevHash: 'f'.repeat(64) };
    chain[0] = { ...fields, hash: computeAuditHash(fields, fakeSha256Hex) };
    expect(verifyAuditChain(chain, fakeSha256Hex)).toMatchObject({ ok: false, brokenAt: 1, reason: 'prev_mismatch' });
  });

  it('verifies a window that starts after seq 1 from its first entry on', () => {
    const chain = buildChain(sample);
    expect(verifyAuditChain(chain.slice(1), fakeSha256Hex)).toEqual({ ok: true, checked: 2, brokenAt: null, reason: null });
  });

  it('rejects a non-positive or fractional seq', () => {
    const chain = buildChain(sample);
    expect(verifyAuditChain([{ ...chain[0]!, seq: 0 }], fakeSha256Hex)).toMatchObject({ ok: false, reason: 'seq_gap' });
    expect(verifyAuditChain([{ ...chain[0]!, seq: 1.5 }], fakeSha256Hex)).toMatchObject({ ok: false, reason: 'seq_gap' });
  });

  it('uses the injected hash function', () => {
    const chain = buildChain(sample);
    expect(verifyAuditChain(chain, (s) => fakeSha256Hex(`${s}!`))).toMatchObject({ ok: false, brokenAt: 1, reason: 'hash_mismatch' });
  });

  const fields = ['seq', 'at', 'actorId', 'action', 'entity', 'entityId', 'summary', 'prevHash', 'hash'] as const;

  it('detects tampering with any field of any entry at that entry', () => {
    fc.assert(
      fc.property(
        fc.array(bodyArb, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom(...fields),
        fc.string({ minLength: 1, maxLength: 8 }),
        (bodies, rawIndex, field, noise) => {
          const chain = buildChain(bodies);
          expect(verifyAuditChain(chain, fakeSha256Hex).ok).toBe(true);
          const index = rawIndex % chain.length;
          const original = chain[index]!;
          const tampered: AuditEntry = { ...original };
          if (field === 'seq') tampered.seq = original.seq + 1 + (noise.length % 5);
          else if (field === 'actorId' || field === 'entityId') tampered[field] = original[field] === null ? noise : null;
          else tampered[field] = `${original[field]}${noise}`;
          chain[index] = tampered;

          const result = verifyAuditChain(chain, fakeSha256Hex);
          expect(result.ok).toBe(false);
          expect(result.checked).toBe(index);
          expect(result.brokenAt).toBe(tampered.seq);
          expect(result.reason).not.toBeNull();
        },
      ),
    );
  });
});

describe('hash version 2: every column', () => {
  const v2 = (bodies: (Body & { actorEmail: string | null })[]) => {
    const chain: AuditEntry[] = [];
    for (const body of bodies) {
      const fields: AuditEntryFields = { ...body, hashVersion: 2, seq: chain.length + 1, prevHash: chain.at(-1)?.hash ?? GENESIS_HASH };
      chain.push({ ...fields, hash: computeAuditHash(fields, fakeSha256Hex) });
    }
    return chain;
  };
  const withEmails = sample.map((b, i) => ({ ...b, actorEmail: i === 2 ? null : `user${i}@example.org` }));

  it('covers the actor e-mail and the version, which version 1 did not', () => {
    const old = buildChain(sample);
    old[1] = { ...old[1]!, actorEmail: 'someone-else@example.org' };
    expect(verifyAuditChain(old, fakeSha256Hex).ok).toBe(true); // the hole: version 1 never saw the e-mail
    const chain = v2(withEmails);
    chain[1] = { ...chain[1]!, actorEmail: 'someone-else@example.org' };
    expect(verifyAuditChain(chain, fakeSha256Hex)).toEqual({ ok: false, checked: 1, brokenAt: 2, reason: 'hash_mismatch' });
    expect(canonicalAuditPayload(v2(withEmails)[0]!)).toContain('"actorEmail":"user0@example.org"');
    expect(canonicalAuditPayload(v2(withEmails)[0]!)).toContain('"hashVersion":2');
  });

  it('keeps verifying version-1 history followed by version-2 entries, but not a version-1 entry after a version-2 one', () => {
    const old = buildChain(sample.slice(0, 2));
    const fields: AuditEntryFields = { ...withEmails[2]!, seq: 3, prevHash: old[1]!.hash, hashVersion: 2 };
    const mixed = [...old, { ...fields, hash: computeAuditHash(fields, fakeSha256Hex) }];
    expect(verifyAuditChain(mixed, fakeSha256Hex).ok).toBe(true);

    const chain = v2(withEmails);
    const downgraded: AuditEntryFields = { ...chain[2]!, hashVersion: 1, actorEmail: 'forged@example.org' };
    chain[2] = { ...downgraded, hash: computeAuditHash(downgraded, fakeSha256Hex) };
    expect(verifyAuditChain(chain, fakeSha256Hex)).toMatchObject({ ok: false, brokenAt: 3, reason: 'version_downgrade' });
    expect(() => canonicalAuditPayload({ ...chain[0]!, hashVersion: 7 })).toThrow(RangeError);
    expect(verifyAuditChain([{ ...chain[0]!, hashVersion: 7 }], fakeSha256Hex)).toMatchObject({ ok: false, reason: 'hash_mismatch' });
  });

  const fieldsV2 = ['seq', 'at', 'actorId', 'actorEmail', 'action', 'entity', 'entityId', 'summary', 'prevHash', 'hash'] as const;

  it('detects tampering with any column of any entry at that entry', () => {
    fc.assert(
      fc.property(
        fc.array(bodyArb.chain((b) => fc.option(fc.emailAddress(), { nil: null }).map((actorEmail) => ({ ...b, actorEmail }))), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom(...fieldsV2),
        fc.string({ minLength: 1, maxLength: 8 }),
        (bodies, rawIndex, field, noise) => {
          const chain = v2(bodies);
          expect(verifyAuditChain(chain, fakeSha256Hex).ok).toBe(true);
          const index = rawIndex % chain.length;
          const original = chain[index]!;
          const tampered: AuditEntry = { ...original };
          if (field === 'seq') tampered.seq = original.seq + 1 + (noise.length % 5);
          else if (field === 'actorId' || field === 'entityId' || field === 'actorEmail') tampered[field] = original[field] === null ? noise : null;
          else tampered[field] = `${original[field]}${noise}`;
          chain[index] = tampered;
          const result = verifyAuditChain(chain, fakeSha256Hex);
          expect(result).toMatchObject({ ok: false, checked: index, brokenAt: tampered.seq });
        },
      ),
    );
  });
});

describe('hash version 3: a pseudonym, no personal data', () => {
  const v3 = (bodies: (Omit<Body, 'actorId'> & { actorPseudonym: string | null })[], start: AuditEntry[] = []) => {
    const chain: AuditEntry[] = [...start];
    for (const body of bodies) {
      const fields: AuditEntryFields = { ...body, actorId: null, actorEmail: null, hashVersion: 3, seq: chain.length + 1, prevHash: chain.at(-1)?.hash ?? GENESIS_HASH };
      chain.push({ ...fields, hash: computeAuditHash(fields, fakeSha256Hex) });
    }
    return chain;
  };
  const pseudonymous = sample.map(({ actorId: _id, ...b }, i) => ({ ...b, actorPseudonym: i === 2 ? null : `ps${i}` }));

  it('hashes the pseudonym and neither the e-mail nor the user id', () => {
    const payload = canonicalAuditPayload(v3(pseudonymous)[0]!);
    expect(payload).toContain('"actorPseudonym":"ps0"');
    expect(payload).toContain('"hashVersion":3');
    expect(payload).not.toContain('actorEmail');
    expect(payload).not.toContain('actorId');
  });

  it('still verifies once the pseudonym can no longer be linked to anyone (the link lives outside the chain)', () => {
    const chain = v3(pseudonymous);
    expect(verifyAuditChain(chain, fakeSha256Hex).ok).toBe(true);
    const swapped = [...chain];
    swapped[0] = { ...swapped[0]!, actorPseudonym: 'ps9' };
    expect(verifyAuditChain(swapped, fakeSha256Hex)).toMatchObject({ ok: false, brokenAt: 1, reason: 'hash_mismatch' });
  });

  it('refuses a version-3 entry that carries an e-mail or a user id', () => {
    const chain = v3(pseudonymous);
    const withEmail = { ...chain[1]!, actorEmail: 'x@example.org' };
    expect(verifyAuditChain([chain[0]!, withEmail, chain[2]!], fakeSha256Hex)).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash_mismatch' });
    const withId = { ...chain[1]!, actorId: 'u1' };
    expect(verifyAuditChain([chain[0]!, withId, chain[2]!], fakeSha256Hex)).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash_mismatch' });
  });

  it('follows version-1 and version-2 history, and no lower version may follow it', () => {
    const old = buildChain(sample.slice(0, 1));
    const f2: AuditEntryFields = { ...sample[1]!, actorEmail: 'a@example.org', seq: 2, prevHash: old[0]!.hash, hashVersion: 2 };
    const mixed = v3(pseudonymous, [...old, { ...f2, hash: computeAuditHash(f2, fakeSha256Hex) }]);
    expect(mixed.map((e) => e.hashVersion ?? 1)).toEqual([1, 2, 3, 3, 3]);
    expect(verifyAuditChain(mixed, fakeSha256Hex).ok).toBe(true);
    const down: AuditEntryFields = { ...mixed[3]!, hashVersion: 2, actorEmail: 'forged@example.org' };
    mixed[3] = { ...down, hash: computeAuditHash(down, fakeSha256Hex) };
    expect(verifyAuditChain(mixed, fakeSha256Hex)).toMatchObject({ ok: false, brokenAt: 4, reason: 'version_downgrade' });
  });

  it('detects tampering with any hashed column (property)', () => {
    const fields = ['seq', 'at', 'actorPseudonym', 'action', 'entity', 'entityId', 'summary', 'prevHash', 'hash'] as const;
    fc.assert(
      fc.property(
        fc.array(bodyArb.chain(({ actorId: _id, ...b }) => fc.option(fc.uuid(), { nil: null }).map((actorPseudonym) => ({ ...b, actorPseudonym }))), { minLength: 1, maxLength: 10 }),
        fc.nat(), fc.constantFrom(...fields), fc.string({ minLength: 1, maxLength: 8 }),
        (bodies, rawIndex, field, noise) => {
          const chain = v3(bodies);
          expect(verifyAuditChain(chain, fakeSha256Hex).ok).toBe(true);
          const index = rawIndex % chain.length;
          const original = chain[index]!;
          const tampered: AuditEntry = { ...original };
          if (field === 'seq') tampered.seq = original.seq + 1 + (noise.length % 5);
          else if (field === 'entityId' || field === 'actorPseudonym') tampered[field] = original[field] === null ? noise : null;
          else tampered[field] = `${original[field]}${noise}`;
          chain[index] = tampered;
          expect(verifyAuditChain(chain, fakeSha256Hex)).toMatchObject({ ok: false, checked: index, brokenAt: tampered.seq });
        },
      ),
    );
  });
});

describe('anchors: the published head', () => {
  const head = (chain: AuditEntry[]) => ({ seq: chain.at(-1)!.seq, hash: chain.at(-1)!.hash });

  it('accepts a chain that still holds every anchor, and an empty chain anchored at genesis', () => {
    const chain = buildChain(sample);
    expect(verifyAuditChain(chain, fakeSha256Hex, [{ seq: 1, hash: chain[0]!.hash }, head(chain)]).ok).toBe(true);
    expect(verifyAuditChain([], fakeSha256Hex, [{ seq: 0, hash: GENESIS_HASH }]).ok).toBe(true);
    expect(verifyAuditChain([], fakeSha256Hex, [{ seq: 0, hash: 'f'.repeat(64) }]).ok).toBe(false);
  });

  it('detects entries deleted at the tail, which the chain alone does not', () => {
    const chain = buildChain(sample);
    const anchor = head(chain);
    expect(verifyAuditChain(chain.slice(0, 1), fakeSha256Hex).ok).toBe(true); // the hole
    expect(verifyAuditChain(chain.slice(0, 1), fakeSha256Hex, [anchor])).toEqual({ ok: false, checked: 1, brokenAt: 2, reason: 'truncated' });
    expect(verifyAuditChain([], fakeSha256Hex, [anchor])).toEqual({ ok: false, checked: 0, brokenAt: 1, reason: 'truncated' });
  });

  it('detects a rewritten last entry whose hash was recomputed', () => {
    const chain = buildChain(sample);
    const anchor = head(chain);
    const forged: AuditEntryFields = { ...chain[2]!, summary: 'nothing happened' };
    chain[2] = { ...forged, hash: computeAuditHash(forged, fakeSha256Hex) };
    expect(verifyAuditChain(chain, fakeSha256Hex).ok).toBe(true); // the hole
    expect(verifyAuditChain(chain, fakeSha256Hex, [anchor])).toEqual({ ok: false, checked: 2, brokenAt: 3, reason: 'anchor_mismatch' });
  });

  it('reports a broken chain before an anchor, and skips anchors before a window', () => {
    const chain = buildChain(sample);
    const anchors = [{ seq: 1, hash: chain[0]!.hash }, head(chain)];
    expect(verifyAuditChain(chain.slice(1), fakeSha256Hex, anchors).ok).toBe(true);
    const edited = [...chain];
    edited[1] = { ...edited[1]!, summary: 'x' };
    expect(verifyAuditChain(edited, fakeSha256Hex, anchors)).toMatchObject({ brokenAt: 2, reason: 'hash_mismatch' });
  });

  it('finds any cut of the tail below the latest anchor (property)', () => {
    fc.assert(
      fc.property(fc.array(bodyArb, { minLength: 1, maxLength: 10 }), fc.nat(), (bodies, rawKeep) => {
        const chain = buildChain(bodies);
        const keep = rawKeep % chain.length;
        expect(verifyAuditChain(chain.slice(0, keep), fakeSha256Hex, [head(chain)])).toMatchObject({ ok: false, reason: 'truncated', brokenAt: keep + 1 });
      }),
    );
  });
});
