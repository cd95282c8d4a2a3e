import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { lastErrorLine, ToolMissingError } from '@todo-deploy/process';
import { log } from '@todo-deploy/runtime';
import { createPrivateFolder, removePrivateFolder } from '@todo-deploy/runtime/private-folder';
import { ACTION } from '../state.js';
import type { ClusterAccess } from './cluster-env.js';

export interface ApiResponse {
  status: number;
  /** The body as text (a Status object, JSON or, from the proxy, a plain error line). */
  text: string;
}

/** A non-2xx answer, with the reason of the Kubernetes Status object (NotFound, AlreadyExists, Conflict, ...). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** The message of a Kubernetes Status body, or its first line when the body is not one. */
export function statusMessage(response: ApiResponse): { reason: string; message: string } {
  try {
    const status = JSON.parse(response.text) as { kind?: string; reason?: string; message?: string };
    if (status.kind === 'Status') return { reason: status.reason ?? '', message: status.message ?? `HTTP ${response.status}` };
  } catch {
    // not JSON: the proxy's own error line (for example 'dial tcp ...: connection refused')
  }
  return { reason: '', message: response.text.trim().split('\n')[0] || `HTTP ${response.status}` };
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** The Accept header (default application/json), for example for metadata-only lists. */
  accept?: string;
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
export class KubeApi {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly socketDir: string,
    private readonly socketPath: string,
  ) {
    // a process that could not be started emits 'error' and never 'exit'
    this.exited = new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /**
   * Starts the proxy; rejects with kubectl's own error line (unknown context, unusable
   * kubeconfig, kubectl missing) when it does not start.
   */
  static async start(access: ClusterAccess, binary = 'kubectl', onSpawn?: (pid: number, socketDir: string) => void): Promise<KubeApi> {
    // a unix socket path must stay under 108 bytes: a deep RUNNER_TEMP falls back to /tmp
    const dir = createPrivateFolder(ACTION, access.env, 100 - '/api.sock'.length);
    const socketPath = join(dir, 'api.sock');
    const args = ['proxy', `--unix-socket=${socketPath}`, ...(access.context ? ['--context', access.context] : [])];
    const child = spawn(binary, args, { env: access.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const api = new KubeApi(child, dir, socketPath);
    // saved at once: a main killed before the proxy answers still leaves its pid to the post step
    if (child.pid !== undefined) onSpawn?.(child.pid, dir);
    try {
      await new Promise<void>((resolve, reject) => {
        let stdout = '';
        let stderr = '';
        const timer = setTimeout(
          () => reject(new Error(`kubectl proxy did not start within ${START_TIMEOUT_MS / 1000}s`)),
          START_TIMEOUT_MS,
        );
        const done = (error?: Error): void => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          if (stdout.includes('Starting to serve on')) done();
        });
        // kept short: only the last lines matter, and the pipe must keep draining
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
        child.once('error', (error) =>
          done((error as NodeJS.ErrnoException).code === 'ENOENT' ? new ToolMissingError(binary, undefined, error) : error),
        );
        child.once('exit', (code) =>
          done(new Error(lastErrorLine({ stderr, stdout: '' }).replace(/^error:\s*/i, '') || `kubectl proxy exited with ${code}`)),
        );
      });
    } catch (error) {
      await api.close();
      throw error;
    }
    return api;
  }

  /** One API call; resolves with any HTTP status, rejects only when no answer came. */
  request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signals = [timeout, ...(options.signal ? [options.signal] : [])];
    return new Promise((resolve, reject) => {
      const req = request(
        {
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
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            log.debug(`api: ${method} ${path} -> ${res.statusCode ?? 0}`);
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      req.on('error', (error) =>
        reject(new Error(`${method} ${path}: ${timeout.aborted ? `no answer within ${timeoutMs / 1000}s (timeout)` : error.message}`)),
      );
      req.end(payload);
    });
  }

  /** A call that must succeed: the parsed JSON body, or an ApiError naming the status and the reason. */
  async json<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(method, path, body, options);
    if (response.status < 200 || response.status > 299) {
      const { reason, message } = statusMessage(response);
      throw new ApiError(response.status, reason, message);
    }
    return JSON.parse(response.text) as T;
  }

  /** Stops the proxy and removes its socket folder. */
  async close(): Promise<void> {
    this.agent.destroy();
    if (this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      await this.exited;
      clearTimeout(killer);
    }
    removePrivateFolder(this.socketDir);
  }
}
