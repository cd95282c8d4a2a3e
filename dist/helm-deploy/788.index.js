export const id = 788;
export const ids = [788];
export const modules = {

/***/ 9165:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a6: () => (/* binding */ helmVersionText),
/* harmony export */   f5: () => (/* binding */ Helm),
/* harmony export */   lY: () => (/* binding */ helmError)
/* harmony export */ });
/* harmony import */ var _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5062);
/* harmony import */ var _todo_deploy_process__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4999);
/* harmony import */ var _todo_deploy_secrets__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(347);
/* harmony import */ var _helm_argv_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3515);




/** Runs helm with argv arrays. Output is captured, never streamed: it can hold values. */
class Helm {
    binary;
    flavor;
    access;
    constructor(binary, flavor, access) {
        this.binary = binary;
        this.flavor = flavor;
        this.access = access;
    }
    async run(args, options = {}) {
        const argv = [this.binary, ...args, ...(this.access.context ? ['--kube-context', this.access.context] : [])];
        if (options.announce)
            _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.info(`$ helm ${(0,_helm_argv_js__WEBPACK_IMPORTED_MODULE_3__/* .displayArgv */ .zq)(argv.slice(1), options.secretKeys)}`);
        return (0,_todo_deploy_process__WEBPACK_IMPORTED_MODULE_1__/* .runProcess */ .R3)(argv, {
            env: this.access.env,
            ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
        });
    }
}
/** Asks a helm binary its version (before any cluster access). */
async function helmVersionText(binary, env) {
    const result = await (0,_todo_deploy_process__WEBPACK_IMPORTED_MODULE_1__/* .runProcess */ .R3)([binary, 'version', '--template', '{{.Version}}'], {
        env,
        timeoutMs: 30_000,
        installHint: 'install it in an earlier step or set the helm-version input',
    });
    if (result.exitCode !== 0)
        throw new Error(`'${binary} version' failed: ${(0,_todo_deploy_secrets__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(result.stderr.trim() || `exit ${result.exitCode}`)}`);
    return result.stdout;
}
/** stderr of a helm run without the noise, redacted, for messages. */
function helmError(result) {
    const lines = result.stderr
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/^(WARNING|level=WARN|walk\.go)/.test(l));
    const text = lines.find((l) => /^Error:/i.test(l)) ?? lines.at(-1) ?? (result.timedOut ? 'timed out' : `exit ${result.exitCode}`);
    return (0,_todo_deploy_secrets__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(text.replace(/^Error:\s*/i, ''));
}


/***/ }),

/***/ 137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y5: () => (/* binding */ KubeApi),
/* harmony export */   uP: () => (/* binding */ statusMessage)
/* harmony export */ });
/* unused harmony export ApiError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _todo_deploy_process__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4999);
/* harmony import */ var _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5062);
/* harmony import */ var _todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7431);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1129);







/** A non-2xx answer, with the reason of the Kubernetes Status object (NotFound, AlreadyExists, Conflict, ...). */
class ApiError extends Error {
    status;
    reason;
    constructor(status, reason, message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }
}
/** The message of a Kubernetes Status body, or its first line when the body is not one. */
function statusMessage(response) {
    try {
        const status = JSON.parse(response.text);
        if (status.kind === 'Status')
            return { reason: status.reason ?? '', message: status.message ?? `HTTP ${response.status}` };
    }
    catch {
        // not JSON: the proxy's own error line (for example 'dial tcp ...: connection refused')
    }
    return { reason: '', message: response.text.trim().split('\n')[0] || `HTTP ${response.status}` };
}
const START_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * The Kubernetes API through `kubectl proxy` on a unix socket in a private (0700) folder.
 * kubectl keeps doing the authentication (client certificates, tokens, exec plugins,
 * in-cluster accounts) exactly as for kubectl commands, and each API call is one HTTP
 * request on a kept-alive connection: a few milliseconds instead of the 100-500 ms of a
 * kubectl process (a Go binary start, the kubeconfig, discovery).
 */
