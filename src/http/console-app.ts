/**
 * The web console, served by the service at /console/ from the files `npm run build:web` writes to
 * dist/web (a single-page app: every /console/ path that is not a file gets its index.html, and the
 * app's router shows the page). A browser asking for `/` is sent there. The console needs no key to
 * load: its files hold no data, and every API call it makes carries the user's own key.
 *
 * Routes are registered on Fastify directly, not as Nest controllers: they are not part of the API
 * (nor of its OpenAPI document) and pass none of its guards. The security headers (the web apps'
 * content-security policy) are set for them by the request pipeline like for every request.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CONSOLE_PATH } from './security-headers';

/** Where `npm run build:web` writes the console: dist/web beside the compiled service, found from the package root. */
export function defaultConsoleDir(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(from, 'web');
    dir = parent;
  }
  return path.join(dir, 'dist', 'web');
}

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Bảng điều khiển chưa được dựng</title>' +
  '<p>Bảng điều khiển chưa được dựng. Chạy <code>npm run build:web</code> (hoặc <code>npm start</code>) rồi tải lại trang.</p></html>';

export async function serveConsole(app: NestFastifyApplication, consoleDir: string = defaultConsoleDir()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const indexFile = path.join(consoleDir, 'index.html');
  const built = fs.existsSync(indexFile);
  if (built) await app.register(fastifyStatic as never, { root: consoleDir, serve: false, cacheControl: false });
  fastify.get('/', (_request, reply) => reply.redirect(`/${CONSOLE_PATH}/`, 302));
  fastify.get(`/${CONSOLE_PATH}`, (_request, reply) => reply.redirect(`/${CONSOLE_PATH}/`, 301));
  fastify.get(`/${CONSOLE_PATH}/*`, (request, reply) => {
    if (!built) return reply.code(503).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(NOT_BUILT_PAGE);
    const wanted = (request.params as { '*': string })['*'];
    if (!wanted.startsWith('assets/')) return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    const file = assetFile(consoleDir, wanted);
    if (!file) return reply.callNotFound();
    // Built assets carry a content hash in their names: a browser may keep them for good. The page itself
    // names the current assets, so it is asked again each time.
    return reply.header('Cache-Control', 'public, max-age=31536000, immutable').sendFile(file);
  });
}

/** A file of the build under assets/ (never outside it), or null. */
function assetFile(consoleDir: string, wanted: string): string | null {
  const resolved = path.resolve(consoleDir, wanted);
  if (!resolved.startsWith(path.join(consoleDir, 'assets') + path.sep)) return null;
  return fs.existsSync(resolved) && fs.statSync(resolved).isFile() ? path.relative(consoleDir, resolved) : null;
}
