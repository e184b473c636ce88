import { MetadataScanner, Reflector } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ACCESS_KEY, RouteAccess } from '../src/common/decorators';
import { Client, Harness, startApi } from './harness';

type Route = { method: string; path: string; access: RouteAccess | undefined; name: string };

function allRoutes(h: Harness): Route[] {
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: Route[] = [];
  const container = (h.app as unknown as { container: { getModules(): Map<string, { controllers: Map<unknown, InstanceWrapper> }> } }).container;
  const controllers = [...container.getModules().values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const instance = wrapper.instance as object;
    if (!instance) continue;
    const proto = Object.getPrototypeOf(instance);
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const sub = Reflect.getMetadata(PATH_METADATA, handler);
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const access = reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [handler, wrapper.metatype as object]);
      const path = `/api/${[base, sub].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/');
      routes.push({ method, path, access, name: `${wrapper.name}.${name}` });
    }
  }
  return routes;
}

describe('every route declares who may call it', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  it('has no route without an access decision', () => {
    const routes = allRoutes(h);
    expect(routes.length).toBeGreaterThan(30);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.name})`);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every route that is not public', async () => {
    const c = await new Client(h.app).init();
    const guarded = allRoutes(h).filter((r) => r.access?.kind !== 'public');
    for (const r of guarded) {
      const path = r.path.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      const res = await (c as unknown as Record<string, (p: string, b?: object) => Promise<{ status: number }>>)[r.method.toLowerCase()](path, {});
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
    }
  });

  it('guards the queue dashboard and publishes the OpenAPI document', async () => {
    const c = await new Client(h.app).init();
    await c.get('/api/admin/queues').expect(401);
    const doc = await c.get('/api/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/organizations/{id}']));
  });
});