class KubeApi {
    child;
    socketDir;
    socketPath;
    agent = new node_http__WEBPACK_IMPORTED_MODULE_1__.Agent({ keepAlive: true, maxSockets: 8 });
    exited;
    constructor(child, socketDir, socketPath) {
        this.child = child;
        this.socketDir = socketDir;
        this.socketPath = socketPath;
        // a process that could not be started emits 'error' and never 'exit'
        this.exited = new Promise((resolve) => {
            child.once('exit', () => resolve());
            child.once('error', () => resolve());
        });
    }
    get pid() {
        return this.child.pid ?? 0;
    }
    /**
     * Starts the proxy; rejects with kubectl's own error line (unknown context, unusable
     * kubeconfig, kubectl missing) when it does not start.
     */
    static async start(access, binary = 'kubectl', onSpawn) {
        // a unix socket path must stay under 108 bytes: a deep RUNNER_TEMP falls back to /tmp
        const dir = (0,_todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_5__/* .createPrivateFolder */ .Aj)(_state_js__WEBPACK_IMPORTED_MODULE_6__/* .ACTION */ .h, access.env, 100 - '/api.sock'.length);
        const socketPath = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'api.sock');
        const args = ['proxy', `--unix-socket=${socketPath}`, ...(access.context ? ['--context', access.context] : [])];
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(binary, args, { env: access.env, stdio: ['ignore', 'pipe', 'pipe'] });
        const api = new KubeApi(child, dir, socketPath);
        // saved at once: a main killed before the proxy answers still leaves its pid to the post step
        if (child.pid !== undefined)
            onSpawn?.(child.pid, dir);
        try {
            await new Promise((resolve, reject) => {
                let stdout = '';
                let stderr = '';
                const timer = setTimeout(() => reject(new Error(`kubectl proxy did not start within ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
                const done = (error) => {
                    clearTimeout(timer);
                    if (error)
                        reject(error);
                    else
                        resolve();
                };
                child.stdout?.setEncoding('utf8').on('data', (chunk) => {
                    stdout += chunk;
                    if (stdout.includes('Starting to serve on'))
                        done();
                });
                // kept short: only the last lines matter, and the pipe must keep draining
                child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
                child.once('error', (error) => done(error.code === 'ENOENT' ? new _todo_deploy_process__WEBPACK_IMPORTED_MODULE_3__/* .ToolMissingError */ .hc(binary, undefined, error) : error));
                child.once('exit', (code) => done(new Error((0,_todo_deploy_process__WEBPACK_IMPORTED_MODULE_3__/* .lastErrorLine */ .HY)({ stderr, stdout: '' }).replace(/^error:\s*/i, '') || `kubectl proxy exited with ${code}`)));
            });
        }
        catch (error) {
            await api.close();
            throw error;
        }
        return api;
    }
    /** One API call; resolves with any HTTP status, rejects only when no answer came. */
    request(method, path, body, options = {}) {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
        const timeout = AbortSignal.timeout(timeoutMs);
        const signals = [timeout, ...(options.signal ? [options.signal] : [])];
        return new Promise((resolve, reject) => {
            const req = (0,node_http__WEBPACK_IMPORTED_MODULE_1__.request)({
                socketPath: this.socketPath,
                path,
                method,
                agent: this.agent,
                signal: AbortSignal.any(signals),
                // the proxy accepts only local Host headers
                headers: {
                    host: 'localhost',
                    accept: options.accept ?? 'application/json',
                    ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
                },
            }, (res) => {
                const chunks = [];
                res.on('data', (chunk) => chunks.push(chunk));
                res.on('end', () => {
                    _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_4__/* .log */ .Rm.debug(`api: ${method} ${path} -> ${res.statusCode ?? 0}`);
                    resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
                });
                res.on('error', reject);
            });
            req.on('error', (error) => reject(new Error(`${method} ${path}: ${timeout.aborted ? `no answer within ${timeoutMs / 1000}s (timeout)` : error.message}`)));
            req.end(payload);
        });
    }
    /** A call that must succeed: the parsed JSON body, or an ApiError naming the status and the reason. */
    async json(method, path, body, options = {}) {
        const response = await this.request(method, path, body, options);
        if (response.status < 200 || response.status > 299) {
            const { reason, message } = statusMessage(response);
            throw new ApiError(response.status, reason, message);
        }
        return JSON.parse(response.text);
    }
    /** Stops the proxy and removes its socket folder. */
    async close() {
        this.agent.destroy();
        if (this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
            this.child.kill('SIGTERM');
            const killer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
            await this.exited;
            clearTimeout(killer);
        }
        (0,_todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_5__/* .removePrivateFolder */ .Yv)(this.socketDir);
    }
}


/***/ }),

/***/ 3515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mf: () => (/* binding */ getManifestArgv),
/* harmony export */   PC: () => (/* binding */ rollbackArgv),
/* harmony export */   rN: () => (/* binding */ upgradeArgv),
/* harmony export */   vL: () => (/* binding */ historyArgv),
/* harmony export */   xT: () => (/* binding */ uninstallArgv),
/* harmony export */   zq: () => (/* binding */ displayArgv)
/* harmony export */ });
/* unused harmony exports seconds, valueArgs, statusArgv */
const seconds = (ms) => `${Math.max(1, Math.ceil(ms / 1000))}s`;
// helm parses a --set or --set-string value: a comma starts another key, `{` a list, and a
// list's end lets the rest set other keys ({}image=evil sets image). So no value goes through
// --set: a string goes through --set-literal (helm 3.12+ and 4), which takes the value as it
// is, and a number, boolean or null through --set-json, whose JSON cannot name another key.
const JSON_SCALAR = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/;
/** The helm flag and argument that give `key` exactly `value`, never a second key. Pure. */
function valueArgs(key, value, typed) {
    return typed && JSON_SCALAR.test(value) ? ['--set-json', `${key}=${value}`] : ['--set-literal', `${key}=${value}`];
}
/** `helm upgrade --install` for helm 3 or 4. Never --wait unless waitMode is 'helm'. */
function upgradeArgv(plan, flavor) {
    const argv = ['upgrade', plan.release, plan.chart, '--install', '--namespace', plan.namespace, '--history-max', String(plan.historyMax)];
    argv.push('--timeout', seconds(plan.timeoutMs), '--output', 'json');
    if (plan.chartVersion !== undefined)
        argv.push('--version', plan.chartVersion);
    if (plan.createNamespace)
        argv.push('--create-namespace');
    for (const file of plan.valuesFiles)
        argv.push('--values', file);
    for (const { key, value } of plan.set)
        argv.push(...valueArgs(key, value, true));
    for (const { key, value } of [...plan.setString, ...plan.setSecret])
        argv.push(...valueArgs(key, value, false));
    if (plan.imageTag)
        argv.push(...valueArgs(plan.imageTag.key, plan.imageTag.value, false));
    if (plan.forceConflicts && flavor.major === 4)
        argv.push('--force-conflicts');
    if (plan.dryRun) {
        argv.push('--dry-run=server');
    }
    else if (plan.waitMode === 'helm') {
        argv.push(flavor.major === 4 ? '--wait=watcher' : '--wait');
        if (plan.helmAtomic)
            argv.push(flavor.major === 4 ? '--rollback-on-failure' : '--atomic');
    }
    return argv;
}
/** Rolls back without waiting: the action watches the result itself. */
function rollbackArgv(release, namespace, revision, historyMax, timeoutMs) {
    return [
        'rollback',
        release,
        String(revision),
        '--namespace',
        namespace,
        '--history-max',
        String(historyMax),
        '--timeout',
        seconds(timeoutMs),
    ];
}
function uninstallArgv(release, namespace, timeoutMs) {
    return ['uninstall', release, '--namespace', namespace, '--timeout', seconds(timeoutMs)];
}
function historyArgv(release, namespace) {
    return ['history', release, '--namespace', namespace, '--max', '256', '--output', 'json'];
}
function statusArgv(release, namespace) {
    return ['status', release, '--namespace', namespace, '--output', 'json'];
}
function getManifestArgv(release, namespace, revision) {
    return ['get', 'manifest', release, '--namespace', namespace, ...(revision === undefined ? [] : ['--revision', String(revision)])];
}
/** The argv as it may be printed: values shown, but those of `secretKeys` (set-secret) hidden. */
function displayArgv(argv, secretKeys = new Set()) {
    return argv
        .map((arg, index) => {
        const flag = argv[index - 1];
        const key = arg.slice(0, arg.indexOf('='));
        if ((flag === '--set-literal' || flag === '--set-json') && secretKeys.has(key))
            return `${key}=***`;
        return /^[\w./:=@,+-]+$/.test(arg) ? arg : JSON.stringify(arg);
    })
        .join(' ');
}


/***/ }),

/***/ 7613:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dh: () => (/* binding */ isReleaseNotFound),
/* harmony export */   Jx: () => (/* binding */ parseReleaseJson),
/* harmony export */   i6: () => (/* binding */ parseHistory)
/* harmony export */ });
function parseHistory(stdout) {
    const parsed = JSON.parse(stdout.trim() === '' ? '[]' : stdout);
    if (!Array.isArray(parsed))
        throw new Error('helm history did not print a JSON list');
    return parsed.map((e) => ({
        revision: Number(e.revision),
        status: String(e.status),
        chart: String(e.chart ?? ''),
        app_version: String(e.app_version ?? ''),
        description: String(e.description ?? ''),
    }));
}
/** helm prints the JSON after any warnings; take the first line that opens an object. */
function parseReleaseJson(stdout) {
    const start = stdout.search(/^\{/m);
    if (start < 0)
        throw new Error('helm printed no release JSON');
    const raw = JSON.parse(stdout.slice(start));
    return {
        name: raw.name ?? '',
        namespace: raw.namespace ?? '',
        revision: raw.version ?? 0,
        status: raw.info?.status ?? '',
        chartName: raw.chart?.metadata?.name ?? '',
        chartVersion: raw.chart?.metadata?.version ?? '',
        appVersion: raw.chart?.metadata?.appVersion ?? '',
        manifest: raw.manifest ?? '',
        description: raw.info?.description ?? '',
    };
}
/** `helm history` of a release that does not exist fails with this text (helm 3 and 4). */
function isReleaseNotFound(stderr) {
    // helm 3 and 4: 'Error: release: not found' (history, status) and
    // 'Error: uninstall: Release not loaded: <name>: release: not found'; any other "not found"
    // (a ConfigMap, a CRD, a context) is a real failure
    return /(^|\s|:)release: not found\s*$/im.test(stderr);
}


/***/ }),

/***/ 9777:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ leaseName),
/* harmony export */   V3: () => (/* binding */ RENEW_EVERY_MS),
/* harmony export */   Vb: () => (/* binding */ LEASE_SECONDS),
/* harmony export */   Xl: () => (/* binding */ holderIdentity),
/* harmony export */   _s: () => (/* binding */ leaseManifest),
/* harmony export */   oi: () => (/* binding */ leaseState)
/* harmony export */ });
/* unused harmony export microTime */
/** A killed run stops renewing; another run may take the lock this long after the last renewal. */
const LEASE_SECONDS = 30;
const RENEW_EVERY_MS = 10_000;
const leaseName = (release) => `helm-deploy.${release}`;
/** Kubernetes MicroTime: RFC 3339 with microseconds. */
const microTime = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
function leaseManifest(release, namespace, holder, nowMs, resourceVersion) {
    return {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
            name: leaseName(release),
            namespace,
            ...(resourceVersion ? { resourceVersion } : {}),
            labels: { 'app.kubernetes.io/managed-by': 'todo-deploy-helm-deploy', 'app.kubernetes.io/instance': release },
        },
        spec: { holderIdentity: holder, leaseDurationSeconds: LEASE_SECONDS, acquireTime: microTime(nowMs), renewTime: microTime(nowMs) },
    };
}
function leaseState(lease, nowMs) {
    const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? '') || 0;
    const expiresAtMs = renewed + (lease.spec.leaseDurationSeconds ?? LEASE_SECONDS) * 1000;
    return { holder: lease.spec.holderIdentity ?? '', expiresAtMs, expired: !lease.spec.holderIdentity || expiresAtMs <= nowMs };
}
/** Who this run is, as other runs will read it in the Lease. */
function holderIdentity(env, random) {
    const repo = env.GITHUB_REPOSITORY ?? 'local';
    return `${repo} run ${env.GITHUB_RUN_ID ?? '0'} attempt ${env.GITHUB_RUN_ATTEMPT ?? '1'} job ${env.GITHUB_JOB ?? '-'} (${random})`;
}


/***/ }),

/***/ 3745:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   nT: () => (/* binding */ ReleaseLock),
/* harmony export */   wL: () => (/* binding */ releaseLease)
/* harmony export */ });
/* unused harmony export readLease */
/* harmony import */ var _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5062);
/* harmony import */ var _todo_deploy_retry__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1059);
/* harmony import */ var _adapters_kube_api_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(137);
/* harmony import */ var _lock_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9777);




const leasePath = (namespace, name) => `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases${name ? `/${encodeURIComponent(name)}` : ''}`;
/**
 * A lock per release: a Lease created through the API (which refuses a second create),
 * renewed while this run lives, taken over only after it expired, removed at the end.
 */
class ReleaseLock {
    api;
    release;
    namespace;
    holder;
    createNamespace;
    resourceVersion;
    timer;
    lastRenewed = 0;
    lostController = new AbortController();
    /**
     * Aborted when this run no longer holds the lock (another run wrote the Lease, it was
     * deleted, or renewals failed until it expired): the deploy must stop and settle, since
     * another run may be deploying the same release.
     */
    lost = this.lostController.signal;
    constructor(api, release, namespace, holder, 
    /** Called when the namespace does not exist yet; returns false when it may not be created. */
    createNamespace = async () => false) {
        this.api = api;
        this.release = release;
        this.namespace = namespace;
        this.holder = holder;
        this.createNamespace = createNamespace;
    }
    /** Waits until the lock is free or `deadline`; throws naming the holder when it stays busy. */
    async acquire(deadline, signal) {
        const started = Date.now();
        let announced = false;
        for (;;) {
            const created = await this.write((0,_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .leaseManifest */ ._s)(this.release, this.namespace, this.holder, Date.now()), 'create');
            if (created === 'ok')
                break;
            const current = await readLease(this.api, this.release, this.namespace);
            if (current) {
                const state = (0,_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .leaseState */ .oi)(current, Date.now());
                if (state.expired) {
                    const taken = await this.write((0,_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .leaseManifest */ ._s)(this.release, this.namespace, this.holder, Date.now(), current.metadata.resourceVersion), 'replace');
                    if (taken === 'ok') {
                        _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.info(`The deploy lock of ${this.release} held by ${state.holder} had expired; taken over.`);
                        break;
                    }
                    continue;
                }
                if (!announced) {
                    _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.info(`Another deploy of release ${this.release} is running (${state.holder}); waiting for it to finish.`);
                    announced = true;
                }
                if (Date.now() + 2000 > deadline || signal?.aborted) {
                    throw new Error(`Another deploy of release ${this.release} in namespace ${this.namespace} is running (${state.holder}); waited ${Math.round((Date.now() - started) / 1000)}s, the timeout`);
                }
                await _todo_deploy_retry__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .ml.sleep(2000, signal);
            }
        }
        this.lastRenewed = Date.now();
        this.timer = setInterval(() => void this.renew(), _lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .RENEW_EVERY_MS */ .V3);
        this.timer.unref();
        return { waitedMs: announced ? Date.now() - started : 0 };
    }
    async renew() {
        if (this.lost.aborted)
            return;
        const lease = (0,_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .leaseManifest */ ._s)(this.release, this.namespace, this.holder, Date.now(), this.resourceVersion);
        let renewed;
        try {
            renewed = await this.write(lease, 'replace');
        }
        catch {
            renewed = 'error';
        }
        if (renewed === 'ok') {
            this.lastRenewed = Date.now();
        }
        else if (renewed === 'conflict') {
            this.loseLock('the Lease was changed or deleted by someone else');
        }
        else if (Date.now() - this.lastRenewed >= _lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .LEASE_SECONDS */ .Vb * 1000) {
            this.loseLock(`it could not be renewed for ${_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .LEASE_SECONDS */ .Vb}s and expired`);
        }
        else {
            _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.warning(`Could not renew the deploy lock of ${this.release}; trying again`);
        }
    }
    loseLock(why) {
        if (this.timer)
            clearInterval(this.timer);
        _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.warning(`Lost the deploy lock of ${this.release}: ${why}; stopping and settling the release`);
        this.lostController.abort(new Error(`the deploy lock of ${this.release} was lost (${why})`));
    }
    /**
     * Removes the lock, on the condition that nobody wrote it since this run's last renewal
     * (another run could only have taken it after LEASE_SECONDS without a renewal).
     */
    async unlock() {
        if (this.timer)
            clearInterval(this.timer);
        const preconditions = this.resourceVersion ? { preconditions: { resourceVersion: this.resourceVersion } } : undefined;
        const response = await this.api.request('DELETE', leasePath(this.namespace, (0,_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .leaseName */ .AI)(this.release)), preconditions);
        if (response.status >= 300 && response.status !== 404 && response.status !== 409) {
            throw new Error(`Could not delete Lease ${(0,_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .leaseName */ .AI)(this.release)}: ${(0,_adapters_kube_api_js__WEBPACK_IMPORTED_MODULE_2__/* .statusMessage */ .uP)(response).message}`);
        }
    }
    async write(lease, verb) {
        const send = () => verb === 'create'
            ? this.api.request('POST', leasePath(this.namespace), lease)
            : this.api.request('PUT', leasePath(this.namespace, lease.metadata.name), lease);
        let response = await send();
        // a create into a namespace that does not exist yet: 404 naming the namespace
        if (verb === 'create' && response.status === 404 && (await this.createNamespace()))
            response = await send();
        if (response.status === 200 || response.status === 201) {
            this.resourceVersion = JSON.parse(response.text).metadata.resourceVersion;
            return 'ok';
        }
        if (response.status === 409 || (verb === 'replace' && response.status === 404))
            return 'conflict';
        throw new Error(`Could not ${verb} the deploy lock (Lease ${(0,_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .leaseName */ .AI)(this.release)} in ${this.namespace}): ${(0,_adapters_kube_api_js__WEBPACK_IMPORTED_MODULE_2__/* .statusMessage */ .uP)(response).message}`);
    }
}
async function readLease(api, release, namespace) {
    const response = await api.request('GET', leasePath(namespace, (0,_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .leaseName */ .AI)(release)));
    if (response.status === 404)
        return undefined;
    if (response.status !== 200)
        throw new Error(`Could not read the deploy lock: ${(0,_adapters_kube_api_js__WEBPACK_IMPORTED_MODULE_2__/* .statusMessage */ .uP)(response).message}`);
    return JSON.parse(response.text);
}
/** Deletes the Lease if `holder` holds it (the post step, after main was killed). */
async function releaseLease(api, release, namespace, holder) {
    const current = await readLease(api, release, namespace);
    if (!current || current.spec.holderIdentity !== holder)
        return;
    const preconditions = { preconditions: { resourceVersion: current.metadata.resourceVersion } };
    await api.request('DELETE', leasePath(namespace, (0,_lock_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .leaseName */ .AI)(release)), preconditions);
}


/***/ }),

/***/ 4951:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vu: () => (/* binding */ previousAfterRecovery),
/* harmony export */   gC: () => (/* binding */ planStart),
/* harmony export */   lA: () => (/* binding */ planRecovery),
/* harmony export */   mm: () => (/* binding */ isPending)
/* harmony export */ });
/* unused harmony exports lastDeployed, fixCommand */
const PENDING = new Set(['pending-install', 'pending-upgrade', 'pending-rollback']);
const isPending = (status) => PENDING.has(status);
/** The newest revision that is (or was last) deployed and healthy. */
function lastDeployed(history) {
    const sorted = [...history].sort((a, b) => b.revision - a.revision);
    return sorted.find((e) => e.status === 'deployed') ?? sorted.find((e) => e.status === 'superseded');
}
/**
 * What must happen before an upgrade can run, from `helm history`. Pure.
 * - last revision pending-*: roll back to the last deployed revision, or uninstall if none;
 * - every revision failed (a failed first install): uninstall, so that install can run;
 * - otherwise nothing.
 */
function planRecovery(history) {
    if (history.length === 0)
        return { kind: 'none' };
    const sorted = [...history].sort((a, b) => b.revision - a.revision);
    const last = sorted[0];
    const deployed = lastDeployed(sorted.filter((e) => e.revision !== last.revision));
    if (isPending(last.status)) {
        if (deployed)
            return {
                kind: 'rollback',
                from: last,
                to: deployed.revision,
                reason: `release is stuck in ${last.status} at revision ${last.revision}`,
            };
        return { kind: 'uninstall', from: last, reason: `release is stuck in ${last.status} at revision ${last.revision} and never deployed` };
    }
    if (sorted.every((e) => e.status === 'failed' || e.status === 'uninstalled' || e.status === 'uninstalling')) {
        return { kind: 'uninstall', from: last, reason: `release has no deployed revision (revision ${last.revision} is ${last.status})` };
    }
    const current = last.status === 'deployed' ? last : lastDeployed(sorted);
    return { kind: 'none', ...(current ? { deployedRevision: current.revision } : {}), lastRevision: last.revision };
}
/** The command a person would run to fix what planRecovery found (for recover: false). */
function fixCommand(recovery, release, namespace) {
    if (recovery.kind === 'rollback')
        return `helm rollback ${release} ${recovery.to} --namespace ${namespace}`;
    if (recovery.kind === 'uninstall')
        return `helm uninstall ${release} --namespace ${namespace}`;
    return '';
}
function planStart(history, target) {
    const recovery = planRecovery(history);
    if (recovery.kind === 'none')
        return { kind: 'upgrade', ...(recovery.deployedRevision !== undefined ? { previousRevision: recovery.deployedRevision } : {}) };
    if (!target.recover)
        return {
            kind: 'refuse',
            message: `Release ${target.release} in ${target.namespace}: ${recovery.reason}. recover is false, so nothing was changed; fix it with: ${fixCommand(recovery, target.release, target.namespace)}`,
        };
    return { kind: 'recover', recovery };
}
/**
 * The revision to return to after a recovery ran: a rollback leaves the revision helm wrote for
 * it deployed (the content of `to`); an uninstall leaves nothing, so the upgrade is an install.
 */
function previousAfterRecovery(recovery, rollbackRevision) {
    return recovery.kind === 'rollback' ? rollbackRevision : undefined;
}


/***/ }),

/***/ 3963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z2: () => (/* binding */ planSettle),
/* harmony export */   tq: () => (/* binding */ settledText),
/* harmony export */   xq: () => (/* binding */ revisionMade)
/* harmony export */ });
/* harmony import */ var _recovery_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4951);

const newest = (history) => [...history].sort((a, b) => b.revision - a.revision)[0];
function planSettle(history, target) {
    const last = newest(history);
    if (!last)
        return { kind: 'none' };
    const previous = target.previousRevision;
    if (previous !== undefined && last.status === 'deployed' && last.description === `Rollback to ${previous}`)
        return { kind: 'rolled-back', to: previous, revision: last.revision };
    if (target.atomic && last.revision > (previous ?? 0))
        return previous !== undefined ? { kind: 'rollback', undoing: last, to: previous } : { kind: 'uninstall', undoing: last };
    if ((0,_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .isPending */ .mm)(last.status)) {
        const recovery = (0,_recovery_js__WEBPACK_IMPORTED_MODULE_0__/* .planRecovery */ .lA)(history);
        // planRecovery always recovers a pending newest revision; 'none' cannot come back here
        return recovery.kind === 'none' ? { kind: 'none' } : { kind: 'repair', recovery };
    }
    return { kind: 'none' };
}
/**
 * The revision this run made, when helm's output did not say (it failed or was stopped): the
 * newest one above previousRevision that is not helm's own rollback. Pure.
 */
function revisionMade(history, previousRevision) {
    const made = history.filter((e) => e.revision > (previousRevision ?? 0) && !/^Rollback to /.test(e.description));
    return made.length > 0 ? Math.max(...made.map((e) => e.revision)) : undefined;
}
/** One line for the log of what settling did. */
function settledText(release, settled) {
    if (settled.kind === 'rollback')
        return `Release ${release}: rolled back to revision ${settled.to}`;
    if (settled.kind === 'uninstall')
        return `Release ${release}: uninstalled`;
    if (settled.kind === 'repaired')
        return `Release ${release}: ${settled.text}`;
    return `Release ${release}: already settled`;
}


/***/ }),

/***/ 368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  D: () => (/* binding */ historyForPlanning),
  L: () => (/* binding */ readHistory)
});

// EXTERNAL MODULE: ./actions/helm-deploy/src/adapters/helm.ts
var adapters_helm = __webpack_require__(9165);
// EXTERNAL MODULE: ./actions/helm-deploy/src/helm/argv.ts
var argv = __webpack_require__(3515);
// EXTERNAL MODULE: ./actions/helm-deploy/src/helm/release-json.ts
var release_json = __webpack_require__(7613);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/helm/storage-labels.ts
/**
 * Helm 3 and 4 keep each revision of a release in a Secret (the default driver) or a
 * ConfigMap, labelled owner=helm, name=<release>, status=<status>, version=<revision>. Reading
 * those labels answers "is this release healthy, and at which revision" in one small API call,
 * without starting helm or decoding the stored releases. Pure parts.
 */
/** The resource the storage driver keeps releases in, or undefined for drivers without one (memory, sql). */
function storageResource(helmDriver) {
    const driver = (helmDriver ?? '').toLowerCase();
    if (driver === '' || driver === 'secret' || driver === 'secrets')
        return 'secrets';
    if (driver === 'configmap' || driver === 'configmaps')
        return 'configmaps';
    return undefined;
}
const storageSelector = (release) => `owner=helm,name=${release}`;
/**
 * Revisions and states from the labels (chart, app version and description stay empty), or
 * undefined when a label is missing or odd: then `helm history` has to be asked.
 */
function historyFromLabels(items) {
    const entries = [];
    for (const item of items) {
        const labels = item.metadata?.labels ?? {};
        const revision = Number(labels.version);
        if (!Number.isInteger(revision) || revision < 1 || !labels.status)
            return undefined;
        entries.push({ revision, status: labels.status, chart: '', app_version: '', description: '' });
    }
    return entries.sort((a, b) => a.revision - b.revision);
}

// EXTERNAL MODULE: ./actions/helm-deploy/src/plan/recovery.ts
var recovery = __webpack_require__(4951);
;// CONCATENATED MODULE: ./actions/helm-deploy/src/release-ops.ts





/** The release's revisions; [] when it does not exist. */
async function readHistory(helm, release, namespace, signal) {
    const result = await helm.run((0,argv/* historyArgv */.vL)(release, namespace), { timeoutMs: 60_000, ...(signal ? { signal } : {}) });
    if (result.exitCode === 0)
        return (0,release_json/* parseHistory */.i6)(result.stdout);
    if ((0,release_json/* isReleaseNotFound */.Dh)(result.stderr))
        return [];
    throw new Error(`helm history ${release} failed: ${(0,adapters_helm/* helmError */.lY)(result)}`);
}
const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
/**
 * The history the deploy plans with: the storage labels (one metadata-only API call) when they
 * show a release that needs no recovery; otherwise, or when the labels cannot be read,
 * `helm history`, which stays the authority on anything to recover.
 */
async function historyForPlanning(helm, api, release, namespace, helmDriver) {
    const resource = storageResource(helmDriver);
    if (resource) {
        const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}?labelSelector=${encodeURIComponent(storageSelector(release))}`;
        const list = await api.json('GET', path, undefined, { accept: METADATA_ONLY }).catch(() => undefined);
        const quick = list ? historyFromLabels(list.items ?? []) : undefined;
        if (quick && (0,recovery/* planRecovery */.lA)(quick).kind === 'none')
            return quick;
    }
    return readHistory(helm, release, namespace);
}


/***/ }),

/***/ 4324:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ ReleaseRunner)
/* harmony export */ });
/* harmony import */ var _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5062);
/* harmony import */ var _adapters_helm_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9165);
/* harmony import */ var _helm_argv_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3515);
/* harmony import */ var _helm_release_json_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7613);
/* harmony import */ var _plan_recovery_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4951);
/* harmony import */ var _plan_settle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3963);
/* harmony import */ var _release_ops_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(368);







