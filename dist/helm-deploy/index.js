import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 3724:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ readCheckpoint),
/* harmony export */   M: () => (/* binding */ CheckpointWriter)
/* harmony export */ });
function readCheckpoint(state) {
    const release = state.get('release');
    const namespace = state.get('namespace');
    const context = state.get('context');
    const binary = state.get('helmBinary');
    const major = state.get('helmMajor');
    const holder = state.get('lockHolder');
    const pid = state.get('proxyPid');
    const proxyFolder = state.get('proxyFolder');
    const folder = state.get('folder');
    const previousRevision = state.get('previousRevision');
    return {
        ...(release && namespace ? { target: { release, namespace, ...(context ? { context } : {}) } } : {}),
        ...(state.get('phase') === 'deploying'
            ? {
                deploying: {
                    ...(previousRevision ? { previousRevision } : {}),
                    // a missing value settles the safe way: undo this run's revision
                    atomic: state.get('atomic') !== false,
                    historyMax: state.get('historyMax') ?? 10,
                },
            }
            : {}),
        ...(binary && major ? { helm: { binary, major: major === '4' ? 4 : 3 } } : {}),
        ...(holder ? { lockHolder: holder } : {}),
        ...(pid && proxyFolder ? { proxy: { pid, folder: proxyFolder } } : {}),
        ...(folder ? { folder } : {}),
    };
}
/** Main's side: each step of the run is one named write, so the post step always reads a whole step. */
class CheckpointWriter {
    state;
    constructor(state) {
        this.state = state;
    }
    target(release, namespace, options) {
        this.state.set('release', release);
        this.state.set('namespace', namespace);
        this.state.set('atomic', options.atomic);
        this.state.set('historyMax', options.historyMax);
        if (options.context)
            this.state.set('context', options.context);
    }
    folder(path) {
        this.state.set('folder', path);
    }
    helm(binary, major) {
        this.state.set('helmBinary', binary);
        this.state.set('helmMajor', major === 4 ? '4' : '3');
    }
    proxy(proxy) {
        this.state.set('proxyPid', proxy?.pid);
        this.state.set('proxyFolder', proxy?.folder);
    }
    locked(holder) {
        this.state.set('lockHolder', holder);
    }
    /** From here until `settled`, a killed main leaves the post step a release to settle. */
    deploying(previousRevision) {
        this.state.set('previousRevision', previousRevision);
        this.state.set('phase', 'deploying');
    }
    settled() {
        this.state.set('phase', undefined);
    }
    read() {
        return readCheckpoint(this.state);
    }
}


/***/ }),

/***/ 8484:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _todo_deploy_runtime_dispatch__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6828);
/* harmony import */ var _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7649);
/* harmony import */ var _post_local_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6910);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1129);
// One entry for both steps. The entry loads nothing heavy itself: main loads its own chunk,
// and the post step loads the toolkit, helm and the API client only when main left a release
// to settle or a lock to free.




await (0,_todo_deploy_runtime_dispatch__WEBPACK_IMPORTED_MODULE_0__/* .dispatch */ .JD)({
    main: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(58), __nccwpck_require__.e(258), __nccwpck_require__.e(788), __nccwpck_require__.e(927)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9927))).run(),
    post: async () => {
        const state = new _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_1__/* .ActionState */ .qy(_state_js__WEBPACK_IMPORTED_MODULE_3__/* .stateSchema */ .J);
        if ((0,_post_local_js__WEBPACK_IMPORTED_MODULE_2__/* .postNeedsCluster */ .aD)(state))
            await (await Promise.all(/* import() */[__nccwpck_require__.e(58), __nccwpck_require__.e(788), __nccwpck_require__.e(616)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9616))).post(state);
        else
            (0,_post_local_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanUpLocal */ .U8)(state);
    },
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1046:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ planPost),
/* harmony export */   y: () => (/* binding */ needsCluster)
/* harmony export */ });
function planPost(checkpoint) {
    const steps = [];
    const { target, deploying, proxy, lockHolder, folder } = checkpoint;
    if (proxy)
        steps.push({ kind: 'stop-proxy', ...proxy });
    if (target && deploying)
        steps.push({ kind: 'settle', release: target.release, namespace: target.namespace, ...deploying });
    if (target && lockHolder)
        steps.push({ kind: 'free-lock', release: target.release, namespace: target.namespace, holder: lockHolder });
    if (folder)
        steps.push({ kind: 'remove-folder', folder });
    return steps;
}
/** Whether the post step needs helm or the API (only then does it load them). */
const needsCluster = (steps) => steps.some((s) => s.kind === 'settle' || s.kind === 'free-lock');


