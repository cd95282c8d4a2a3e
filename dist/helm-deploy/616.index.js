export const id = 616;
export const ids = [616];
export const modules = {

/***/ 9616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6058);
/* harmony import */ var _todo_deploy_secrets__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(347);
/* harmony import */ var _adapters_helm_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9165);
/* harmony import */ var _adapters_kubectl_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(611);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3745);
/* harmony import */ var _settle_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9345);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(1129);









/**
 * The post step (post-if: always()): if main stopped between changing the release and
 * settling it (cancelled, killed), settle it now; free the deploy lock; remove the
 * kubeconfig file. The kubeconfig goes last: the steps before need it.
 */
async function post() {
    const kubeconfigPath = (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.KubeconfigPath);
    const env = { ...process.env, ...(kubeconfigPath ? { KUBECONFIG: kubeconfigPath } : {}) };
    const context = (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.Context);
    const access = { env, ...(context ? { context } : {}) };
    const release = (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.Release);
    const namespace = (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.Namespace);
    try {
        if ((0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.Phase) === 'deploying' && release && namespace) {
            _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .warning */ .$e(`The deploy of ${release} did not finish; settling the release`);
            const major = (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.HelmMajor) === '4' ? 4 : 3;
            const helm = new _adapters_helm_js__WEBPACK_IMPORTED_MODULE_4__/* .Helm */ .f5((0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.HelmBinary) || 'helm', { version: '', major }, access);
            const previous = (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.PreviousRevision);
            const result = await (0,_settle_js__WEBPACK_IMPORTED_MODULE_7__/* .settle */ .G)(helm, {
                release,
                namespace,
                ...(previous ? { previousRevision: Number(previous) } : {}),
                atomic: (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.Atomic) !== 'false',
                historyMax: Number((0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.HistoryMax) || '10'),
                timeoutMs: 120_000,
            });
            _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq(`Release ${release}: ${result.kind === 'rollback' ? `rolled back to revision ${result.to}` : result.kind === 'uninstall' ? 'uninstalled' : result.kind === 'repaired' ? result.text : 'already settled'}`);
            _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .saveState */ .LZ(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.Phase, '');
        }
        const holder = (0,_state_js__WEBPACK_IMPORTED_MODULE_8__/* .getState */ .Gu)(_state_js__WEBPACK_IMPORTED_MODULE_8__/* .State */ .Uw.LockHolder);
        if (holder && release && namespace)
            await (0,_lock_js__WEBPACK_IMPORTED_MODULE_6__/* .releaseLease */ .wL)(new _adapters_kubectl_js__WEBPACK_IMPORTED_MODULE_5__/* .Kubectl */ .b(access), release, namespace, holder);
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .setFailed */ .C1((0,_todo_deploy_secrets__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E$)(`Post step: ${error.message}`));
    }
    finally {
        if (kubeconfigPath) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(kubeconfigPath), { recursive: true, force: true });
            _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .info */ .pq('Removed the kubeconfig file');
        }
    }
}


/***/ })

};