/**
 * Carries out the plans of plan/ on one release with helm: the recovery before a deploy and
 * the settling after a failed one (main's and the post step's alike). Every change is a helm
 * command without --wait, so nothing here waits in a state a kill could leave pending.
 */
class ReleaseRunner {
    helm;
    release;
    namespace;
    limits;
    constructor(helm, release, namespace, limits) {
        this.helm = helm;
        this.release = release;
        this.namespace = namespace;
        this.limits = limits;
    }
    history() {
        return (0,_release_ops_js__WEBPACK_IMPORTED_MODULE_4__/* .readHistory */ .L)(this.helm, this.release, this.namespace);
    }
    /** Runs a recovery; says what it did and which revision serves after it (the one to return to). */
    async recover(recovery, when) {
        _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.warning(`Release ${this.release}: ${recovery.reason}; recovering ${when}`);
        if (recovery.kind === 'rollback') {
            const done = await this.rollback(recovery.to);
            const previousRevision = (0,_plan_recovery_js__WEBPACK_IMPORTED_MODULE_2__/* .previousAfterRecovery */ .Vu)(recovery, done.revision);
            return {
                text: `${recovery.reason}: rolled back to revision ${recovery.to} (as revision ${done.revision})`,
                ...(previousRevision !== undefined ? { previousRevision } : {}),
            };
        }
        await this.uninstall();
        return { text: `${recovery.reason}: uninstalled so that a fresh install can run` };
    }
    /** Reads the history afresh, plans how to settle (plan/settle.ts) and does it. */
    async settle(target) {
        return this.execute((0,_plan_settle_js__WEBPACK_IMPORTED_MODULE_3__/* .planSettle */ .Z2)(await this.history(), target));
    }
    async execute(plan) {
        switch (plan.kind) {
            case 'none':
                return { kind: 'none' };
            case 'rolled-back':
                return { kind: 'rollback', to: plan.to, revision: plan.revision };
            case 'rollback':
                _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.info(`Undoing revision ${plan.undoing.revision} (${plan.undoing.status}) of ${this.release}`);
                return this.rollback(plan.to);
            case 'uninstall':
                _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.info(`Undoing revision ${plan.undoing.revision} (${plan.undoing.status}) of ${this.release}`);
                await this.uninstall();
                return { kind: 'uninstall' };
            case 'repair':
                return { kind: 'repaired', text: (await this.recover(plan.recovery, 'after the failed deploy')).text };
        }
    }
    async rollback(to) {
        const { release, namespace } = this;
        const { historyMax, timeoutMs } = this.limits;
        const result = await this.helm.run((0,_helm_argv_js__WEBPACK_IMPORTED_MODULE_5__/* .rollbackArgv */ .PC)(release, namespace, to, historyMax, timeoutMs), {
            announce: true,
            timeoutMs: timeoutMs + 60_000,
        });
        if (result.exitCode !== 0)
            throw new Error(`helm rollback ${release} ${to} failed: ${(0,_adapters_helm_js__WEBPACK_IMPORTED_MODULE_1__/* .helmError */ .lY)(result)}`);
        const revision = Math.max(...(await this.history()).map((e) => e.revision));
        _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.info(`Rolled back ${release} to revision ${to} (now revision ${revision})`);
        return { kind: 'rollback', to, revision };
    }
    async uninstall() {
        const { release, namespace } = this;
        const { timeoutMs } = this.limits;
        const result = await this.helm.run((0,_helm_argv_js__WEBPACK_IMPORTED_MODULE_5__/* .uninstallArgv */ .xT)(release, namespace, timeoutMs), { announce: true, timeoutMs: timeoutMs + 60_000 });
        if (result.exitCode !== 0 && !(0,_helm_release_json_js__WEBPACK_IMPORTED_MODULE_6__/* .isReleaseNotFound */ .Dh)(result.stderr))
            throw new Error(`helm uninstall ${release} failed: ${(0,_adapters_helm_js__WEBPACK_IMPORTED_MODULE_1__/* .helmError */ .lY)(result)}`);
        _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.info(`Uninstalled ${release}`);
    }
}


