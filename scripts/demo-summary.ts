/**
 * Renders a job summary (GitHub markdown) as plain text for a terminal: headings underlined,
 * tables as aligned columns, bold and HTML escapes removed. Pure.
 */
export function summaryText(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line.startsWith('|')) {
      const table: string[][] = [];
      for (; i < lines.length && (lines[i] as string).startsWith('|'); i += 1) {
        const cells = splitRow(lines[i] as string);
        if (!cells.every((c) => /^-+$/.test(c))) table.push(cells);
      }
      i -= 1;
      const rows = table.filter((row) => row.some((c) => c !== ''));
      const widths = (rows[0] ?? []).map((_, col) => Math.max(...rows.map((row) => [...(row[col] ?? '')].length)));
      for (const row of rows)
        out.push(
          `  ${row
            .map((c, col) => c.padEnd(widths[col] ?? 0))
            .join('  ')
            .trimEnd()}`,
        );
      continue;
    }
    const heading = /^(#+)\s+(.*)$/.exec(line);
    if (heading) {
      const text = plain(heading[2] as string);
      out.push(text, (heading[1] as string).length <= 3 ? '='.repeat([...text].length) : '-'.repeat([...text].length));
      continue;
    }
    out.push(plain(line));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < line.length; i += 1) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length) {
      cell += line[(i += 1)];
    } else if (ch === '|') {
      cells.push(plain(cell.trim()));
      cell = '';
    } else cell += ch;
  }
  return cells;
}

function plain(text: string): string {
  return text
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/<br>/g, ' / ');
}
