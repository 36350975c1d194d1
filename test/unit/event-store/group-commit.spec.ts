/** GroupCommit: what is committed together, what each caller hears back, and when. */
import { GroupCommit, MAX_GROUP_SIZE, PROBE_EVERY, SOLO_GROUPS_TO_COMMIT_AT_ONCE, type Settled } from '../../../src/event-store/group-commit';

/** Records every group it is asked to commit; a write "fail:x" fails alone, a group holding "boom" fails whole. */
function recordingCommit() {
  const groups: string[][] = [];
  const commit = (group: readonly string[]): Array<Settled<string>> => {
    groups.push([...group]);
    if (group.includes('boom')) throw new Error('transaction failed');
    return group.map((write) => (write.startsWith('fail:') ? { ok: false, error: new Error(write) } : { ok: true, value: `stored ${write}` }));
  };
  return { groups, commit };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('commits the writes submitted in one turn of the event loop together, in the order submitted', async () => {
    const { groups, commit } = recordingCommit();
    const writes = new GroupCommit(commit);

    const answers = await Promise.all(['a', 'b', 'c'].map((write) => writes.submit(write)));

    expect(groups).toEqual([['a', 'b', 'c']]);
    expect(answers).toEqual(['stored a', 'stored b', 'stored c']);
  });

  it('commits a write submitted after the previous commit in a group of its own', async () => {
    const { groups, commit } = recordingCommit();
    const writes = new GroupCommit(commit);

    await writes.submit('a');
    await nextTurn();
    await writes.submit('b');

    expect(groups).toEqual([['a'], ['b']]);
  });

  it('commits nothing before the current turn ends, so no caller hears back before its commit', async () => {
    const { groups, commit } = recordingCommit();
    const writes = new GroupCommit(commit);
    let answered = false;

    const pending = writes.submit('a').then(() => (answered = true));
    await Promise.resolve();

    expect(groups).toEqual([]);
    expect(answered).toBe(false);
    await pending;
    expect(groups).toEqual([['a']]);
  });

  it('rejects only the write that failed; the others of its group succeed', async () => {
    const { commit } = recordingCommit();
    const writes = new GroupCommit(commit);

    const outcomes = await Promise.allSettled(['a', 'fail:b', 'c'].map((write) => writes.submit(write)));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('fail:b'));
  });

  it('rejects every write of the group with the error when the transaction itself fails', async () => {
    const { commit } = recordingCommit();
    const writes = new GroupCommit(commit);

    const outcomes = await Promise.allSettled(['a', 'boom', 'c'].map((write) => writes.submit(write)));

    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as Error).message : outcome.value))).toEqual([
      'transaction failed',
      'transaction failed',
      'transaction failed',
    ]);
  });

  it('commits what is waiting at once on flush, and nothing again at the end of the turn', async () => {
    const { groups, commit } = recordingCommit();
    const writes = new GroupCommit(commit);

    const pending = [writes.submit('a'), writes.submit('b')];
    writes.flush();

    expect(groups).toEqual([['a', 'b']]);
    await expect(Promise.all(pending)).resolves.toEqual(['stored a', 'stored b']);
    await nextTurn();
    expect(groups).toEqual([['a', 'b']]);
  });

  it(`splits more than ${MAX_GROUP_SIZE} waiting writes into groups of at most that many`, async () => {
    const { groups, commit } = recordingCommit();
    const writes = new GroupCommit(commit);
    const submitted = Array.from({ length: MAX_GROUP_SIZE * 2 + 1 }, (_, i) => `w${i}`);

    await Promise.all(submitted.map((write) => writes.submit(write)));

    expect(groups.map((group) => group.length)).toEqual([MAX_GROUP_SIZE, MAX_GROUP_SIZE, 1]);
    expect(groups.flat()).toEqual(submitted);
  });

  describe('a writer that stays alone', () => {
    /** Submits one write at a time, each awaited, until the batcher commits at once. */
    async function aloneUntilAtOnce(writes: GroupCommit<string, string>): Promise<void> {
      for (let i = 0; i < SOLO_GROUPS_TO_COMMIT_AT_ONCE; i++) await writes.submit(`solo${i}`);
    }

    it(`gets its writes committed at once after ${SOLO_GROUPS_TO_COMMIT_AT_ONCE} groups of one, with the same outcomes`, async () => {
      const { groups, commit } = recordingCommit();
      const writes = new GroupCommit(commit);
      await aloneUntilAtOnce(writes);
      expect(writes.committingAtOnce()).toBe(true);

      const answer = writes.submit('now');
      // Committed before submit returned: no turn of the event loop in between.
      expect(groups[groups.length - 1]).toEqual(['now']);
      await expect(answer).resolves.toBe('stored now');
      await expect(writes.submit('fail:x')).rejects.toEqual(new Error('fail:x'));
      await expect(writes.submit('boom')).rejects.toEqual(new Error('transaction failed'));
    });

    it(`still lets one write in ${PROBE_EVERY} wait a turn, and goes back to grouping when that write finds company`, async () => {
      const { groups, commit } = recordingCommit();
      const writes = new GroupCommit(commit);
      await aloneUntilAtOnce(writes);
      for (let i = 1; i < PROBE_EVERY; i++) await writes.submit(`at-once${i}`);
      const before = groups.length;

      // The probe waits; two writers arriving in the same turn join it.
      await Promise.all([writes.submit('probe'), writes.submit('b'), writes.submit('c')]);

      expect(groups.slice(before)).toEqual([['probe', 'b', 'c']]);
      expect(writes.committingAtOnce()).toBe(false);
      await Promise.all([writes.submit('d'), writes.submit('e')]);
      expect(groups[groups.length - 1]).toEqual(['d', 'e']);
    });

    it('never commits a write at once ahead of writes still waiting', async () => {
      const { groups, commit } = recordingCommit();
      const writes = new GroupCommit(commit);
      await aloneUntilAtOnce(writes);
      for (let i = 1; i < PROBE_EVERY; i++) await writes.submit(`at-once${i}`);
      const before = groups.length;

      const probe = writes.submit('probe');
      const next = writes.submit('next');
      await Promise.all([probe, next]);

      expect(groups.slice(before)).toEqual([['probe', 'next']]);
    });
  });
});

