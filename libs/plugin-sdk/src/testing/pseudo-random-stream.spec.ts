import { createHash } from 'node:crypto';
import { createPseudoRandomStream, pseudoRandomBytes, pseudoRandomSha256 } from './pseudo-random-stream.js';

describe('pseudo-random test data', () => {
  it('gives the same bytes for the same seed, any slice on its own, and the stream the same bytes', async () => {
    const whole = pseudoRandomBytes(100_003, { seed: 's' });
    expect(pseudoRandomBytes(100_003, { seed: 's' }).equals(whole)).toBe(true);
    expect(pseudoRandomBytes(100, { seed: 't' }).equals(whole.subarray(0, 100))).toBe(false);
    for (const offset of [1, 15, 16, 17, 65_535, 99_990]) {
      expect(pseudoRandomBytes(13, { seed: 's', offset }).equals(whole.subarray(offset, offset + 13))).toBe(true);
    }
    const stream = createPseudoRandomStream(whole.length, { seed: 's', chunkBytes: 4097 });
    const streamed = Buffer.concat(await stream.toArray());
    expect(streamed.equals(whole)).toBe(true);
    const expected = createHash('sha256').update(whole).digest('hex');
    expect(stream.sha256()).toBe(expected);
    expect(pseudoRandomSha256(whole.length, 's')).toBe(expected);
  });

  it('fails on purpose after the given number of bytes', async () => {
    const stream = createPseudoRandomStream(1000, { failAfterBytes: 300, chunkBytes: 128 });
    await expect(stream.toArray()).rejects.toThrow('failed on purpose');
    expect(stream.bytesEmitted).toBe(300);
  });
});
