import { dispatch } from '@todo-deploy/runtime/dispatch';

await dispatch({
  main: async () => (await import('./main.js')).run(),
  post: async () => (await import('./post.js')).post(),
});
