/** A unified-style line diff (LCS), with `context` unchanged lines around each change. Pure. */
export function lineDiff(before: readonly string[], after: readonly string[], context = 3): string[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      const row = lcs[i] as number[];
      row[j] = before[i] === after[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const ops: Array<{ op: ' ' | '-' | '+'; line: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      ops.push({ op: ' ', line: before[i] as string });
      i += 1;
      j += 1;
    } else if (j < m && (i >= n || (lcs[i]?.[j + 1] ?? 0) > (lcs[i + 1]?.[j] ?? 0))) {
      ops.push({ op: '+', line: after[j] as string });
      j += 1;
    } else {
      ops.push({ op: '-', line: before[i] as string });
      i += 1;
    }
  }
  const keep = ops.map(
    (o, index) => o.op !== ' ' || ops.slice(Math.max(0, index - context), index + context + 1).some((near) => near.op !== ' '),
  );
  const out: string[] = [];
  let skipped = false;
  ops.forEach((o, index) => {
    if (!keep[index]) {
      if (!skipped) out.push('@@');
      skipped = true;
      return;
    }
    skipped = false;
    out.push(`${o.op} ${o.line}`);
  });
  return out;
}
