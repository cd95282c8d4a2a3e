import { diffArrays } from 'diff';

/**
 * Past this many changed lines, or this much time, the diff is not computed (the cost of
 * Myers' algorithm grows with both the size and the changes): the caller says so.
 */
export const MAX_EDIT_LENGTH = 4000;
export const MAX_DIFF_MS = 1500;

/**
 * A unified-style line diff (jsdiff's Myers diff), with `context` unchanged lines around each
 * change and `@@` where unchanged lines were left out; undefined when the two differ in more
 * than MAX_EDIT_LENGTH lines. Pure.
 */
export function lineDiff(before: readonly string[], after: readonly string[], context = 3): string[] | undefined {
  const changes = diffArrays([...before], [...after], { maxEditLength: MAX_EDIT_LENGTH, timeout: MAX_DIFF_MS });
  if (changes === undefined) return undefined;
  const ops: Array<{ op: ' ' | '-' | '+'; line: string }> = [];
  for (const change of changes) {
    const op = change.added ? '+' : change.removed ? '-' : ' ';
    for (const line of change.value) ops.push({ op, line });
  }
  // keep a line when a change is within `context` lines of it
  const near = new Array<boolean>(ops.length).fill(false);
  ops.forEach((o, index) => {
    if (o.op === ' ') return;
    for (let k = Math.max(0, index - context); k <= Math.min(ops.length - 1, index + context); k += 1) near[k] = true;
  });
  const out: string[] = [];
  let skipped = false;
  ops.forEach((o, index) => {
    if (!near[index]) {
      if (!skipped) out.push('@@');
      skipped = true;
      return;
    }
    skipped = false;
    out.push(`${o.op} ${o.line}`);
  });
  return out;
}
