/**
 * mulberry32: a tiny, fast 32-bit seeded PRNG. Every random choice in this package goes through it,
 * so a seed fully determines splits and folds on every platform.
 */
export function mulberry32(seed: number): () => number {
  let a = (seed >>> 0) ^ 0x9e3779b9; // mix so that seeds 0, 1, 2 … start far apart
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place with the given generator. */
export function shuffleInPlace<T>(items: T[] | Int32Array, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}