/***/ }),

/***/ 6910:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $s: () => (/* binding */ runLocalStep),
/* harmony export */   Tf: () => (/* binding */ kubeconfigIn),
/* harmony export */   U8: () => (/* binding */ cleanUpLocal),
/* harmony export */   XB: () => (/* binding */ reportRefused),
/* harmony export */   aD: () => (/* binding */ postNeedsCluster)
/* harmony export */ });
/* unused harmony exports postSteps, stopLeftProxy, removeFolder */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7431);
/* harmony import */ var _checkpoint_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(3724);
/* harmony import */ var _plan_post_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1046);





// The parts of the post step that need neither the toolkit nor the cluster, so that the
// usual post step (main finished and settled everything) costs only a Node start.
/** The post step's work, planned from main's checkpoint (plan/post.ts). */
const postSteps = (state) => (0,_plan_post_js__WEBPACK_IMPORTED_MODULE_3__/* .planPost */ .i)((0,_checkpoint_js__WEBPACK_IMPORTED_MODULE_4__/* .readCheckpoint */ .H)(state));
/** Whether main left a release to settle or a deploy lock to free (it was killed). */
const postNeedsCluster = (state) => (0,_plan_post_js__WEBPACK_IMPORTED_MODULE_3__/* .needsCluster */ .y)(postSteps(state));
/** The kubeconfig main wrote from the input, if it did (otherwise KUBECONFIG or ~/.kube/config, as for main). */
function kubeconfigIn(folder) {
    const path = folder ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder, 'kubeconfig') : undefined;
    return path && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path) ? path : undefined;
}
/**
 * Stops a kubectl proxy a killed main left running, only if that pid is still that proxy
 * (its command line names the socket folder), and removes the socket folder.
 */
