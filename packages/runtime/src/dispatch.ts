// One entry for both steps of an action (runs.main and runs.post name the same bundle): the
// runner gives the post step the state main saved, and main saves isPost first. No
// @actions/core at load: a post step with nothing to do costs only a Node start.
import { stateEnvName } from './state.js';

export const IS_POST = 'isPost';

export interface Steps {
  main: () => Promise<void>;
  post?: () => Promise<void>;
}

/** Whether this process is the post step (main saved isPost=true before anything else). */
export function isPostStep(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[stateEnvName(IS_POST)] === 'true';
}

/** Runs the post step when this is one, else marks the run for its post step and runs main. */
export async function dispatch(steps: Steps): Promise<void> {
  if (isPostStep()) {
    await steps.post?.();
    return;
  }
  if (steps.post) {
    const core = await import('@actions/core');
    core.saveState(IS_POST, 'true');
  }
  await steps.main();
}
