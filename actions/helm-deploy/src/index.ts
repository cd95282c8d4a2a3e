// One entry for both steps. The entry loads nothing heavy itself: main loads its own chunk,
// and the post step loads the toolkit, helm and the API client only when main left a release
// to settle or a lock to free.
import { dispatch } from '@todo-deploy/runtime/dispatch';
import { ActionState } from '@todo-deploy/runtime/state';
import { cleanUpLocal, postNeedsCluster } from './post-local.js';
import { stateSchema } from './state.js';

await dispatch({
  main: async () => (await import('./main.js')).run(),
  post: async () => {
    const state = new ActionState(stateSchema);
    if (postNeedsCluster(state)) await (await import('./post.js')).post(state);
    else cleanUpLocal(state);
  },
});
