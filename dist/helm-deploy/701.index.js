export const id = 701;
export const ids = [701];
export const modules = {

/***/ 5701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GithubDeployment: () => (/* binding */ GithubDeployment)
/* harmony export */ });
/* harmony import */ var _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5062);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2413);


/** Records the deploy as a GitHub deployment with statuses. A failure to record never fails the deploy. */
class GithubDeployment {
    environment;
    environmentUrl;
    description;
    id;
    octokit;
    constructor(token, environment, environmentUrl, description) {
        this.environment = environment;
        this.environmentUrl = environmentUrl;
        this.description = description;
        this.octokit = _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .getOctokit */ .Q(token);
    }
    get repo() {
        const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '/').split('/');
        return { owner, repo };
    }
    get logUrl() {
        return `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${process.env.GITHUB_REPOSITORY ?? ''}/actions/runs/${process.env.GITHUB_RUN_ID ?? ''}`;
    }
    async start() {
        try {
            const created = await this.octokit.rest.repos.createDeployment({
                ...this.repo,
                ref: process.env.GITHUB_SHA ?? process.env.GITHUB_REF ?? 'HEAD',
                environment: this.environment,
                description: this.description,
                auto_merge: false,
                required_contexts: [],
                transient_environment: false,
            });
            this.id = created.data.id;
            if (this.id !== undefined)
                _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.info(`GitHub deployment ${this.id} created for environment ${this.environment}`);
            await this.status('in_progress');
        }
        catch (error) {
            _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.warning(`Could not record a GitHub deployment: ${error.message}`);
        }
    }
    async status(state, description) {
        if (this.id === undefined)
            return;
        try {
            await this.octokit.rest.repos.createDeploymentStatus({
                ...this.repo,
                deployment_id: this.id,
                state,
                log_url: this.logUrl,
                ...(this.environmentUrl ? { environment_url: this.environmentUrl } : {}),
                ...(description ? { description: description.slice(0, 140) } : {}),
                auto_inactive: state === 'success',
            });
        }
        catch (error) {
            _todo_deploy_runtime__WEBPACK_IMPORTED_MODULE_0__/* .log */ .Rm.warning(`Could not set the GitHub deployment status to ${state}: ${error.message}`);
        }
    }
}


/***/ })

};
