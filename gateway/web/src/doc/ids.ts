// Random ids for objects and ops. crypto.getRandomValues rather than
// randomUUID: the gateway may be reached over plain HTTP on a LAN, where
// browsers only offer randomUUID to secure contexts.
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** 22 characters of base 62: about 131 random bits. */
export function newId(): string {
  const bytes = new Uint8Array(22);
  crypto.getRandomValues(bytes);
  let id = "";
  // 248 is the largest multiple of 62 below 256: rejecting above it keeps every character equally likely.
  for (let i = 0; id.length < 22; i++) {
    if (i === bytes.length) {
      crypto.getRandomValues(bytes);
      i = 0;
    }
    const b = bytes[i]!;
    if (b < 248) id += ALPHABET[b % 62];
  }
  return id;
}