/***/ }),

/***/ 4999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  hc: () => (/* reexport */ ToolMissingError),
  HY: () => (/* reexport */ lastErrorLine),
  R3: () => (/* reexport */ runProcess)
});

// UNUSED EXPORTS: ProcessError, canRun, exitText, runChecked

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./packages/runtime/src/index.ts + 3 modules
var src = __webpack_require__(5062);
// EXTERNAL MODULE: ./packages/runtime/src/text.ts
var src_text = __webpack_require__(3753);
;// CONCATENATED MODULE: ./packages/process/src/tool-missing.ts
/** A program that is not installed (spawn gave ENOENT), named, with how to get it. */
class ToolMissingError extends Error {
    tool;
    constructor(tool, hint, cause) {
        super(`${tool} is not on PATH: ${hint ?? 'install it in an earlier step'}`, cause === undefined ? undefined : { cause });
        this.tool = tool;
        this.name = 'ToolMissingError';
    }
}

;// CONCATENATED MODULE: ./packages/process/src/run-process.ts





/**
 * Runs argv[0] with the rest as arguments, never through a shell. Printed output goes line by
 * line through the guarded text path, so nothing a tool prints becomes a workflow command.
 * Rejects with ToolMissingError when the program does not exist; any exit code resolves.
 */
async function runProcess(argv, options = {}) {
    const [command, ...args] = argv;
    if (command === undefined)
        throw new Error('runProcess: empty argv');
    const started = Date.now();
    const print = options.group !== undefined || (options.stream !== undefined && options.stream !== false);
    const out = options.group === undefined && options.stream === 'stderr' ? process.stderr : process.stdout;
    if (options.group !== undefined)
        core.startGroup(options.group);
    // the arguments can hold values: the boundary is logged by program and count only
    src/* log */.Rm.debug(`run: ${command} (${args.length} arguments)`);
    try {
        const result = await new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_.spawn)(command, args, {
                cwd: options.cwd,
                env: options.env ?? process.env,
                stdio: ['pipe', 'pipe', 'pipe'],
            });
            let stdout = '';
            let stderr = '';
            let timedOut = false;
            let killTimer;
            const stop = () => {
                timedOut = true;
                child.kill('SIGTERM');
                killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
            };
            const timer = options.timeoutMs !== undefined ? setTimeout(stop, options.timeoutMs) : undefined;
            options.signal?.addEventListener('abort', stop, { once: true });
            const lines = { out: (0,src_text/* lineSplitter */.s1)(), err: (0,src_text/* lineSplitter */.s1)() };
            const show = (printed) => {
                for (const line of printed)
                    out.write(`${options.redact ? options.redact(line) : line}\n`);
            };
            child.stdout.setEncoding('utf8').on('data', (chunk) => {
                stdout += chunk;
                if (print)
                    show(lines.out.push(chunk));
            });
            child.stderr.setEncoding('utf8').on('data', (chunk) => {
                stderr += chunk;
                if (print)
                    show(lines.err.push(chunk));
            });
            child.on('error', (error) => {
                clearTimeout(timer);
                reject(error.code === 'ENOENT'
                    ? new ToolMissingError(command, options.installHint, error)
                    : new Error(`Could not start '${command}': ${error.message}`, { cause: error }));
            });
            child.on('close', (exitCode, signal) => {
                clearTimeout(timer);
                clearTimeout(killTimer);
                options.signal?.removeEventListener('abort', stop);
                if (print)
                    show([...lines.out.end(), ...lines.err.end()]);
                resolve({ argv, exitCode, signal, stdout, stderr, timedOut, durationMs: Date.now() - started });
            });
            child.stdin.on('error', () => undefined);
            child.stdin.end(options.input ?? '');
        });
        src/* log */.Rm.debug(`run: ${command} ${exitText(result)} after ${result.durationMs} ms`);
        return result;
    }
    finally {
        if (options.group !== undefined)
            core.endGroup();
    }
}
/** Why a run failed, in words: the exit code, the signal or the timeout. */
function exitText(result) {
    if (result.timedOut)
        return 'timed out';
    if (result.signal)
        return `was stopped by ${result.signal}`;
    return `exited with ${result.exitCode}`;
}
/** A run that ended with a non-zero exit, a signal or a timeout; the message ends with the output's last lines. */
class ProcessError extends Error {
    result;
    constructor(result) {
        const tail = (result.stderr || result.stdout).trim().split('\n').slice(-20).join('\n');
        super(`${result.argv.join(' ')} ${exitText(result)}${tail ? `:\n${tail}` : ''}`);
        this.result = result;
        this.name = 'ProcessError';
    }
}
/** Like runProcess, but rejects with a ProcessError unless the program exits 0. */
async function runChecked(argv, options = {}) {
    const result = await runProcess(argv, options);
    if (result.exitCode !== 0)
        throw new ProcessError(result);
    return result;
}
/** Whether a program can be started at all (installed and executable), whatever it exits with. */
async function canRun(argv) {
    try {
        await runProcess(argv, { timeoutMs: 20_000 });
        return true;
    }
    catch {
        return false;
    }
}
/** The last non-empty line of a process's error output, for one-line failure messages. */
function lastErrorLine(result) {
    const lines = `${result.stderr}\n${result.stdout}`
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    const errorLine = [...lines].reverse().find((l) => /^error:|^Error:/i.test(l));
    return errorLine ?? lines.at(-1) ?? '';
}

