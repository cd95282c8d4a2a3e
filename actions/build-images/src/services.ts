import { InputError, parseKeyValue, parseList } from '@todo-deploy/inputs';

export interface ServiceLine {
  name: string;
  /** The build context, as written (relative to the workspace or absolute). */
  context: string;
  /** The Dockerfile, as written; undefined means <context>/Dockerfile. */
  dockerfile?: string;
}

/** What registries accept as one path component of a repository name. */
const NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const EXAMPLE = 'backend=services/backend';

/** Parses one 'name=context' or 'name=context:dockerfile' per line. Pure. */
export function parseServices(input: string, text: string): ServiceLine[] {
  const services: ServiceLine[] = [];
  for (const line of parseList(text)) {
    const { key: name, value } = parseKeyValue(input, line, EXAMPLE);
    if (!NAME.test(name))
      throw new InputError(input, `'${name}' is not a valid image name (lower-case letters, digits, '.', '_', '-')`, EXAMPLE);
    if (services.some((s) => s.name === name)) throw new InputError(input, `service '${name}' is listed twice`, EXAMPLE);
    const at = value.indexOf(':');
    const context = (at < 0 ? value : value.slice(0, at)).trim();
    const dockerfile = at < 0 ? undefined : value.slice(at + 1).trim();
    if (!context) throw new InputError(input, `service '${name}' has no build context`, EXAMPLE);
    if (dockerfile === '')
      throw new InputError(
        input,
        `service '${name}' has an empty Dockerfile after ':'`,
        'backend=services/backend:docker/backend.Dockerfile',
      );
    services.push({ name, context, ...(dockerfile ? { dockerfile } : {}) });
  }
  if (services.length === 0) throw new InputError(input, 'no service given (only blank or comment lines)', EXAMPLE);
  return services;
}
