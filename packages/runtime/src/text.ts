// The guarded path for text from outside (cluster objects, tool output, HTTP, certificate
// fields). The runner reads a workflow command from any line of a step's output that starts
// with `::` after blanks, and the older `##[name]` form anywhere in a line; a line break
// inside outside text would start a line of the attacker's choosing. Everything printed
// passes through safeLine, so no such text can become a command. Pure: no I/O.

/** Longest line printed; the rest is cut and counted. */
export const MAX_LINE_LENGTH = 8192;

// CR, LF, NEL and the Unicode line and paragraph separators, which some readers treat as
// line ends; CRLF counts once.
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
// C0 controls but tab, DEL and C1 controls: ANSI escapes, backspace, form feed, NUL.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

/** Caret notation for a control character (ESC -> ^[, NUL -> ^@), so it stays visible but inert. */
function caret(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Breaks both command forms: `::` at the start of the line and `##[` anywhere. */
function defuse(line: string): string {
  const withoutOld = line.replace(/##\[/g, '# #[');
  return withoutOld.replace(/^(\s*):(?=:)/, '$1: ');
}

/**
 * One printable line that no runner reads as a command: line breaks folded into ' ⏎ ',
 * control characters shown in caret notation, `::` at the start and `##[` defused, and
 * the length capped (what was cut is counted).
 */
export function safeLine(text: string, maxLength: number = MAX_LINE_LENGTH): string {
  const folded = text.replace(LINE_BREAKS, ' ⏎ ').replace(CONTROLS, caret);
  const capped = folded.length > maxLength ? `${folded.slice(0, maxLength)}… (${folded.length - maxLength} more characters)` : folded;
  return defuse(capped);
}

/** Each line of a multi-line text made safe on its own (tool output printed line by line). */
export function safeLines(text: string, maxLength: number = MAX_LINE_LENGTH): string[] {
  return text.split(/\r\n|[\r\n\u0085\u2028\u2029]/).map((line) => safeLine(line, maxLength));
}

/**
 * Turns a stream of chunks into whole safe lines: `push` returns the lines completed so far,
 * `end` the last partial line. A chunk boundary never splits a command apart from its `::`.
 */
export function lineSplitter(maxLength: number = MAX_LINE_LENGTH): { push(chunk: string): string[]; end(): string[] } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      const parts = pending.split(/\r\n|[\n\u0085\u2028\u2029]|\r(?!$)/);
      pending = parts.pop() ?? '';
      if (pending.length > maxLength * 4) {
        parts.push(pending);
        pending = '';
      }
      return parts.map((line) => safeLine(line, maxLength));
    },
    end() {
      const rest = pending;
      pending = '';
      return rest === '' ? [] : [safeLine(rest, maxLength)];
    },
  };
}
