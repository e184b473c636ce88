import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { toErrorBody } from '../src/common/errors';
import { inputProblems } from '../src/common/validation';
import { UserEntity } from '../src/modules/users/entities/user.entity';

describe('one error shape for what the API answers', () => {
  it('a record that findOneByOrFail / getOneOrFail did not find is a 404, never a 500', () => {
    const body = toErrorBody(new EntityNotFoundError(UserEntity, { id: '5c0ffee0-0000-4000-8000-000000000000' }));
    expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String), details: [expect.objectContaining({ code: 'not_found' })] });
  });

  it('a reference to a record that does not exist (foreign key) is a 404, never a 500', () => {
    const fk = new QueryFailedError('INSERT INTO call_followers …', [], Object.assign(new Error('violates foreign key constraint'), { code: '23503' }));
    expect(toErrorBody(fk).statusCode).toBe(404);
    const other = new QueryFailedError('SELECT 1', [], Object.assign(new Error('deadlock'), { code: '40P01' }));
    expect(toErrorBody(other).statusCode).toBe(500);
  });
});

describe('inputProblems: what no input may carry', () => {
  it('names the path of a NUL or a lone surrogate, in values and in keys', () => {
    expect(inputProblems({ a: { b: ['ok', 'x\u0000'] } })).toEqual([expect.objectContaining({ field: 'a.b.1', code: 'nul_character' })]);
    expect(inputProblems({ t: 'a\udc00' })).toEqual([expect.objectContaining({ field: 't', code: 'invalid_unicode' })]);
    expect(inputProblems({ ['k\u0000']: 1 })).toEqual([expect.objectContaining({ field: 'k\u0000', code: 'nul_character' })]);
    expect(inputProblems({ t: 'emoji 💥 and Ç, ш are fine' })).toEqual([]);
  });

  it('refuses prototype keys by name and deep nesting as the body', () => {
    expect(inputProblems(JSON.parse('{"x":{"__proto__":{"admin":true}}}'))).toEqual([expect.objectContaining({ field: 'x.__proto__', code: 'forbidden_key' })]);
    expect(inputProblems({ constructor: 1, prototype: 2 }).map((p) => p.field).sort()).toEqual(['constructor', 'prototype']);
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(inputProblems(deep)).toEqual([expect.objectContaining({ field: 'body', code: 'too_deep' })]);
    let ok: unknown = 1;
    for (let i = 0; i < 60; i++) ok = { a: ok };
    expect(inputProblems(ok)).toEqual([]);
  });
});
