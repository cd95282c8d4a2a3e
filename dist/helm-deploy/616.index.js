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
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3745);
/* harmony import */ var _post_local_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6910);
/* harmony import */ var _settle_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9345);







/**
 * The post step when main was killed (post-if: always()): settle the release if main
 * stopped between changing it and settling it, free the deploy lock, stop main's kubectl
 * proxy, remove the kubeconfig file. The kubeconfig goes last: the steps before need it.
 */
async function post(state) {
    const kubeconfigPath = (0,_post_local_js__WEBPACK_IMPORTED_MODULE_5__/* .kubeconfigIn */ .Tf)(state);
    const env = { ...process.env, ...(kubeconfigPath ? { KUBECONFIG: kubeconfigPath } : {}) };
    const context = state.get('context');
    const access = { env, ...(context ? { context } : {}) };
    // postNeedsCluster checked both
    const release = state.get('release');
    const namespace = state.get('namespace');
    (0,_post_local_js__WEBPACK_IMPORTED_MODULE_5__/* .stopLeftProxy */ .Kc)(state);
    try {
        if (state.get('phase') === 'deploying') {
            _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm.warning(`The deploy of ${release} did not finish; settling the release`);
            const major = state.get('helmMajor') === '4' ? 4 : 3;
            const helm = new _adapters_helm_js__WEBPACK_IMPORTED_MODULE_2__/* .Helm */ .f5(state.get('helmBinary') ?? 'helm', { version: '', major }, access);
            const previous = state.get('previousRevision');
            const result = await (0,_settle_js__WEBPACK_IMPORTED_MODULE_6__/* .settle */ .G)(helm, {
                release,
                namespace,
                ...(previous ? { previousRevision: previous } : {}),
                atomic: state.get('atomic') !== false,
                historyMax: state.get('historyMax') ?? 10,
                timeoutMs: 120_000,
            });
            _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm.info(`Release ${release}: ${result.kind === 'rollback' ? `rolled back to revision ${result.to}` : result.kind === 'uninstall' ? 'uninstalled' : result.kind === 'repaired' ? result.text : 'already settled'}`);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__.saveState('phase', '');
        }
        const holder = state.get('lockHolder');
        if (holder) {
            const api = await _adapters_kube_api_js__WEBPACK_IMPORTED_MODULE_3__/* .KubeApi */ .Y5.start(access);
            try {
                await (0,_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .releaseLease */ .wL)(api, release, namespace, holder);
            }
            finally {
                await api.close();
            }
        }
    }
    catch (error) {
        (0,_todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_1__/* .fail */ .fJ)(`Post step: ${error.message}`);
    }
    finally {
        (0,_post_local_js__WEBPACK_IMPORTED_MODULE_5__/* .removeFolder */ .v$)(state);
        (0,_post_local_js__WEBPACK_IMPORTED_MODULE_5__/* .reportRefused */ .XB)(state);
    }
}


/***/ })

};
