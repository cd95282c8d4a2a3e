// One entry for both steps: the runner gives the post step the state main saved. The entry
// loads nothing heavy itself: main loads its own chunk, and the post step loads the toolkit,
// helm and the API client only when main left a release to settle or a lock to free.
import { postNeedsCluster, removeKubeconfig, stopLeftProxy } from './post-local.js';
import { State, stateFromEnv } from './state-names.js';

if (stateFromEnv(State.IsPost) === 'true') {
  if (postNeedsCluster(stateFromEnv)) {
    const { post } = await import('./post.js');
    await post(stateFromEnv);
  } else {
    stopLeftProxy(stateFromEnv);
    removeKubeconfig(stateFromEnv);
  }
} else {
  const { run } = await import('./main.js');
  await run();
}
