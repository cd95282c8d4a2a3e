import { ActionState } from '@todo-deploy/runtime/state';
import { removePrivateFolder } from '@todo-deploy/runtime/private-folder';
import { stateSchema } from './state.js';

/** The post step: removes the registry credentials a killed main left behind. Loads no toolkit. */
export async function post(): Promise<void> {
  const state = new ActionState(stateSchema);
  const folder = state.get('folder');
  if (folder) {
    removePrivateFolder(folder);
    process.stdout.write('Removed the registry credentials file\n');
  }
  for (const r of state.refused) process.stdout.write(`Ignored state ${r.name}: ${r.reason}\n`);
}
