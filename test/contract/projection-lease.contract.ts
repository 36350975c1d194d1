/**
 * What every projection lease must do, whatever backs it: the single-process lease and the MongoDB
 * lease on a simulated server (test/unit), the MongoDB lease on a real server when MONGODB_URI is
 * set (test/contract/mongo-projection-lease.spec.ts). `pass(ms)` moves the lease's clock (a manual
 * clock, the simulated server's clock, or real time).
 */
import type { ProjectionLease } from '../../src/projection-lease/projection-lease.port';

export interface LeaseSubject {
  /** A lease over fresh, empty storage. Called once per test. */
  fresh(): Promise<ProjectionLease>;
  pass(ms: number): Promise<void>;
  /** Time to live the tests use: long enough for a real server's round trips. */
  ttlMs: number;
}

export function describeProjectionLeaseContract(name: string, subject: LeaseSubject): void {
  describe(`ProjectionLease contract: ${name}`, () => {
    const ttl = subject.ttlMs;
    let lease: ProjectionLease;
    beforeEach(async () => {
      lease = await subject.fresh();
    });

    it('gives a free lease to the first instance and refuses a second while it runs', async () => {
      expect(await lease.tryAcquire('a', ttl)).toBe(true);
      expect(await lease.tryAcquire('b', ttl)).toBe(false);
      // Taking it again is fine for its holder (a renewal by another name).
      expect(await lease.tryAcquire('a', ttl)).toBe(true);
      expect(await lease.renew('b', ttl)).toBe(false);
    });

    it('is kept by renewals: a renewed lease outlives its first time to live', async () => {
      expect(await lease.tryAcquire('a', ttl)).toBe(true);
      await subject.pass(ttl * 0.6);
      expect(await lease.renew('a', ttl)).toBe(true);
      await subject.pass(ttl * 0.6);
      expect(await lease.tryAcquire('b', ttl)).toBe(false);
      expect(await lease.renew('a', ttl)).toBe(true);
    });

    it('runs out without renewal: another instance takes it over, and the old holder can no longer renew', async () => {
      expect(await lease.tryAcquire('a', ttl)).toBe(true);
      await subject.pass(ttl * 1.2);
      expect(await lease.tryAcquire('b', ttl)).toBe(true);
      expect(await lease.renew('a', ttl)).toBe(false);
      expect(await lease.tryAcquire('a', ttl)).toBe(false);
    });

    it('cannot be renewed once run out, even when nobody took it (the holder must take it again)', async () => {
      expect(await lease.tryAcquire('a', ttl)).toBe(true);
      await subject.pass(ttl * 1.2);
      expect(await lease.renew('a', ttl)).toBe(false);
      expect(await lease.tryAcquire('a', ttl)).toBe(true);
    });

    it('is free at once after its holder releases it; a release by anyone else changes nothing', async () => {
      expect(await lease.tryAcquire('a', ttl)).toBe(true);
      await lease.release('b');
      expect(await lease.tryAcquire('b', ttl)).toBe(false);
      await lease.release('a');
      expect(await lease.tryAcquire('b', ttl)).toBe(true);
      expect(await lease.renew('a', ttl)).toBe(false);
    });

    it('refuses a time to live it cannot honour', async () => {
      await expect(lease.tryAcquire('a', 0)).rejects.toBeInstanceOf(RangeError);
      await expect(lease.renew('a', 1.5)).rejects.toBeInstanceOf(RangeError);
    });
  });
}