function stopLeftProxy(step) {
    try {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${step.pid}/cmdline`, 'utf8').includes(step.folder))
            process.kill(step.pid, 'SIGTERM');
    }
    catch {
        // gone already, or no /proc (the runner ends leftover processes with the job)
    }
    (0,_todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_2__/* .removePrivateFolder */ .Yv)(step.folder);
}
/** Removes the private folder (the kubeconfig file main wrote from the input). */
function removeFolder(folder) {
    const hadKubeconfig = kubeconfigIn(folder) !== undefined;
    (0,_todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_2__/* .removePrivateFolder */ .Yv)(folder);
    if (hadKubeconfig)
        process.stdout.write('Removed the kubeconfig file\n');
}
/** Says which state values were refused (forged or corrupt): nothing was done with them. */
function reportRefused(state) {
    for (const r of state.refused)
        process.stdout.write(`Ignored the state value ${r.name}: ${r.reason}\n`);
}
/** Runs the steps that touch only this machine (a post step after a main that settled everything). */
function runLocalStep(step) {
    if (step.kind === 'stop-proxy')
        stopLeftProxy(step);
    else if (step.kind === 'remove-folder')
        removeFolder(step.folder);
}
/** The post step after a main that settled everything: only local leftovers. */
function cleanUpLocal(state) {
    for (const step of postSteps(state))
        runLocalStep(step);
    reportRefused(state);
}


/***/ }),

/***/ 1129:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ stateSchema),
/* harmony export */   h: () => (/* binding */ ACTION)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7431);
/* harmony import */ var _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7649);



const ACTION = 'helm-deploy';
// a Kubernetes name (release, namespace): lower-case letters, digits, '-' and '.'
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** The helm the post step runs: 'helm' on PATH, or a binary named helm under the runner's tool cache. */
const helmBinary = _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.custom((raw) => {
    if (raw === 'helm')
        return raw;
    const cache = process.env.RUNNER_TOOL_CACHE;
    return cache && (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(raw) && raw.startsWith(`${cache}/`) && !raw.includes('/../') && (0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(raw) === 'helm' ? raw : undefined;
}, (value) => value);
/**
 * What main leaves for the post step. The post step runs helm, deletes a Lease, stops a
 * process and removes a folder from these values: each is read back only in the shape main
 * writes it (see @todo-deploy/runtime/state).
 */
const stateSchema = {
    /** The private folder: the kubeconfig written from the input, the API proxy's socket. */
    folder: (0,_todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_1__/* .privateFolderField */ .uK)(ACTION),
    /** 'deploying' from just before helm changes the release until it is settled. */
    phase: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.oneOf('deploying'),
    release: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.matching(K8S_NAME),
    namespace: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.matching(K8S_NAME),
    helmBinary,
    helmMajor: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.oneOf('3', '4'),
    /** A kube context name: one line, never an option. */
    context: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.matching(/^[^-\s][^\r\n]*$/),
    previousRevision: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.count(),
    atomic: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.boolean(),
    historyMax: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.count(),
    /** This run's Lease holder identity: the post step frees the Lease only while it still names it. */
    lockHolder: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.matching(/^[^\r\n]+$/),
    /** The kubectl proxy main runs (stopped by the post step when main was killed). */
    proxyPid: _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_2__/* .fields */ .OA.count(),
    proxyFolder: (0,_todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_1__/* .privateFolderField */ .uK)(ACTION),
};


/***/ }),

/***/ 6828:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JD: () => (/* binding */ dispatch)
/* harmony export */ });
/* unused harmony exports IS_POST, isPostStep */
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7649);
// One entry for both steps of an action (runs.main and runs.post name the same bundle): the
// runner gives the post step the state main saved, and main saves isPost first. No
// @actions/core at load: a post step with nothing to do costs only a Node start.

const IS_POST = 'isPost';
/** Whether this process is the post step (main saved isPost=true before anything else). */
function isPostStep(env = process.env) {
    return env[(0,_state_js__WEBPACK_IMPORTED_MODULE_0__/* .stateEnvName */ .cE)(IS_POST)] === 'true';
}
/** Runs the post step when this is one, else marks the run for its post step and runs main. */
async function dispatch(steps) {
    if (isPostStep()) {
        await steps.post?.();
        return;
    }
    if (steps.post) {
        const core = await __nccwpck_require__.e(/* import() */ 58).then(__nccwpck_require__.bind(__nccwpck_require__, 6058));
        core.saveState(IS_POST, 'true');
    }
    await steps.main();
}


/***/ }),

/***/ 7431:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Aj: () => (/* binding */ createPrivateFolder),
  uK: () => (/* binding */ privateFolderField),
  Yv: () => (/* binding */ removePrivateFolder)
});

// UNUSED EXPORTS: isPrivateFolder, privatePathField

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./packages/runtime/src/state.ts
var state = __nccwpck_require__(7649);
;// CONCATENATED MODULE: ./packages/runtime/src/private-folder.ts




function bases(env) {
    return [...new Set([env.RUNNER_TEMP, (0,external_node_os_namespaceObject.tmpdir)()].filter((b) => Boolean(b)).map((b) => (0,external_node_path_.resolve)(b)))];
}
/**
 * Makes the action's private folder. `maxPathLength` keeps room for a unix socket path
 * (under 108 bytes): a deeper RUNNER_TEMP falls back to the system temp folder.
 */
function createPrivateFolder(action, env = process.env, maxPathLength) {
    const runnerTemp = env.RUNNER_TEMP;
    const fits = (base) => maxPathLength === undefined || (0,external_node_path_.join)(base, `${action}-XXXXXX`).length <= maxPathLength;
    const base = runnerTemp && fits(runnerTemp) ? runnerTemp : (0,external_node_os_namespaceObject.tmpdir)();
    (0,external_node_fs_.mkdirSync)(base, { recursive: true });
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(base, `${action}-`));
    (0,external_node_fs_.chmodSync)(dir, 0o700);
    return dir;
}
/** Whether a path has the shape of a private folder of this action: <RUNNER_TEMP or tmp>/<action>-XXXXXX. */
function isPrivateFolder(action, path, env = process.env) {
    const full = (0,external_node_path_.resolve)(path);
    if (full !== path || !bases(env).includes((0,external_node_path_.dirname)(full)))
        return false;
    return new RegExp(`^${action.replace(/[^a-z0-9-]/gi, '')}-[A-Za-z0-9]{6}$`).test((0,external_node_path_.basename)(full));
}
/** A state field that reads back only a private folder of this action. */
function privateFolderField(action, env = process.env) {
    return state/* fields */.OA.custom((raw) => (isPrivateFolder(action, raw, env) ? raw : undefined), (value) => value);
}
/** A state field that reads back only a path inside a private folder of this action. */
function privatePathField(action, env = process.env) {
    return fields.custom((raw) => (resolve(raw) === raw && isPrivateFolder(action, dirname(raw), env) ? raw : undefined), (value) => value);
}
/** Removes a private folder; a symbolic link in its place is removed as a link, never followed. */
function removePrivateFolder(dir) {
    try {
        if ((0,external_node_fs_.lstatSync)(dir).isSymbolicLink()) {
            (0,external_node_fs_.rmSync)(dir, { force: true });
            return;
        }
    }
    catch {
        return; // gone already
    }
    (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
}


/***/ }),

/***/ 7649:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   OA: () => (/* binding */ fields),
/* harmony export */   cE: () => (/* binding */ stateEnvName),
/* harmony export */   qy: () => (/* binding */ ActionState)
/* harmony export */ });
// Typed state between main and post. The post step acts on what it reads (runs helm, stops a
// process, removes a folder), so it trusts only values of the shape main writes: every key is
// declared in a schema with a parser, and a value that does not parse is refused, never
// used. No @actions/core here: the post step reads state without loading the toolkit.
/** Where the runner hands state to the post step: STATE_<name>. */
const stateEnvName = (name) => `STATE_${name}`;
const fields = {
    /** One of a closed set of words. */
    oneOf(...values) {
        return { parse: (raw) => (values.includes(raw) ? raw : undefined), format: (v) => v };
    },
    /** A non-negative integer. */
    count() {
        return { parse: (raw) => (/^\d{1,9}$/.test(raw) ? Number(raw) : undefined), format: String };
    },
    boolean() {
        return { parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined), format: String };
    },
    /** Text that matches a pattern (a Kubernetes name, a holder id): one line, bounded. */
    matching(pattern) {
        return { parse: (raw) => (raw.length <= 1024 && !/[\r\n]/.test(raw) && pattern.test(raw) ? raw : undefined), format: (v) => v };
    },
    /** Any value another field checks before use (for example a path inside the private folder). */
    custom(parse, format) {
        return { parse, format };
    },
};
/**
 * The state of one action, typed by its schema. `get` returns undefined for a missing or
 * refused value (refusals are kept for a warning); `set` saves through the runner.
 */
class ActionState {
    schema;
    env;
    saver;
    refused = [];
    written = new Map();
    constructor(schema, env = process.env, saver) {
        this.schema = schema;
        this.env = env;
        this.saver = saver;
    }
    get(name) {
        const raw = this.written.get(name) ?? this.env[stateEnvName(name)];
        if (raw === undefined || raw === '')
            return undefined;
        const value = this.schema[name].parse(raw);
        if (value === undefined) {
            if (!this.refused.some((r) => r.name === name))
                this.refused.push({ name, reason: 'not a value this action writes' });
            return undefined;
        }
        return value;
    }
    /** Saves a value for the post step; undefined clears it. */
    set(name, value) {
        if (!this.saver)
            throw new Error(`state ${name}: this step only reads state`);
        const text = value === undefined ? '' : this.schema[name].format(value);
        if (this.schema[name].parse(text) === undefined && text !== '')
            throw new Error(`state ${name}: refusing to save a value the post step would refuse`);
        this.saver(name, text);
        this.written.set(name, text);
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(8484);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
