export const id = 101;
export const ids = [101];
export const modules = {

/***/ 2101:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7649);
/* harmony import */ var _todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3108);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3790);



/** The post step: removes the registry credentials a killed main left behind. Loads no toolkit. */
async function post() {
    const state = new _todo_deploy_runtime_state__WEBPACK_IMPORTED_MODULE_0__/* .ActionState */ .qy(_state_js__WEBPACK_IMPORTED_MODULE_2__/* .stateSchema */ .J);
    const folder = state.get('folder');
    if (folder) {
        (0,_todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_1__/* .removePrivateFolder */ .Yv)(folder);
        process.stdout.write('Removed the registry credentials file\n');
    }
    for (const r of state.refused)
        process.stdout.write(`Ignored state ${r.name}: ${r.reason}\n`);
}


/***/ }),

/***/ 3790:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ stateSchema),
/* harmony export */   h: () => (/* binding */ ACTION)
/* harmony export */ });
/* harmony import */ var _todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3108);

const ACTION = 'build-images';
/** What main leaves for the post step: the private folder of the registry credentials file. */
const stateSchema = { folder: (0,_todo_deploy_runtime_private_folder__WEBPACK_IMPORTED_MODULE_0__/* .privateFolderField */ .uK)(ACTION) };


/***/ }),

/***/ 3108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aj: () => (/* binding */ createPrivateFolder),
/* harmony export */   Yv: () => (/* binding */ removePrivateFolder),
/* harmony export */   uK: () => (/* binding */ privateFolderField)
/* harmony export */ });
/* unused harmony exports isPrivateFolder, privatePathField */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7649);




function bases(env) {
    return [...new Set([env.RUNNER_TEMP, (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)()].filter((b) => Boolean(b)).map((b) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(b)))];
}
/**
 * Makes the action's private folder. `maxPathLength` keeps room for a unix socket path
 * (under 108 bytes): a deeper RUNNER_TEMP falls back to the system temp folder.
 */
function createPrivateFolder(action, env = process.env, maxPathLength) {
    const runnerTemp = env.RUNNER_TEMP;
    const fits = (base) => maxPathLength === undefined || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(base, `${action}-XXXXXX`).length <= maxPathLength;
    const base = runnerTemp && fits(runnerTemp) ? runnerTemp : (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)();
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(base, { recursive: true });
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(base, `${action}-`));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(dir, 0o700);
    return dir;
}
/** Whether a path has the shape of a private folder of this action: <RUNNER_TEMP or tmp>/<action>-XXXXXX. */
function isPrivateFolder(action, path, env = process.env) {
    const full = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(path);
    if (full !== path || !bases(env).includes((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(full)))
        return false;
    return new RegExp(`^${action.replace(/[^a-z0-9-]/gi, '')}-[A-Za-z0-9]{6}$`).test((0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(full));
}
/** A state field that reads back only a private folder of this action. */
function privateFolderField(action, env = process.env) {
    return _state_js__WEBPACK_IMPORTED_MODULE_3__/* .fields */ .OA.custom((raw) => (isPrivateFolder(action, raw, env) ? raw : undefined), (value) => value);
}
/** A state field that reads back only a path inside a private folder of this action. */
function privatePathField(action, env = process.env) {
    return fields.custom((raw) => (resolve(raw) === raw && isPrivateFolder(action, dirname(raw), env) ? raw : undefined), (value) => value);
}
/** Removes a private folder; a symbolic link in its place is removed as a link, never followed. */
function removePrivateFolder(dir) {
    try {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(dir).isSymbolicLink()) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { force: true });
            return;
        }
    }
    catch {
        return; // gone already
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
}


/***/ })

};
