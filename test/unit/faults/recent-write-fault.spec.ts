/** A server store's storage fault is reported until a write succeeds, or for FAULT_MEMORY_MS: /health cannot stay at 503 for want of traffic. */
import { FAULT_MEMORY_MS, RecentWriteFault } from '../../../src/shared/recent-write-fault';
import { StorageUnavailableError } from '../../../src/shared/storage-fault';

describe('RecentWriteFault', () => {
  it('remembers a storage fault until a write succeeds', () => {
    const memory = new RecentWriteFault(() => 0);
    const fault = new StorageUnavailableError('readStore', 'disk_full');
    expect(memory.failed(fault)).toBe(fault);
    expect(memory.current()).toBe(fault);
    memory.succeeded();
    expect(memory.current()).toBeNull();
  });

  it('ignores other failures, and forgets a fault after FAULT_MEMORY_MS', () => {
    let now = 0;
    const memory = new RecentWriteFault(() => now);
    memory.failed(new Error('a defect'));
    expect(memory.current()).toBeNull();
    memory.failed(new StorageUnavailableError('eventStore', 'read_only'));
    now = FAULT_MEMORY_MS;
    expect(memory.current()).toMatchObject({ storageCause: 'read_only' });
    now = FAULT_MEMORY_MS + 1;
    expect(memory.current()).toBeNull();
  });
});