;// CONCATENATED MODULE: ./packages/process/src/index.ts




/***/ }),

/***/ 1059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ml: () => (/* reexport */ systemClock)
});

// UNUSED EXPORTS: DEFAULT_BACKOFF, backoffDelay, retryUntil

;// CONCATENATED MODULE: ./packages/retry/src/backoff.ts
const DEFAULT_BACKOFF = { initialDelayMs: 2000, maxDelayMs: 30_000, factor: 2, jitter: 0.2 };
/**
 * The wait after attempt number `attempt` (1-based). Jitter only shortens a wait, so the cap
 * and the schedule a user configured are upper bounds. Pure: `random` is in [0, 1).
 */
function backoff_backoffDelay(policy, attempt, random) {
    const grown = policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1);
    const capped = Math.min(policy.maxDelayMs, grown);
    return Math.max(0, Math.round(capped * (1 - policy.jitter * random)));
}

;// CONCATENATED MODULE: ./packages/retry/src/retry-until.ts

function abortableSleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}
const systemClock = { now: () => Date.now(), sleep: abortableSleep, random: Math.random };
/**
 * Runs `attempt` until it reports done, reports a failure that is not retryable, or the
 * deadline passes. Waits between attempts follow the backoff policy; the last wait is cut
 * short so that one final attempt runs with minAttemptMs left before the deadline.
 */
