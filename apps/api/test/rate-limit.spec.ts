import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { Client, Harness, loginAs, startApi } from './harness';

describe('rate limit on the auth routes', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi({ AUTH_RATE_LIMIT: '5' })));
  afterAll(() => h.close());
  // one window per test: the limit counts per route and client address, and every test here comes from 127.0.0.1
  beforeEach(() => {
    const store = h.app.get(ThrottlerStorage) as ThrottlerStorageService;
    store.storage.clear();
    (store as unknown as { hitExpirations?: Map<string, unknown> }).hitExpirations?.clear();
  });

  it('slows down a client that hammers the login', async () => {
    const c = await new Client(h.app).init(); // GET csrf does not count
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.post('/api/auth/login', { email: `x${i}@y.org`, password: 'wrong-password-1' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // the rest of the API is not limited by it
    await c.get('/api/health').expect(200);
  });

  it('answers health with the state of the database and the queue', async () => {
    const r = await new Client(h.app).get('/api/health').expect(200);
    expect(r.body).toEqual({ status: 'ok', db: 'up', queue: 'up' });
  });

  it('does not count page loads (csrf, me) against the limit, so an office behind one address is not locked out', async () => {
    const { client } = await loginAs(h, 'secretariat');
    for (let i = 0; i < 12; i++) {
      await client.get('/api/auth/csrf').expect(200);
      await client.get('/api/auth/me').expect(200);
    }
    const r = await new Client(h.app).init().then((c) => c.post('/api/auth/login', { email: 'someone@y.org', password: 'wrong-password-1' }));
    expect(r.status).toBe(401);
  });

  it('limits changing the password, a credential route too', async () => {
    const { client } = await loginAs(h, 'observer');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.post('/api/users/me/password', { currentPassword: 'wrong-password-1', newPassword: 'a-brand-new-passphrase' })).status);
    expect(statuses.at(-1)).toBe(429);
  });
});
