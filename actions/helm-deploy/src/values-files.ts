import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { InputError } from '@todo-deploy/inputs';

/**
 * Checks each values file exists and is YAML, and returns absolute paths in order. Error
 * messages give the line and column only: values files hold secrets, so no text is quoted.
 */
export function checkValuesFiles(input: string, paths: readonly string[], cwd: string): string[] {
  return paths.map((path) => {
    const full = resolve(cwd, path);
    if (!existsSync(full) || !statSync(full).isFile())
      throw new InputError(input, `values file '${path}' does not exist`, 'chart/values-staging.yaml');
    const docs = parseAllDocuments(readFileSync(full, 'utf8'));
    const docList = Array.isArray(docs) ? docs : [docs];
    for (const doc of docList) {
      const error = doc.errors[0];
      if (error) {
        const at = error.linePos?.[0];
        throw new InputError(
          input,
          `values file '${path}' is not valid YAML (${error.code}${at ? ` at line ${at.line}, column ${at.col}` : ''})`,
          'chart/values-staging.yaml',
        );
      }
      const value: unknown = doc.toJS();
      if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
        throw new InputError(input, `values file '${path}' is YAML but not a mapping of values`, 'chart/values-staging.yaml');
      }
    }
    return full;
  });
}
