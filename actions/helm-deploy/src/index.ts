import * as core from '@actions/core';

// One entry for both steps: the runner gives the post step the state main saved. Each step
// loads only its own code (separate chunks), so the post step starts fast.
if (core.getState('isPost') === 'true') {
  const { post } = await import('./post.js');
  await post();
} else {
  core.saveState('isPost', 'true');
  const { run } = await import('./main.js');
  await run();
}
