/**
 * The web console as the service serves it (a stand-in build: the real one is driven in a browser by
 * test/browser), and `GET /session`, which tells the console who its user is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { standInConsole, type StandInConsole } from '../support/stand-in-console';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

describe('the console and the session (e2e)', () => {
  let t: TestApp;
  let built: StandInConsole;

  beforeAll(async () => {
    built = standInConsole({ 'assets/app-1a2b.js': 'console.log("console")' });
    fs.writeFileSync(path.join(built.dir, 'secret.txt'), 'not an asset');
    t = await startTestApp({ consoleDir: built.dir });
  });

  afterAll(async () => {
    await t.close();
    built.remove();
  });

  const server = () => t.app.getHttpServer();

  it('sends a browser asking for / to the console', async () => {
    const res = await request(server()).get('/').expect(302);
    expect(res.headers.location).toBe('/console/');
    expect((await request(server()).get('/console').expect(301)).headers.location).toBe('/console/');
  });

  it("serves the console's page for each of its paths, under the web apps' content-security policy", async () => {
    for (const url of ['/console/', '/console/indicators/ind-12/history', '/console/audit?type=TargetRevised']) {
      const res = await request(server()).get(url).expect(200);
      expect(res.text).toContain('<title>Bảng điều khiển</title>');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain("default-src 'none'");
    }
  });

  it('serves its built assets for good, and nothing else of its directory', async () => {
    const res = await request(server()).get('/console/assets/app-1a2b.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    await request(server()).get('/console/assets/missing.js').expect(404);
    await request(server()).get('/console/assets/..%2Fsecret.txt').expect(404);
    expect((await request(server()).get('/console/secret.txt').expect(200)).text).toContain('<title>Bảng điều khiển</title>');
  });

  it('leaves the API where it was', async () => {
    await t.get('/indicators?limit=1').expect(200);
    await request(server()).get('/indicators').expect(401);
  });

  it('tells a key holder who they are: name, unit and roles', async () => {
    const { body } = await t.get('/session', KEYS.reporter('bao-hiem-xa-hoi-thanh-pho')).expect(200);
    expect(body).toEqual({
      id: expect.any(String),
      name: 'Cán bộ báo cáo – Bảo hiểm xã hội Thành phố',
      unitId: 'bao-hiem-xa-hoi-thanh-pho',
      roles: ['reporter'],
      credential: 'api_key',
    });
    expect((await t.get('/session', KEYS.inspector).expect(200)).body).toMatchObject({ unitId: 'co-quan-ubkt-thanh-tra', roles: ['inspector'] });
    await request(server()).get('/session').expect(401);
  });

  it('tells anyone which credentials the service accepts', async () => {
    expect((await request(server()).get('/session/sign-in-options').expect(200)).body).toEqual({ apiKey: true, jwt: false });
  });
});
