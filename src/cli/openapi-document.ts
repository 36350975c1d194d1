/**
 * `npm run openapi`: writes the OpenAPI document the service serves at /docs-json to openapi.json
 * (the npm script then generates the client types of the tests from it). The app is built on an
 * empty data directory of its own, with no other configuration: the document depends on the code only.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../config/config';
import { createApp } from '../create-app';
import { buildOpenApiDocument, openApiJson } from '../http/openapi';
import { reportCliFailure } from './cli-failure';

const OUTPUT = path.join(__dirname, '../../../openapi.json');

async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-openapi-'));
  try {
    const app = await createApp({ config: loadConfig({ DATA_DIR: dataDir }), logger: false });
    try {
      fs.writeFileSync(OUTPUT, openApiJson(buildOpenApiDocument(app)));
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
}

run().catch(reportCliFailure);
