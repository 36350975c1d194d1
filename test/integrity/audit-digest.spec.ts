/**
 * The audit digest over HTTP and from the command line, against real tampering in the SQLite file.
 * A digest taken at a position keeps verifying while the ledger grows after it, and stops
 * verifying the moment anything at or before it changes — also the changes a stream's own chain
 * cannot show: a cut tail, a stream rewritten with freshly computed hashes, a log missing its end.
 * The tests run in order, as an inspector's year would: each takes a digest, then the store is
 * tampered with.
 */
import { verifyLedger, parseVerifyArgs, VerifyUsageError } from '../../src/integrity/verify-report';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';
import { deleteEvent, editFigure, fillStream, rewriteWithFreshHashes, tamperWith, truncateFrom } from './tamper-helpers';

interface Head {
  streamId: string;
  revision: number;
  hash: string;
}

/** The heads that differ between a digest's saved heads and today's: how an inspector locates a change. */
function changedHeads(saved: Head[], today: Head[]): Array<{ streamId: string; then: Head | null; now: Head | null }> {
  const now = new Map(today.map((h) => [h.streamId, h]));
  const then = new Map(saved.map((h) => [h.streamId, h]));
  const ids = [...new Set([...then.keys(), ...now.keys()])].sort();
  return ids
    .filter((id) => JSON.stringify(then.get(id)) !== JSON.stringify(now.get(id)))
    .map((id) => ({ streamId: id, then: then.get(id) ?? null, now: now.get(id) ?? null }));
}

