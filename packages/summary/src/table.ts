/** Escapes a cell so that it stays in its column: pipes, newlines and HTML-looking text. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');
}

/** A GitHub-flavoured markdown table. Every row must have as many cells as the header. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new Error(`markdownTable: a row has ${row.length} cells, the header ${header.length}`);
    }
  }
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** A two-column table of facts (name, value). */
export function factsTable(facts: ReadonlyArray<readonly [string, string]>): string {
  return markdownTable(
    ['', ''],
    facts.map(([name, value]) => [`**${name}**`, value]),
  );
}
