/**
 * An approved review is provable later: verification recomputes its content hash and the audit
 * digest from the ledger and names what no longer matches; and a review is the same whether the
 * read models were kept up event by event or rebuilt from the ledger.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editFigure, rewriteWithFreshHashes, tamperWith } from '../integrity/tamper-helpers';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const LABOUR = KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi');
const APPROVAL = { decisionRef: '15-BB/TU', meetingDate: '2021-07-21' };

/** Indicator 10 reported for Q1 and Q2 (revisions 1 and 2), then the Q2 review approved a day later. */
async function approvedQ2(t: TestApp): Promise<void> {
  await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q1', value: 1700 }, LABOUR).expect(201);
  await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q2', value: 3400 }, LABOUR).expect(201);
  t.clock.set('2021-07-22T03:00:00.000Z');
  await t.post('/reviews/2021-Q2/approval', APPROVAL, KEYS.standingCommittee).expect(201);
}

describe('verifying an approved review (e2e)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp();
    await approvedQ2(t);
  });

  afterEach(async () => {
    await t.close();
  });

  it('holds while the ledger is intact, also after later events', async () => {
    await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-07', value: 4000 }, LABOUR).expect(201);
    const { body } = await t.get('/reviews/2021-Q2/approval/verify', KEYS.inspector).expect(200);
    expect(body).toMatchObject({ valid: true, failures: [], content: { matches: true }, auditDigest: { matches: true, chainsValid: true, brokenStreams: [] } });
    // The digest the approval recorded is the one the audit endpoint gives for that position.
    const digest = await t.get(`/audit/digest?position=${body.approval.position}`, KEYS.inspector).expect(200);
    expect(digest.body.digest).toBe(body.approval.auditDigest);
  });

  it('fails when a figure it was computed from is edited in the store, naming the broken stream and the content', async () => {
    tamperWith(t, editFigure(1, 1900), 'indicator-ind-10');
    const { body } = await t.get('/reviews/2021-Q2/approval/verify', KEYS.inspector).expect(200);
    expect(body.valid).toBe(false);
    // The stored hashes were left as they were: the heads, and so the digest, still match; the chain does not.
    expect(body.failures.map((f: { reason: string }) => f.reason)).toEqual(['CONTENT_HASH_MISMATCH', 'CHAIN_BROKEN']);
    expect(body.failures[1].explanation).toContain('indicator-ind-10');
    expect(body.auditDigest.brokenStreams).toEqual([expect.objectContaining({ streamId: 'indicator-ind-10', firstBrokenRevision: 1 })]);
    expect(body.approvalEvent.valid).toBe(true);
  });

  it('fails when the forger re-hashes the stream: the chains hold, the digest and the content do not', async () => {
    tamperWith(t, rewriteWithFreshHashes(2, 3600), 'indicator-ind-10');
    const { body } = await t.get('/reviews/2021-Q2/approval/verify', KEYS.inspector).expect(200);
    expect(body.failures.map((f: { reason: string }) => f.reason)).toEqual(['CONTENT_HASH_MISMATCH', 'DIGEST_MISMATCH']);
    expect(body.auditDigest.chainsValid).toBe(true);
  });

  it('fails when the approval itself is edited', async () => {
    tamperWith(
      t,
      (db, streamId) => db.prepare(`UPDATE events SET data = json_set(data, '$.contentHash', ?) WHERE stream_id = ?`).run('0'.repeat(64), streamId),
      'review-hl-2021-2021-Q2',
    );
    const { body } = await t.get('/reviews/2021-Q2/approval/verify', KEYS.analyst).expect(200);
    expect(body.failures.map((f: { reason: string }) => f.reason)).toEqual(['CONTENT_HASH_MISMATCH', 'APPROVAL_EVENT_ALTERED']);
    expect(body.approvalEvent).toMatchObject({ valid: false, firstBrokenRevision: 0, reason: 'HASH_MISMATCH' });
  });

  it('refuses to approve over a ledger whose chains are broken', async () => {
    tamperWith(t, editFigure(1, 1900), 'indicator-ind-10');
    const refused = await t.post('/reviews/2021-H1/approval', APPROVAL, KEYS.standingCommittee).expect(422);
    expect(refused.body).toMatchObject({ code: 'LEDGER_CHAIN_BROKEN', details: { brokenStreams: ['indicator-ind-10'] } });
  });
});

describe('a review rebuilt from the ledger (e2e)', () => {
  it('equals the review the running service gave, approved content and hash included', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-review-rebuild-'));
    try {
      const first = await startTestApp({ dataDir });
      await approvedQ2(first);
      first.clock.set('2021-07-25T03:00:00.000Z');
      await first.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-07', value: 4000 }, LABOUR).expect(201);
      const asOf = encodeURIComponent('2021-07-26T00:00:00+07:00');
      const incremental = await Promise.all(['2021-Q2', '2021-Q3', '2021'].map(async (p) => (await first.get(`/reviews/${p}?asOf=${asOf}`).expect(200)).body));
      const listed = (await first.get('/reviews').expect(200)).body;
      await first.close();

      // The read models are gone: the next start rebuilds them from the ledger alone.
      fs.rmSync(path.join(dataDir, 'read-models.db'), { force: true });
      const second = await startTestApp({ dataDir });
      try {
        const rebuilt = await Promise.all(['2021-Q2', '2021-Q3', '2021'].map(async (p) => (await second.get(`/reviews/${p}?asOf=${asOf}&minPosition=1`).expect(200)).body));
        expect(rebuilt).toEqual(incremental);
        expect(incremental[0].state).toBe('approved');
        expect((await second.get('/reviews?minPosition=1').expect(200)).body).toEqual(listed);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
