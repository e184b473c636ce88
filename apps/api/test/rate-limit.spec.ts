import { Client, Harness, startApi } from './harness';

describe('rate limit on the auth routes', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi({ AUTH_RATE_LIMIT: '5' })));
  afterAll(() => h.close());

  it('slows down a client that hammers the login', async () => {
    const c = await new Client(h.app).init(); // GET csrf counts as one
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.post('/api/auth/login', { email: `x${i}@y.org`, password: 'wrong-password-1' })).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    // the rest of the API is not limited by it
    await c.get('/api/health').expect(200);
  });

  it('answers health with the state of the database and the queue', async () => {
    const r = await new Client(h.app).get('/api/health').expect(200);
    expect(r.body).toEqual({ status: 'ok', db: 'up', queue: 'up' });
  });
});