describe('audit digest', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await fillStream(t, 'ind-12', 'health_insurance_coverage');
    await fillStream(t, 'ind-16', 'forest_cover', [55, 56, 57, 58]);
  });

  afterAll(async () => {
    await t.close();
  });

  const digest = (query = '', key = KEYS.inspector) => t.get(`/audit/digest${query}`, key);
  const verify = (d: string, position: number, key = KEYS.inspector) => t.get(`/audit/digest/verify?digest=${d}&position=${position}`, key);
  const cli = async (args: string[] = []) => {
    const lines: string[] = [];
    const code = await verifyLedger(t.eventStore, parseVerifyArgs(args), (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  };

  it('commits to every stream head as of the store’s last position', async () => {
    const head = await t.eventStore.headPosition();
    const { body } = await digest().expect(200);
    expect(body).toMatchObject({
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      position: head,
      algorithm: 'rfc6962-merkle-sha256',
      leafFormat: 'stream:revision:headHash',
      events: head,
      chainsValid: true,
      brokenStreams: [],
      computedAt: '2021-07-20T03:00:00.000Z',
    });
    const ids = body.heads.map((h: Head) => h.streamId);
    expect(ids).toEqual([...ids].sort());
    expect(body.streams).toBe(ids.length);
    const stored = await t.eventStore.readStream('indicator-ind-12');
    expect(body.heads).toContainEqual({ streamId: 'indicator-ind-12', revision: 4, hash: stored[4].metadata.hash });
    expect(ids).toEqual(expect.arrayContaining(['resolution-hl-2021', 'unit-phong-kinh-te', 'indicator-ind-01']));
  });

  it('verifies a digest while the ledger grows after it, and a digest of an earlier position can be taken later', async () => {
    const taken = (await digest().expect(200)).body;
    await fillStream(t, 'ind-08', 'urbanisation_rate', [80, 81, 82, 83]);
    await t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-05', value: 94 }, KEYS.coordinator).expect(201);

    const { body } = await verify(taken.digest, taken.position).expect(200);
    expect(body).toMatchObject({ valid: true, reason: null, digestMatches: true, chainsValid: true, recomputedDigest: taken.digest, position: taken.position });
    expect(body.storeHeadPosition).toBeGreaterThan(taken.position);

    const later = (await digest().expect(200)).body;
    expect(later.digest).not.toBe(taken.digest);
    const recomputed = (await digest(`?position=${taken.position}`).expect(200)).body;
    expect(recomputed).toMatchObject({ digest: taken.digest, position: taken.position, heads: taken.heads });
  });

  it('npm run verify passes on an untouched ledger, and checks a digest given to it', async () => {
    const taken = (await digest().expect(200)).body;
    const clean = await cli(['--digest', taken.digest, '--position', String(taken.position)]);
    expect(clean.code).toBe(0);
    expect(clean.output).toContain('every chain is intact');
    expect(clean.output).toContain(`Digest ${taken.digest} at position ${taken.position}: matches`);
    expect(clean.output).toMatch(/RESULT: ok$/);
  });

  it('a cut tail: the stream still chains, the digest taken before does not verify, and the saved heads locate it', async () => {
    const taken = (await digest().expect(200)).body;
    tamperWith(t, truncateFrom(3), 'indicator-ind-12');

    const chain = (await t.get('/indicators/ind-12/integrity', KEYS.inspector).expect(200)).body;
    expect(chain).toMatchObject({ valid: true, events: 3, headRevision: 2 });

    const { body } = await verify(taken.digest, taken.position).expect(200);
    expect(body).toMatchObject({ valid: false, reason: 'DIGEST_MISMATCH', digestMatches: false, chainsValid: true, brokenStreams: [] });
    expect(body.explanation).toMatch(/cut short/);
    expect(changedHeads(taken.heads, body.heads)).toEqual([
      { streamId: 'indicator-ind-12', then: expect.objectContaining({ revision: 5 }), now: expect.objectContaining({ revision: 2 }) },
    ]);

    const { code, output } = await cli(['--digest', taken.digest, '--position', String(taken.position)]);
    expect(code).toBe(1);
    expect(output).toContain('DOES NOT MATCH');
    expect(output).toContain('indicator-ind-12:2:');
  });

  it('a stream rewritten with freshly computed hashes: its chain verifies, the digest does not', async () => {
    const taken = (await digest().expect(200)).body;
    tamperWith(t, rewriteWithFreshHashes(2, 61.5), 'indicator-ind-16');

    expect((await t.get('/indicators/ind-16/integrity', KEYS.inspector).expect(200)).body).toMatchObject({ valid: true, events: 5 });
    const { body } = await verify(taken.digest, taken.position).expect(200);
    expect(body).toMatchObject({ valid: false, reason: 'DIGEST_MISMATCH', chainsValid: true });
    expect(changedHeads(taken.heads, body.heads).map((c) => c.streamId)).toEqual(['indicator-ind-16']);
  });

  it('the last events of the whole log removed: the digest does not verify and the store is seen to end early', async () => {
    const last = await t.post('/indicators/ind-20/progress-reports', { metric: 'industrial_zones_wastewater_share', period: '2021-06', value: 95 }, KEYS.coordinator).expect(201);
    const taken = (await digest().expect(200)).body;
    expect(taken.position).toBe(last.body.position);
    tamperWith(t, deleteEvent(1), 'indicator-ind-20');

    const { body } = await verify(taken.digest, taken.position).expect(200);
    expect(body).toMatchObject({ valid: false, reason: 'DIGEST_MISMATCH', digestMatches: false, chainsValid: true });
    expect(body.storeHeadPosition).toBeLessThan(taken.position);
    expect(body.explanation).toContain(`The store now ends at position ${body.storeHeadPosition}, before ${taken.position}`);
  });

  it('a stream removed entirely: no chain is left to break, the digest shows it', async () => {
    const taken = (await digest().expect(200)).body;
    tamperWith(t, deleteEvent(0), 'unit-hat-kiem-lam');
    const { body } = await verify(taken.digest, taken.position).expect(200);
    expect(body).toMatchObject({ valid: false, reason: 'DIGEST_MISMATCH', chainsValid: true });
    expect(changedHeads(taken.heads, body.heads)).toEqual([{ streamId: 'unit-hat-kiem-lam', then: expect.objectContaining({ revision: 0 }), now: null }]);
  });

  it('an edit or a deletion before the position: CHAIN_BROKEN, with each broken stream located', async () => {
    const taken = (await digest().expect(200)).body;
    expect(taken.chainsValid).toBe(true);
    tamperWith(t, editFigure(1, 99), 'indicator-ind-08');
    tamperWith(t, deleteEvent(0), 'indicator-ind-16');

    const { body } = await verify(taken.digest, taken.position).expect(200);
    expect(body).toMatchObject({ valid: false, reason: 'CHAIN_BROKEN', chainsValid: false });
    expect(body.brokenStreams).toEqual([
      { streamId: 'indicator-ind-08', firstBrokenRevision: 1, reason: 'HASH_MISMATCH', explanation: expect.any(String) },
      { streamId: 'indicator-ind-16', firstBrokenRevision: 0, reason: 'REVISION_GAP', explanation: expect.any(String) },
    ]);
    // A digest taken now says it is not worth signing.
    expect((await digest().expect(200)).body).toMatchObject({ chainsValid: false, brokenStreams: [expect.objectContaining({ streamId: 'indicator-ind-08' }), expect.anything()] });

    const { code, output } = await cli();
    expect(code).toBe(1);
    expect(output).toContain('BROKEN indicator-ind-08 at revision 1: HASH_MISMATCH');
    expect(output).toContain('BROKEN indicator-ind-16 at revision 0: REVISION_GAP');
    expect(output).toMatch(/RESULT: the ledger has been tampered with or damaged$/);
  });

  describe('who may read it, and bad input', () => {
    it.each([
      ['analyst', KEYS.analyst],
      ['standing committee', KEYS.standingCommittee],
      ['inspector', KEYS.inspector],
    ])('the %s may', async (_who, key) => {
      await digest('', key).expect(200);
    });

    it.each([
      ['a reporter', KEYS.reporter('phong-kinh-te')],
      ['the coordinator', KEYS.coordinator],
    ])('%s may not (403 ROLE_NOT_ALLOWED)', async (_who, key) => {
      expect((await digest('', key).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
      expect((await verify('a'.repeat(64), 1, key).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    });

    it.each([
      ['no digest', '/audit/digest/verify?position=3'],
      ['no position', `/audit/digest/verify?digest=${'a'.repeat(64)}`],
      ['a short digest', '/audit/digest/verify?digest=abc&position=3'],
      ['a negative position', `/audit/digest/verify?digest=${'a'.repeat(64)}&position=-1`],
      ['a position that is not a number', `/audit/digest/verify?digest=${'a'.repeat(64)}&position=12abc`],
      ['an operator instead of a value', `/audit/digest/verify?digest=${'a'.repeat(64)}&position[$gt]=0`],
      ['two positions', `/audit/digest/verify?digest=${'a'.repeat(64)}&position=1&position=2`],
      ['an unknown parameter', `/audit/digest?stream=x`],
      ['a fractional position', `/audit/digest?position=1.5`],
    ])('%s is a 400', async (_what, url) => {
      const { body } = await t.get(url, KEYS.inspector).expect(400);
      // Operator-like keys are refused by the global input guard before validation (FORBIDDEN_KEY).
      expect(['VALIDATION_FAILED', 'FORBIDDEN_KEY']).toContain(body.code);
    });

    it('a digest for a position the store has not reached is refused (422 POSITION_NOT_REACHED)', async () => {
      const head = await t.eventStore.headPosition();
      expect((await digest(`?position=${head + 100}`).expect(422)).body.code).toBe('POSITION_NOT_REACHED');
    });
  });
});

describe('npm run verify arguments', () => {
  it('takes a digest with its position, and --verbose', () => {
    expect(parseVerifyArgs(['--digest', 'A'.repeat(64), '--position', '12', '--verbose'])).toEqual({ digest: { value: 'a'.repeat(64), position: 12 }, verbose: true });
    expect(parseVerifyArgs([])).toEqual({});
  });

  it.each([[['--digest', 'a'.repeat(64)]], [['--position', '3']], [['--digest', 'xyz', '--position', '3']], [['--digest', 'a'.repeat(64), '--position', '-3']], [['--fix']]])(
    'refuses %j',
    (args) => {
      expect(() => parseVerifyArgs(args)).toThrow(VerifyUsageError);
    },
  );
});
