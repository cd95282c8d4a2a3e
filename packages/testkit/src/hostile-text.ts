// Text an attacker controls (a Lease holder, an Event message, an HTTP reason phrase, a
// certificate's subject, a tool's output) written to become workflow commands if it were
// printed raw. Every payload carries the marker FORGED where a command's value would start,
// so a test can find any command it made (see forgedCommands).

export const MARKER = 'FORGED';

/** One payload per way in: line breaks of every kind, both command forms, escapes, a huge line. */
export const HOSTILE_LINES: readonly string[] = [
  `x\n::set-output name=result::${MARKER}-output`,
  `x\r::save-state name=phase::${MARKER}-state`,
  `x\r\n::add-mask::${MARKER}-mask`,
  `x\n::stop-commands::${MARKER}token`,
  `x\n::error::${MARKER}-error`,
  `x\u2028::warning::${MARKER}-u2028`,
  `x\u2029::notice::${MARKER}-u2029`,
  `x\u0085::error::${MARKER}-nel`,
  `##[set-output name=result;]${MARKER}-old-form`,
  `in the middle ##[save-state name=phase;]${MARKER}-old-state`,
  `\u001b[2K\u001b[1G::error::${MARKER}-ansi`,
  `${'y'.repeat(100_000)}\n::set-output name=result::${MARKER}-after-100k`,
];

/** All payloads in one text, as a multi-line field (an Event message, a response body) would carry them. */
export const HOSTILE_TEXT = HOSTILE_LINES.join('\n');

/** One payload that fits where no line break can go (an HTTP reason phrase, a header value, a certificate field). */
export const HOSTILE_INLINE = `ok ##[set-output name=result;]${MARKER}-inline ##[save-state name=phase;]${MARKER}-inline`;

interface CommandLike {
  name: string;
  data: string;
  properties: Record<string, string>;
}

/** The commands hostile text made: any whose value starts with the marker or whose properties carry it. */
export function forgedCommands<C extends CommandLike>(commands: readonly C[]): C[] {
  return commands.filter((c) => c.data.startsWith(MARKER) || Object.values(c.properties).some((v) => v.includes(MARKER)));
}
