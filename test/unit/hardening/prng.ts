/** A small seeded PRNG (mulberry32) and helpers, so every fuzz run is reproducible from its seed. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  bool(probability?: number): boolean;
  bytes(length: number): Buffer;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!,
    bool: (probability = 0.5) => next() < probability,
    bytes(length) {
      const out = Buffer.allocUnsafe(length);
      for (let i = 0; i < length; i++) out[i] = int(0, 255);
      return out;
    },
  };
}

/** Text with ASCII, 2-, 3- and 4-byte UTF-8 characters, JSON-significant characters and escapes. */
export function randomText(r: Rng, maxChars: number): string {
  const alphabet = [
    "a",
    "Z",
    "0",
    " ",
    '"',
    "\\",
    "{",
    "}",
    "\n",
    "\r",
    "\t",
    "\u0000",
    "é",
    "ß",
    "Ж",
    "€",
    "日本",
    "\u202e",
    "😀",
    "👩‍💻",
    "𝄞",
  ];
  let text = "";
  const length = r.int(0, maxChars);
  for (let i = 0; i < length; i++) text += r.pick(alphabet);
  return text;
}
