/**
 * Real tampering, done in the SQLite file behind the running application's back: each kind is
 * detected by `GET /indicators/{id}/integrity` and located at the revision where it happened;
 * what a chain cannot show (a cut tail, a careful rewrite) is caught by a digest taken before.
 */
import { KEYS, startTestApp, type TestApp } from '../support/test-app';
import { deleteAndRenumber, deleteEvent, editFigure, fillStream, swapEvents, tamperWith } from './tamper-helpers';

describe('tamper evidence over HTTP, tampering in the SQLite file', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const integrity = (indicatorId: string) => t.get(`/indicators/${indicatorId}/integrity`, KEYS.inspector).expect(200);

  it('an untouched indicator verifies: every event counted, the head hash is the last event’s', async () => {
    await fillStream(t, 'ind-12', 'health_insurance_coverage');
    const stored = await t.eventStore.readStream('indicator-ind-12');
    const { body } = await integrity('ind-12');
    expect(body).toEqual({
      indicatorId: 'ind-12',
      stream: 'indicator-ind-12',
      valid: true,
      events: 5,
      headRevision: 4,
      headHash: stored[4].metadata.hash,
      firstBrokenRevision: null,
      reason: null,
      explanation: null,
      break: null,
      algorithm: expect.stringContaining('RFC 8785'),
      genesisHash: '0'.repeat(64),
    });
    expect(stored[0].metadata.prevHash).toBe('0'.repeat(64));
    expect(stored[3].metadata.prevHash).toBe(stored[2].metadata.hash);
  });

  it('an edited figure: HASH_MISMATCH at the edited revision', async () => {
    await fillStream(t, 'ind-16', 'forest_cover', [55, 56, 57, 58]);
    tamperWith(t, editFigure(2, 61.5), 'indicator-ind-16');
    const { body } = await integrity('ind-16');
    expect(body).toMatchObject({ valid: false, events: 5, firstBrokenRevision: 2, reason: 'HASH_MISMATCH' });
    expect(body.explanation).toMatch(/edited/);
  });

  it('a deleted event: REVISION_GAP at the missing revision', async () => {
    await fillStream(t, 'ind-08', 'urbanisation_rate', [80, 81, 82, 83]);
    tamperWith(t, deleteEvent(1), 'indicator-ind-08');
    const { body } = await integrity('ind-08');
    expect(body).toMatchObject({ valid: false, events: 4, firstBrokenRevision: 1, reason: 'REVISION_GAP', break: { expected: 1, found: 2 } });
  });

  it('a deleted event with the later revisions renumbered: PREV_HASH_MISMATCH where the gap was', async () => {
    await fillStream(t, 'ind-19', 'urban_construction_waste_share', [90, 91, 92, 93]);
    tamperWith(t, deleteAndRenumber(3), 'indicator-ind-19');
    const { body } = await integrity('ind-19');
    expect(body).toMatchObject({ valid: false, events: 4, firstBrokenRevision: 3, reason: 'PREV_HASH_MISMATCH' });
  });

  it('two events reordered: PREV_HASH_MISMATCH at the first of them', async () => {
    await fillStream(t, 'ind-20', 'industrial_zones_wastewater_share', [70, 75, 80, 85]);
    tamperWith(t, swapEvents(2, 3), 'indicator-ind-20');
    const { body } = await integrity('ind-20');
    expect(body).toMatchObject({ valid: false, events: 5, firstBrokenRevision: 2, reason: 'PREV_HASH_MISMATCH' });
  });

  it('a stored event that is no longer JSON: UNREADABLE_EVENT from integrity; the digest says the ledger cannot be read, and where', async () => {
    await fillStream(t, 'ind-14', 'child_malnutrition_rate', [4.9, 4.8, 4.7, 4.6]);
    tamperWith(t, (db, stream) => db.prepare(`UPDATE events SET data = '{"value": 4.' WHERE stream_id = ? AND revision = 4`).run(stream), 'indicator-ind-14');
    const { body } = await integrity('ind-14');
    expect(body).toMatchObject({ valid: false, reason: 'UNREADABLE_EVENT', firstBrokenRevision: null });
    // No digest can be taken over a ledger that cannot be read: said as such, and where. The history was
    // projected before the damage, so it still knows the damaged event's position.
    const damaged = (await t.get('/indicators/ind-14/history?limit=1&order=desc', KEYS.inspector).expect(200)).body.items[0];
    expect(damaged.revision).toBe(4);
    const digest = await t.get('/audit/digest', KEYS.inspector).expect(500);
    expect(digest.body).toMatchObject({ code: 'EVENT_STORE_UNREADABLE', details: { afterPosition: damaged.position - 1 } });
    expect(digest.body.message).toContain(`after position ${damaged.position - 1}`);
  });

  it('answers 404 for an indicator without events, 400 for a malformed id', async () => {
    expect((await t.get('/indicators/ind-99/integrity').expect(404)).body.code).toBe('INDICATOR_NOT_FOUND');
    expect((await t.get('/indicators/IND_1/integrity').expect(400)).body.code).toBe('INVALID_ID');
  });
});