async function retryUntil(attempt, options) {
    const clock = options.clock ?? systemClock;
    let step = 0;
    for (let count = 1;; count += 1) {
        const outcome = await attempt({ attempt: count, remainingMs: Math.max(0, options.deadline - clock.now()) });
        if (outcome.done)
            return { ok: true, value: outcome.value, attempts: count, reason: 'done' };
        if (!outcome.retryable)
            return { ok: false, value: outcome.value, attempts: count, reason: 'not-retryable' };
        if (options.signal?.aborted)
            return { ok: false, value: outcome.value, attempts: count, reason: 'aborted' };
        const room = options.deadline - clock.now() - (options.minAttemptMs ?? 0);
        if (room <= 0)
            return { ok: false, value: outcome.value, attempts: count, reason: 'deadline' };
        step = outcome.resetBackoff ? 1 : step + 1;
        await clock.sleep(Math.min(room, backoffDelay(options.policy, step, clock.random())), options.signal);
        if (options.signal?.aborted)
            return { ok: false, value: outcome.value, attempts: count, reason: 'aborted' };
    }
}

;// CONCATENATED MODULE: ./packages/retry/src/index.ts




/***/ }),

/***/ 5062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Aj: () => (/* reexport */ private_folder/* createPrivateFolder */.Aj),
  S2: () => (/* reexport */ defineOutputs),
  fJ: () => (/* reexport */ fail),
  Rm: () => (/* reexport */ log),
  RA: () => (/* reexport */ mainState),
  A3: () => (/* reexport */ reasonOf),
  Yv: () => (/* reexport */ private_folder/* removePrivateFolder */.Yv),
  om: () => (/* reexport */ src_text/* safeLine */.om)
});

