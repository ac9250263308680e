// Whether a checkpoint belongs to this run: the first field where two plain-data run identities differ.
/** The first field (dotted path) where two JSON values differ, with both values; null when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): { field: string; saved: unknown; current: unknown } | null {
  if (a === b) return null;
  const isObj = (x: unknown) => x !== null && typeof x === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return { field: path || '(root)', saved: a, current: b };
}
