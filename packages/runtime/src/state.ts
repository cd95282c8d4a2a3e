// Typed state between main and post. The post step acts on what it reads (runs helm, stops a
// process, removes a folder), so it trusts only values of the shape main writes: every key is
// declared in a schema with a parser, and a value that does not parse is refused, never
// used. No @actions/core here: the post step reads state without loading the toolkit.

/** How one state value is written and read back; `parse` returns undefined for a value main never writes. */
export interface Field<T> {
  parse(raw: string): T | undefined;
  // method syntax on purpose: a Field<string> is a Field<unknown> for the Schema constraint
  format(value: T): string;
}

export type Schema = Record<string, Field<unknown>>;
export type ValueOf<F> = F extends Field<infer T> ? T : never;
export type Saver = (name: string, value: string) => void;

/** Where the runner hands state to the post step: STATE_<name>. */
export const stateEnvName = (name: string): string => `STATE_${name}`;

export const fields = {
  /** One of a closed set of words. */
  oneOf<const T extends string>(...values: readonly T[]): Field<T> {
    return { parse: (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : undefined), format: (v) => v };
  },
  /** A non-negative integer. */
  count(): Field<number> {
    return { parse: (raw) => (/^\d{1,9}$/.test(raw) ? Number(raw) : undefined), format: String };
  },
  boolean(): Field<boolean> {
    return { parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined), format: String };
  },
  /** Text that matches a pattern (a Kubernetes name, a holder id): one line, bounded. */
  matching(pattern: RegExp): Field<string> {
    return { parse: (raw) => (raw.length <= 1024 && !/[\r\n]/.test(raw) && pattern.test(raw) ? raw : undefined), format: (v) => v };
  },
  /** Any value another field checks before use (for example a path inside the private folder). */
  custom<T>(parse: (raw: string) => T | undefined, format: (value: T) => string): Field<T> {
    return { parse, format };
  },
};

/** A value that was present but refused: the post step says so instead of acting on it. */
export interface Refusal {
  name: string;
  reason: string;
}

/**
 * The state of one action, typed by its schema. `get` returns undefined for a missing or
 * refused value (refusals are kept for a warning); `set` saves through the runner.
 */
export class ActionState<S extends Schema> {
  readonly refused: Refusal[] = [];
  private readonly written = new Map<string, string>();

  constructor(
    private readonly schema: S,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly saver?: Saver,
  ) {}

  get<K extends keyof S & string>(name: K): ValueOf<S[K]> | undefined {
    const raw = this.written.get(name) ?? this.env[stateEnvName(name)];
    if (raw === undefined || raw === '') return undefined;
    const value = (this.schema[name] as S[K]).parse(raw);
    if (value === undefined) {
      if (!this.refused.some((r) => r.name === name)) this.refused.push({ name, reason: 'not a value this action writes' });
      return undefined;
    }
    return value as ValueOf<S[K]>;
  }

  /** Saves a value for the post step; undefined clears it. */
  set<K extends keyof S & string>(name: K, value: ValueOf<S[K]> | undefined): void {
    if (!this.saver) throw new Error(`state ${name}: this step only reads state`);
    const text = value === undefined ? '' : (this.schema[name] as S[K]).format(value);
    if ((this.schema[name] as S[K]).parse(text) === undefined && text !== '')
      throw new Error(`state ${name}: refusing to save a value the post step would refuse`);
    this.saver(name, text);
    this.written.set(name, text);
  }
}
