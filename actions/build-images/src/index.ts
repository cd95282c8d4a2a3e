import { rmSync } from 'node:fs';
import { AUTH_DIR_STATE } from './state.js';

// One entry for both steps. The post step only removes the registry credentials file a killed
// main left behind, so it loads nothing else.
if (process.env.STATE_isPost === 'true') {
  const dir = process.env[`STATE_${AUTH_DIR_STATE}`];
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write('Removed the registry credentials file\n');
  }
} else {
  const { run } = await import('./main.js');
  await run();
}
