/**
 * UTF-8 encoding that also carries lone surrogates (WTF-8), so byte-level tokenizers round-trip
 * every JavaScript string, not only well-formed ones (TextEncoder would turn a lone surrogate into
 * U+FFFD and break decode(encode(x)) === x).
 */
export function encodeWtf8(text: string, out: number[] = []): number[] {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Inverse of encodeWtf8; a byte that starts no valid sequence decodes to U+FFFD (never throws). */
export function decodeWtf8(bytes: ArrayLike<number>): string {
  let s = '';
  const n = bytes.length;
  let i = 0;
  const codes: number[] = [];
  const flush = () => {
    s += String.fromCharCode(...codes);
    codes.length = 0;
  };
  while (i < n) {
    const b = bytes[i];
    let cp = -1;
    let len = 1;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b < 0xe0 && i + 1 < n && isCont(bytes[i + 1])) {
      cp = ((b & 31) << 6) | (bytes[i + 1] & 63);
      len = 2;
    } else if (b >= 0xe0 && b < 0xf0 && i + 2 < n && isCont(bytes[i + 1]) && isCont(bytes[i + 2])) {
      cp = ((b & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63);
      len = 3;
      if (cp < 0x800) cp = -1;
    } else if (b >= 0xf0 && b < 0xf5 && i + 3 < n && isCont(bytes[i + 1]) && isCont(bytes[i + 2]) && isCont(bytes[i + 3])) {
      cp = ((b & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63);
      len = 4;
      if (cp < 0x10000 || cp > 0x10ffff) cp = -1;
    }
    if (cp < 0) {
      codes.push(0xfffd);
      i += 1;
    } else {
      if (cp >= 0x10000) {
        const v = cp - 0x10000;
        codes.push(0xd800 + (v >> 10), 0xdc00 + (v & 1023));
      } else codes.push(cp);
      i += len;
    }
    if (codes.length > 4096) flush();
  }
  flush();
  return s;
}

function isCont(b: number): boolean {
  return (b & 0xc0) === 0x80;
}
