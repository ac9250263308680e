/**
 * GPT-2's reversible byte → printable-character map, used only to DISPLAY byte-level tokens
 * (e.g. " the" shows as "Ġthe"), as Hugging Face and the Llama-3 vocabulary file do.
 */
export const BYTE_TO_UNICODE: string[] = (() => {
  const keep: number[] = [];
  for (let b = 33; b <= 126; b++) keep.push(b);
  for (let b = 161; b <= 172; b++) keep.push(b);
  for (let b = 174; b <= 255; b++) keep.push(b);
  const map: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    map[b] = keep.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  }
  return map;
})();

export const UNICODE_TO_BYTE: Map<string, number> = new Map(BYTE_TO_UNICODE.map((c, b) => [c, b]));

/** Bytes of a GPT-2-style display string, or undefined if it contains a non-byte character. */
export function displayToBytes(display: string): number[] | undefined {
  const out: number[] = [];
  for (const ch of display) {
    const b = UNICODE_TO_BYTE.get(ch);
    if (b === undefined) return undefined;
    out.push(b);
  }
  return out;
}
