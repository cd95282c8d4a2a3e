/** A program that is not installed (spawn gave ENOENT), named, with how to get it. */
export class ToolMissingError extends Error {
  constructor(
    readonly tool: string,
    hint?: string,
    cause?: unknown,
  ) {
    super(`${tool} is not on PATH: ${hint ?? 'install it in an earlier step'}`, cause === undefined ? undefined : { cause });
    this.name = 'ToolMissingError';
  }
}