// UNUSED EXPORTS: ActionState, IS_POST, MAX_LINE_LENGTH, dispatch, fields, isPostStep, isPrivateFolder, lineSplitter, privateFolderField, privatePathField, safeLines, stateEnvName

// EXTERNAL MODULE: ./packages/runtime/src/dispatch.ts
var dispatch = __webpack_require__(6828);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./packages/secrets/src/index.ts + 3 modules
var src = __webpack_require__(347);
// EXTERNAL MODULE: ./packages/runtime/src/text.ts
var src_text = __webpack_require__(3753);
;// CONCATENATED MODULE: ./packages/runtime/src/log.ts



// What an action prints. Every message goes through redact (no registered secret form) and
// safeLine (no workflow command, no line break), whatever part of it came from outside.
// Annotations carry one line each: the runner shows %0A as a break, the summary as <br>.
const clean = (text) => (0,src_text/* safeLine */.om)((0,src/* redact */.E$)(text));
const log = {
    info: (text) => core.info(clean(text)),
    /** Shown on a runner with debug logging on; nothing in a local terminal, where ::debug:: is noise. */
    debug: (text) => {
        if (process.env.GITHUB_ACTIONS === 'true')
            core.debug(clean(text));
    },
    notice: (text) => core.notice(clean(text)),
    warning: (text) => core.warning(clean(text)),
    error: (text) => core.error(clean(text)),
    /** A log group with a safe title. */
    startGroup: (title) => core.startGroup(clean(title)),
    endGroup: () => core.endGroup(),
    /** Several lines from outside, each made safe on its own. */
    lines(text) {
        for (const line of (0,src_text/* safeLines */.Bv)((0,src/* redact */.E$)(text)))
            core.info(line);
    },
};
/** Fails the step with one safe line (exit code 1 when the process ends). */
function fail(message) {
    core.setFailed(clean(message));
}
/** The one-line reason of a caught value, for `fail` and the outputs. */
function reasonOf(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./packages/runtime/src/outputs.ts


/**
 * An action's outputs, typed by the names its action.yml declares. Values are written
 * through GITHUB_OUTPUT (never as commands) and redacted, so no secret form leaves.
 */
function defineOutputs(names) {
    return {
        names,
        /** Sets every output. */
        set(values) {
            for (const name of names)
                core.setOutput(name, (0,src/* redact */.E$)(values[name]));
        },
        /** Sets some outputs (the result of a run that failed before it had the others). */
        setSome(values) {
            for (const name of names)
                if (values[name] !== undefined)
                    core.setOutput(name, (0,src/* redact */.E$)(values[name]));
        },
    };
}

// EXTERNAL MODULE: ./packages/runtime/src/state.ts
var state = __webpack_require__(7649);
// EXTERNAL MODULE: ./packages/runtime/src/private-folder.ts + 1 modules
var private_folder = __webpack_require__(7431);
;// CONCATENATED MODULE: ./packages/runtime/src/main-state.ts


/** The state of main: saved through the runner's state file, readable back in the same step. */
function mainState(schema) {
    return new state/* ActionState */.qy(schema, process.env, (name, value) => core.saveState(name, value));
}

;// CONCATENATED MODULE: ./packages/runtime/src/index.ts









/***/ }),

