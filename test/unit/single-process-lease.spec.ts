/** The embedded mode's lease, on a manual monotonic clock: the same contract as the MongoDB lease. */
import { SingleProcessLease } from '../../src/projection-lease/single-process-lease';
import { describeProjectionLeaseContract } from '../contract/projection-lease.contract';

let now = 0;
describeProjectionLeaseContract('single process, manual clock', {
  ttlMs: 1000,
  fresh: async () => {
    now = 0;
    return new SingleProcessLease(() => now);
  },
  pass: async (ms) => {
    now += ms;
  },
});
