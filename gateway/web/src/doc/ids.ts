// Random ids for objects and ops. crypto.getRandomValues rather than
// randomUUID: the gateway may be reached over plain HTTP on a LAN, where
// browsers only offer randomUUID to secure contexts. Bytes are drawn 4 KiB
// at a time: a 100,000-object paste needs 200,000 ids.
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const pool = new Uint8Array(4096);
let next = pool.length;

function randomByte(): number {
  if (next === pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  return pool[next++]!;
}

/** 22 characters of base 62: about 131 random bits. */
export function newId(): string {
  let id = "";
  while (id.length < 22) {
    const b = randomByte();
    // 248 is the largest multiple of 62 below 256: rejecting above it keeps every character equally likely.
    if (b < 248) id += ALPHABET[b % 62];
  }
  return id;
}
