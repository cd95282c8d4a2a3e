export {
  labEnv,
  kubectl,
  helm,
  buildah,
  buildahGlobalArgs,
  buildahEnv,
  createTestNamespace,
  deleteNamespace,
  namespaceName,
  pushDemoImage,
  pushSbomScanner,
  requireRealNode,
  requireHttps,
  REAL_NODE_SCHEDULING,
  type DemoImage,
  type LabEnv,
  type LabHttps,
} from './api.js';
export { startBuildkit, buildkitdConfig, type LabBuildkit } from './buildkit.js';
export { up, type UpResult } from './up/up.js';
export { down } from './up/down.js';
export { toolPaths as labTools, type ToolPaths } from './tools.js';
export { REAL_NODE_KEY, REAL_NODE_NAME } from './node/config.js';
export { ACME_ISSUER_PREFIX } from './https/config.js';
export { install } from './install/install.js';
export { labPorts, DEFAULT_PORT_BASE, PORT_BASE_ENV, type LabPorts } from './up/ports.js';
export { waitUntil } from './up/probes.js';
export { versions, type Versions } from './versions.js';
export { cacheRoot, stateDir } from './paths.js';

/** Label a pod template with this ("true") to keep its pods Running but never Ready. */
export const NEVER_READY_LABEL = 'lab.todo-deploy.dev/never-ready';
/** Label a pod template with this ("true") to make its containers wait in CrashLoopBackOff. */
export const CRASH_LOOP_LABEL = 'lab.todo-deploy.dev/crash-loop';
/** Images under this prefix fail with ErrImagePull, then ImagePullBackOff. */
export const UNPULLABLE_IMAGE_PREFIX = 'lab.invalid/';
