import { log } from '@todo-deploy/runtime';
import * as github from '@actions/github';

export type DeploymentState = 'in_progress' | 'success' | 'failure';

/** Records the deploy as a GitHub deployment with statuses. A failure to record never fails the deploy. */
export class GithubDeployment {
  private id: number | undefined;
  private readonly octokit: ReturnType<typeof github.getOctokit>;

  constructor(
    token: string,
    private readonly environment: string,
    private readonly environmentUrl: string | undefined,
    private readonly description: string,
  ) {
    this.octokit = github.getOctokit(token);
  }

  private get repo(): { owner: string; repo: string } {
    const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '/').split('/');
    return { owner, repo };
  }

  private get logUrl(): string {
    return `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${process.env.GITHUB_REPOSITORY ?? ''}/actions/runs/${process.env.GITHUB_RUN_ID ?? ''}`;
  }

  async start(): Promise<void> {
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
      this.id = (created.data as { id?: number }).id;
      if (this.id !== undefined) log.info(`GitHub deployment ${this.id} created for environment ${this.environment}`);
      await this.status('in_progress');
    } catch (error) {
      log.warning(`Could not record a GitHub deployment: ${(error as Error).message}`);
    }
  }

  async status(state: DeploymentState, description?: string): Promise<void> {
    if (this.id === undefined) return;
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
    } catch (error) {
      log.warning(`Could not set the GitHub deployment status to ${state}: ${(error as Error).message}`);
    }
  }
}
