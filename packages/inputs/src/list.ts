/**
 * One item per line. Blank lines and lines whose first non-blank character is '#' are
 * ignored; surrounding whitespace is trimmed. Pure: text in, list out.
 */
export function parseList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
