/** A bad input: names the input, says what was wrong and shows an accepted example. */
export class InputError extends Error {
  readonly input: string;

  constructor(input: string, problem: string, example: string) {
    super(`Input '${input}': ${problem}. Example of an accepted value: ${example}`);
    this.name = 'InputError';
    this.input = input;
  }
}
