import { markdownTable } from './table.js';

/** '1 URL', '3 URLs'. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export interface ResultSection {
  /** 'Smoke test' */
  title: string;
  /** One verdict per row; the heading counts those that passed. */
  verdicts: readonly boolean[];
  /** 'URL' */
  noun: string;
  /** 'healthy' */
  passedWord: string;
  /** Text after the count, such as 'in 4.2s'. */
  detail: string;
  header: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
}

/** A heading with a verdict icon and a count, then one table row per item. */
export function resultSection(section: ResultSection): string {
  const passed = section.verdicts.filter(Boolean).length;
  const icon = passed === section.verdicts.length ? '✅' : '❌';
  const count = `${passed} of ${counted(section.verdicts.length, section.noun)}`;
  return [
    `### ${icon} ${section.title}: ${count} ${section.passedWord} ${section.detail}`.trimEnd(),
    '',
    markdownTable(section.header, section.rows),
    '',
  ].join('\n');
}