/***/ 3753:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bv: () => (/* binding */ safeLines),
/* harmony export */   om: () => (/* binding */ safeLine),
/* harmony export */   s1: () => (/* binding */ lineSplitter)
/* harmony export */ });
/* unused harmony export MAX_LINE_LENGTH */
// The guarded path for text from outside (cluster objects, tool output, HTTP, certificate
// fields). The runner reads a workflow command from any line of a step's output that starts
// with `::` after blanks, and the older `##[name]` form anywhere in a line; a line break
// inside outside text would start a line of the attacker's choosing. Everything printed
// passes through safeLine, so no such text can become a command. Pure: no I/O.
/** Longest line printed; the rest is cut and counted. */
const MAX_LINE_LENGTH = 8192;
// CR, LF, NEL and the Unicode line and paragraph separators, which some readers treat as
// line ends; CRLF counts once.
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
// C0 controls but tab, DEL and C1 controls: ANSI escapes, backspace, form feed, NUL.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
/** Caret notation for a control character (ESC -> ^[, NUL -> ^@), so it stays visible but inert. */
function caret(char) {
    const code = char.charCodeAt(0);
    if (code < 0x20)
        return `^${String.fromCharCode(code + 0x40)}`;
    if (code === 0x7f)
        return '^?';
    return `\\u${code.toString(16).padStart(4, '0')}`;
}
/** Breaks both command forms: `::` at the start of the line and `##[` anywhere. */
function defuse(line) {
    const withoutOld = line.replace(/##\[/g, '# #[');
    return withoutOld.replace(/^(\s*):(?=:)/, '$1: ');
}
/**
 * One printable line that no runner reads as a command: line breaks folded into ' ⏎ ',
 * control characters shown in caret notation, `::` at the start and `##[` defused, and
 * the length capped (what was cut is counted).
 */
function safeLine(text, maxLength = MAX_LINE_LENGTH) {
    const folded = text.replace(LINE_BREAKS, ' ⏎ ').replace(CONTROLS, caret);
    const capped = folded.length > maxLength ? `${folded.slice(0, maxLength)}… (${folded.length - maxLength} more characters)` : folded;
    return defuse(capped);
}
/** Each line of a multi-line text made safe on its own (tool output printed line by line). */
function safeLines(text, maxLength = MAX_LINE_LENGTH) {
    return text.split(/\r\n|[\r\n\u0085\u2028\u2029]/).map((line) => safeLine(line, maxLength));
}
/**
 * Turns a stream of chunks into whole safe lines: `push` returns the lines completed so far,
 * `end` the last partial line. A chunk boundary never splits a command apart from its `::`.
 */
function lineSplitter(maxLength = MAX_LINE_LENGTH) {
    let pending = '';
    return {
        push(chunk) {
            pending += chunk;
            const parts = pending.split(/\r\n|[\n\u0085\u2028\u2029]|\r(?!$)/);
            pending = parts.pop() ?? '';
            if (pending.length > maxLength * 4) {
                parts.push(pending);
                pending = '';
            }
            return parts.map((line) => safeLine(line, maxLength));
        },
        end() {
            const rest = pending;
            pending = '';
            return rest === '' ? [] : [safeLine(rest, maxLength)];
        },
    };
}


/***/ }),

/***/ 347:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $l: () => (/* reexport */ maskSecret),
  gn: () => (/* reexport */ maskUrlCredentials),
  E$: () => (/* reexport */ redact)
});

// UNUSED EXPORTS: derivedForms, displayUrl, resetMaskedSecrets

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
;// CONCATENATED MODULE: ./packages/secrets/src/derived-forms.ts
/**
 * The forms in which a secret can leak besides its own text: base64 (at every byte
 * alignment, since a secret inside a longer encoded string shifts), base64url, the
 * JSON-escaped and URL-encoded text, and each line of a multi-line value.
 */
function derivedForms(secret) {
    if (secret === '')
        return [];
    const forms = new Set([secret]);
    for (const line of secret.split(/\r?\n/))
        if (line.trim().length >= 3)
            forms.add(line.trim());
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
    // as the URL parser writes it in a query and in a path (it leaves ' and other characters alone
    // or encodes them differently from encodeURIComponent)
    forms.add(new URL(`http://x/?${secret}`).search.slice(1));
    forms.add(new URL(`http://x/${secret.replace(/[?#]/g, encodeURIComponent)}`).pathname.slice(1));
    for (const shift of [0, 1, 2]) {
        const encoded = Buffer.from('x'.repeat(shift) + secret, 'utf8').toString('base64');
        const stable = stableBase64Core(encoded, shift, Buffer.byteLength(secret, 'utf8'));
        if (stable.length >= 4) {
            forms.add(stable);
            forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
        }
    }
    return [...forms].filter((form) => form.length > 0);
}
/**
 * The part of a base64 string that depends only on the secret's bytes, whatever comes
 * before or after it: skip the characters touched by the `shift` prefix bytes and drop the
 * last group that may mix with following bytes.
 */
function stableBase64Core(encoded, shift, secretBytes) {
    const startChar = shift === 0 ? 0 : Math.ceil((shift * 8) / 6);
    const endBits = (shift + secretBytes) * 8;
    const endChar = Math.floor(endBits / 6);
    return encoded.slice(startChar, endChar).replace(/=+$/, '');
}

;// CONCATENATED MODULE: ./packages/secrets/src/mask.ts


const registered = new Set();
/**
 * Registers a secret and its derived forms with the runner (::add-mask::) and keeps them
 * for redact(). Call it before the first line that could contain the value is printed.
 */
function maskSecret(secret, register = core.setSecret) {
    for (const form of derivedForms(secret)) {
        if (registered.has(form))
            continue;
        registered.add(form);
        register(form);
    }
}
/**
 * Replaces every registered secret form in a text with ***. Used on text the action itself
 * builds from outside data (error messages, process output) before it is printed or saved.
 */
function redact(text, extra = []) {
    const forms = [...registered, ...extra.flatMap(derivedForms)].sort((a, b) => b.length - a.length);
    let out = text;
    for (const form of forms)
        out = out.split(form).join('***');
    return out;
}
/** For tests: forget every registered secret. */
function resetMaskedSecrets() {
    registered.clear();
}

;// CONCATENATED MODULE: ./packages/secrets/src/url-credentials.ts

/**
 * Masks the user, password and their 'user:pass' pair of a URL with credentials, and
 * returns the URL as it may be shown (credentials replaced by ***).
 */
function maskUrlCredentials(url) {
    if (url.username === '' && url.password === '')
        return url.href;
    const decode = (text) => {
        try {
            return decodeURIComponent(text);
        }
        catch {
            return text;
        }
    };
    const user = decode(url.username);
    const password = decode(url.password);
    // the decoded values and the forms as typed (percent-encoded as in the URL)
    for (const value of new Set([password, url.password]))
        if (value !== '')
            maskSecret(value);
    for (const value of new Set([user, url.username]))
        if (value !== '')
            maskSecret(value);
    if (user !== '' && password !== '')
        maskSecret(`${user}:${password}`);
    if (url.username !== '' && url.password !== '')
        maskSecret(`${url.username}:${url.password}`);
    return displayUrl(url);
}
/** The URL without its credentials, for logs and summaries. */
function displayUrl(url) {
    if (url.username === '' && url.password === '')
        return url.href;
    const shown = new URL(url.href);
    shown.username = '***';
    shown.password = '';
    return shown.href;
}

;// CONCATENATED MODULE: ./packages/secrets/src/index.ts





/***/ })

};
