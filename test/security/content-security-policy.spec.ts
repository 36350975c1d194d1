/**
 * The content-security policy per route: the web apps (Swagger UI at /docs, the console at
 * /console/) may run their own script files only — no inline script, no script attribute, no
 * eval — and the API's answers allow nothing to load or frame them. (That a browser runs a
 * Vite-built single-page app's module script and stylesheet under the web-app policy, and refuses
 * its inline scripts and eval, was checked in headless Chromium; this suite checks the policies.)
 */
import request from 'supertest';
import { standInConsole, type StandInConsole } from '../support/stand-in-console';
import { startTestApp, type TestApp } from '../support/test-app';

/** The policy as directive → sources. */
function policyOf(header: string | undefined): Map<string, string[]> {
  expect(header).toBeDefined();
  return new Map(
    (header as string)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('content-security policy', () => {
  let t: TestApp;
  let built: StandInConsole;

  beforeAll(async () => {
    built = standInConsole();
    t = await startTestApp({ seed: false, consoleDir: built.dir });
  });

  afterAll(async () => {
    await t.close();
    built.remove();
  });

  it.each(['/docs', '/docs/swagger-ui-init.js', '/console/', '/console/assets/index-4f2a9c.js'])('lets the web app at %s run its own scripts only: no inline script, no eval', async (url) => {
    const res = await request(t.app.getHttpServer()).get(url);
    const policy = policyOf(res.headers['content-security-policy']);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('script-src-attr')).toEqual(["'none'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-eval|https:|\*/);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });

  it('serves Swagger UI under it, from files of its own', async () => {
    const page = await request(t.app.getHttpServer()).get('/docs').redirects(1).expect(200);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes]) => attributes)).toEqual(expect.arrayContaining([expect.stringMatching(/swagger-ui-bundle\.js/)]));
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
  });

  it.each(['/indicators', '/units/phong-kinh-te', '/docs-json', '/health'])('lets nothing load in, or frame, the API answer of %s', async (url) => {
    const res = await request(t.app.getHttpServer()).get(url);
    const policy = policyOf(res.headers['content-security-policy']);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });
});
