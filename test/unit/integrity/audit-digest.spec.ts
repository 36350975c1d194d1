/** The audit digest: an RFC 6962 Merkle root over the sorted stream heads. */
import { createHash } from 'node:crypto';
import { auditDigest, digestLeaf, type StreamHead } from '../../../src/integrity/audit-digest';
import { merkleRoot } from '../../../src/integrity/merkle';

const sha256 = (...parts: Buffer[]): Buffer => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const leaf = (text: string): Buffer => sha256(Buffer.from([0]), Buffer.from(text, 'utf8'));
const node = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right);

describe('merkleRoot (RFC 6962 §2.1)', () => {
  it('of no leaves is the hash of nothing', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('of one leaf is the 0x00-prefixed leaf hash (the RFC 6962 empty-leaf vector)', () => {
    expect(merkleRoot([''])).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(merkleRoot(['a'])).toBe(leaf('a').toString('hex'));
  });

  it('splits at the largest power of two below the count', () => {
    expect(merkleRoot(['a', 'b'])).toBe(node(leaf('a'), leaf('b')).toString('hex'));
    expect(merkleRoot(['a', 'b', 'c'])).toBe(node(node(leaf('a'), leaf('b')), leaf('c')).toString('hex'));
    const five = node(node(node(leaf('a'), leaf('b')), node(leaf('c'), leaf('d'))), leaf('e'));
    expect(merkleRoot(['a', 'b', 'c', 'd', 'e'])).toBe(five.toString('hex'));
  });
});

describe('auditDigest', () => {
  const heads: StreamHead[] = [
    { streamId: 'unit-phong-kinh-te', revision: 0, hash: 'b'.repeat(64) },
    { streamId: 'indicator-ind-10', revision: 3, hash: 'a'.repeat(64) },
    { streamId: 'indicator-ind-1', revision: 1, hash: 'c'.repeat(64) },
  ];

  it('is the Merkle root of "stream:revision:headHash" leaves sorted by stream id', () => {
    expect(digestLeaf(heads[1])).toBe(`indicator-ind-10:3:${'a'.repeat(64)}`);
    const expected = merkleRoot([`indicator-ind-1:1:${'c'.repeat(64)}`, `indicator-ind-10:3:${'a'.repeat(64)}`, `unit-phong-kinh-te:0:${'b'.repeat(64)}`]);
    expect(auditDigest(heads)).toBe(expected);
    expect(auditDigest([...heads].reverse())).toBe(expected);
  });

  it.each<[string, StreamHead[]]>([
    ['a head hash changes', heads.map((h, i) => (i === 0 ? { ...h, hash: 'd'.repeat(64) } : h))],
    ['a stream is cut short', heads.map((h, i) => (i === 1 ? { ...h, revision: 2 } : h))],
    ['a stream disappears', heads.slice(1)],
    ['a stream appears', [...heads, { streamId: 'unit-x', revision: 0, hash: 'e'.repeat(64) }]],
  ])('changes when %s', (_what, changed) => {
    expect(auditDigest(changed)).not.toBe(auditDigest(heads));
  });
});
