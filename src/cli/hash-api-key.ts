/**
 * `npm run principals:hash-key`: makes a new random API key and prints it once, with the
 * `apiKeySha256` a principals file should hold instead of it. With a key on standard input
 * (`echo -n "$KEY" | npm run -s principals:hash-key`) it prints only that key's digest, and refuses
 * a key weaker than the service accepts (api-key-strength.ts): such a key should be replaced, not
 * hashed.
 */
import { randomBytes } from 'node:crypto';
import { apiKeyWeakness } from '../auth/api-key-strength';
import { apiKeySha256 } from '../auth/principal-directory';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function run(): Promise<void> {
  const given = await readStdin();
  if (given) {
    const weakness = apiKeyWeakness(given);
    if (weakness) throw new Error(`Refused: the key ${weakness}. Run npm run principals:hash-key without input to make a strong one.`);
    console.log(apiKeySha256(given));
    return;
  }
  // 256 random bits, 43 base64url characters: well past the minimum strength the service requires.
  const key = randomBytes(32).toString('base64url');
  console.log(`API key (give it to the client, store it nowhere else): ${key}`);
  console.log(`Principals file entry: ${JSON.stringify({ name: '…', apiKeySha256: apiKeySha256(key), unitId: '…', roles: ['reporter'] })}`);
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
