// How the GitHub runner reads workflow commands from a step's output, written from its
// documented behaviour (docs "Workflow commands for GitHub Actions") and its command parser:
// a line whose first non-blank characters are `::name props::data` (the current form), or
// `##[name props]data` anywhere in a line (the older form, still honoured). Only registered
// names are commands; `stop-commands` turns every command off until a line names its token
// (it is listed among the commands; what it silenced is not).
// The harness honours what the runner honours, so a test sees what a hostile line would do.

export interface WorkflowCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
  form: 'current' | 'old';
  /** The output line, 1-based, the command came from. */
  line: number;
}

const REGISTERED = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'warning',
]);
const STOP = 'stop-commands';

const unescapeData = (s: string): string => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string =>
  unescapeData(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%3B/gi, ';').replace(/%5D/gi, ']');

function properties(text: string, separator: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of text.split(separator)) {
    const at = pair.indexOf('=');
    if (pair.trim() === '' || at < 0) continue;
    result[pair.slice(0, at).trim()] = unescapeProperty(pair.slice(at + 1));
  }
  return result;
}

function parseCurrent(line: string, names: ReadonlySet<string>): Omit<WorkflowCommand, 'line'> | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!names.has(name)) return undefined;
  return {
    name,
    properties: space < 0 ? {} : properties(info.slice(space + 1).trim(), ','),
    data: unescapeData(message.slice(end + 2)),
    form: 'current',
  };
}

function parseOld(line: string, names: ReadonlySet<string>): Omit<WorkflowCommand, 'line'> | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const close = line.indexOf(']', prefix);
  if (close < 0) return undefined;
  const info = line.slice(prefix + 3, close);
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!names.has(name)) return undefined;
  return {
    name,
    properties: space < 0 ? {} : properties(info.slice(space + 1), ';'),
    data: unescapeData(line.slice(close + 1)),
    form: 'old',
  };
}

/** The commands the runner would honour in a step's output, in order. */
export function readCommands(output: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  output.split(/\r?\n/).forEach((text, index) => {
    const line = index + 1;
    if (stopToken !== undefined) {
      // while stopped, only the token itself (as a command name) resumes
      const resume = parseCurrent(text, new Set([stopToken.toLowerCase()])) ?? parseOld(text, new Set([stopToken.toLowerCase()]));
      if (resume) stopToken = undefined;
      return;
    }
    const names = new Set([...REGISTERED, STOP]);
    const command = parseCurrent(text, names) ?? parseOld(text, names);
    if (!command) return;
    if (command.name === STOP) {
      if (command.data === '') return;
      stopToken = command.data;
    }
    commands.push({ ...command, line });
  });
  return commands;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice' | 'debug';
  message: string;
  properties: Record<string, string>;
}

/** The annotations among the commands (::error, ::warning, ::notice, ::debug). */
export function annotationsOf(commands: readonly WorkflowCommand[]): Annotation[] {
  return commands
    .filter((c) => ['error', 'warning', 'notice', 'debug'].includes(c.name))
    .map((c) => ({ level: c.name as Annotation['level'], message: c.data, properties: c.properties }));
}

/** Values registered with add-mask. */
export function masksOf(commands: readonly WorkflowCommand[]): string[] {
  return commands.filter((c) => c.name === 'add-mask').map((c) => c.data);
}

/** name -> value of the set-output or save-state commands (the deprecated stdout forms, still honoured). */
export function valuesOf(commands: readonly WorkflowCommand[], name: 'set-output' | 'save-state'): Record<string, string> {
  const values: Record<string, string> = {};
  for (const c of commands) if (c.name === name && c.properties.name) values[c.properties.name] = c.data;
  return values;
}
