import * as core from '@actions/core';
import { run } from './main.js';
import { post } from './post.js';

// One bundle for both steps: the runner gives the post step the state main saved.
if (core.getState('isPost') === 'true') {
  await post();
} else {
  core.saveState('isPost', 'true');
  await run();
}
