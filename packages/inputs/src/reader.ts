import { InputError } from './input-error.js';

/**
 * How an action reads its raw inputs. inputs.ts modules take a reader instead of calling
 * @actions/core directly, so that tests can record exactly which inputs an action reads.
 */
export type InputReader = (name: string) => string;

/** The runner's convention: INPUT_<NAME> with spaces as underscores, upper case, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function envReader(env: NodeJS.ProcessEnv = process.env): InputReader {
  return (name) => env[inputEnvName(name)] ?? '';
}

/** A reader that remembers every name asked for (used by the contract tests). */
export function recordingReader(values: Record<string, string>): { read: InputReader; names: Set<string> } {
  const names = new Set<string>();
  return {
    names,
    read: (name) => {
      names.add(name);
      return values[name] ?? '';
    },
  };
}

export function requireInput(read: InputReader, name: string, example: string): string {
  const value = read(name);
  if (value.trim() === '') {
    throw new InputError(name, 'a value is required', example);
  }
  return value;
}
