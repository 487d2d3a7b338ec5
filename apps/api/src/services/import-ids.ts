import { randomFillSync } from 'node:crypto';

/**
 * Ids for the rows an import creates (events, claims, quantities): UUIDv7
 * (RFC 9562), the time in milliseconds followed by a counter and random
 * bits, so that the ids of a file's rows increase in the order they are
 * written. Every B-tree keyed by them (the primary keys, claims and actors
 * by event, revisions by event and version, event_links) then grows at its
 * right edge instead of taking each new key on a random page: far fewer
 * pages to read, split and log over a large file. They are UUIDs like any
 * other (the schemas accept every RFC 9562 version) and as unique: 74
 * random bits follow the time and the counter.
 *
 * Within one millisecond the 12-bit counter (rand_a, RFC 9562 §6.2 method
 * 1) increases from a random start below 2048; when it runs out, the time
 * moves on by a millisecond, so the ids of one generator never decrease.
 */
export function uuidV7Generator(now: () => number = Date.now): () => string {
  let lastMs = -1;
  let counter = 0;
  const pool = Buffer.allocUnsafe(4096);
  let at = pool.length;
  const random = (n: number) => {
    if (at + n > pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    const start = at;
    at += n;
    return start;
  };

  return () => {
    let ms = now();
    if (ms <= lastMs) {
      ms = lastMs;
      counter++;
      if (counter > 0xfff) {
        ms = ++lastMs;
        counter = pool[random(1)]! << 3;
      }
    } else {
      lastMs = ms;
      const r = random(2);
      counter = ((pool[r]! << 8) | pool[r + 1]!) & 0x7ff;
    }
    const r = random(8);
    const high = Math.floor(ms / 0x10000); // the first 32 of the 48 time bits
    const low = ms % 0x10000;
    return (
      hex8(high) +
      '-' +
      hex4(low) +
      '-7' +
      HEX[counter >> 8]![1]! +
      HEX[counter & 0xff]! +
      '-' +
      HEX[0x80 | (pool[r]! & 0x3f)]! +
      HEX[pool[r + 1]!]! +
      '-' +
      HEX[pool[r + 2]!]! +
      HEX[pool[r + 3]!]! +
      HEX[pool[r + 4]!]! +
      HEX[pool[r + 5]!]! +
      HEX[pool[r + 6]!]! +
      HEX[pool[r + 7]!]!
    );
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number) => HEX[n >> 8]! + HEX[n & 0xff]!;
const hex8 = (n: number) => hex4(Math.floor(n / 0x10000)) + hex4(n % 0x10000);
