/**
 * The loss of the last step recorded in DIR/dynamics.jsonl. A resumed run that was already
 * finished trains no step in this session, so its final loss comes from the record, not from
 * this session's (empty) list of losses.
 */
export async function finalLossOf(dir: string): Promise<number | undefined> {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const text = await readFile(join(dir, 'dynamics.jsonl'), 'utf8').catch(() => '');
  let loss: number | undefined;
  for (const line of text.split('\n')) {
    try {
      const r = JSON.parse(line) as { type?: string; loss?: unknown };
      if (r.type === 'train' && typeof r.loss === 'number') loss = r.loss;
    } catch {
      /* blank or torn line */
    }
  }
  return loss;
}
