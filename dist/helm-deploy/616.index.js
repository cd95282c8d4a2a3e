export const id = 616;
export const ids = [616];
export const modules = {

/***/ 9616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5062);
/* harmony import */ var _adapters_helm_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9165);
/* harmony import */ var _adapters_kube_api_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(137);
/* harmony import */ var _checkpoint_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3724);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3745);
/* harmony import */ var _plan_post_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1046);
/* harmony import */ var _plan_settle_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3963);
/* harmony import */ var _post_local_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6910);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4324);










/**
 * The post step when main was killed (post-if: always()): runs the steps planned from main's
 * checkpoint (plan/post.ts): stop main's kubectl proxy, settle the release if main stopped
 * between changing it and settling it, free the deploy lock, remove the kubeconfig file last
 * (the steps before need it). A step that fails stops the cluster steps after it, never the
 * removal of the folder.
 */
async function post(state) {
    const checkpoint = (0,_checkpoint_js__WEBPACK_IMPORTED_MODULE_8__/* .readCheckpoint */ .H)(state);
    const steps = (0,_plan_post_js__WEBPACK_IMPORTED_MODULE_9__/* .planPost */ .i)(checkpoint);
    const kubeconfigPath = (0,_post_local_js__WEBPACK_IMPORTED_MODULE_6__/* .kubeconfigIn */ .Tf)(checkpoint.folder);
    const env = { ...process.env, ...(kubeconfigPath ? { KUBECONFIG: kubeconfigPath } : {}) };
    const context = checkpoint.target?.context;
    const access = { env, ...(context ? { context } : {}) };
    const local = steps.filter((s) => s.kind === 'remove-folder');
    try {
        for (const step of steps) {
            if (step.kind === 'settle') {
                _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm.warning(`The deploy of ${step.release} did not finish; settling the release`);
                const helm = new _adapters_helm_js__WEBPACK_IMPORTED_MODULE_2__/* .Helm */ .f5(checkpoint.helm?.binary ?? 'helm', { version: '', major: checkpoint.helm?.major ?? 3 }, access);
                const runner = new _runner_js__WEBPACK_IMPORTED_MODULE_7__/* .ReleaseRunner */ .e(helm, step.release, step.namespace, { historyMax: step.historyMax, timeoutMs: 120_000 });
                const settled = await runner.settle({
                    ...(step.previousRevision !== undefined ? { previousRevision: step.previousRevision } : {}),
                    atomic: step.atomic,
                });
                _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm.info((0,_plan_settle_js__WEBPACK_IMPORTED_MODULE_5__/* .settledText */ .tq)(step.release, settled));
                _actions_core__WEBPACK_IMPORTED_MODULE_0__.saveState('phase', '');
            }
            else if (step.kind === 'free-lock') {
                const api = await _adapters_kube_api_js__WEBPACK_IMPORTED_MODULE_3__/* .KubeApi */ .Y5.start(access);
                try {
                    await (0,_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .releaseLease */ .wL)(api, step.release, step.namespace, step.holder);
                }
                finally {
                    await api.close();
                }
            }
            else if (step.kind === 'stop-proxy')
                (0,_post_local_js__WEBPACK_IMPORTED_MODULE_6__/* .runLocalStep */ .$s)(step);
        }
    }
    catch (error) {
        (0,_todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_1__/* .fail */ .fJ)(`Post step: ${error.message}`);
    }
    finally {
        for (const step of local)
            (0,_post_local_js__WEBPACK_IMPORTED_MODULE_6__/* .runLocalStep */ .$s)(step);
        (0,_post_local_js__WEBPACK_IMPORTED_MODULE_6__/* .reportRefused */ .XB)(state);
    }
}


/***/ })

};
