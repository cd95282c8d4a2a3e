/** One line of `act --json`: logrus fields (job, step, stage, stepResult, jobResult, command, content, msg). */
export interface ActLine {
  job?: string;
  jobID?: string;
  step?: string;
  stage?: string;
  stepResult?: string;
  jobResult?: string;
  command?: string;
  arg?: string;
  content?: string;
  msg?: string;
  raw_output?: boolean;
  level?: string;
  time?: string;
}

export interface ActJob {
  /** act's job name (for a reusable workflow, "<caller job>/<called job>"). */
  name: string;
  result?: string;
  /** step name -> its main stage's result */
  steps: Record<string, string>;
  /** every step summary, in order */
  summaries: string[];
  /** the job's printed lines (raw step output and act's own, as act shows them: masked), in order */
  log: string[];
  /** the workflow commands act read from the steps (its JSON log also holds their raw text, add-mask values included: never shown on GitHub) */
  commands: { command: string; arg: string }[];
  /** first and last log time of the job and of each step's main stage (ms since the epoch; act logs whole seconds) */
  span?: { from: number; to: number };
  stepSpans: Record<string, { from: number; to: number }>;
}

function widen(span: { from: number; to: number } | undefined, at: number): { from: number; to: number } {
  return span ? { from: Math.min(span.from, at), to: Math.max(span.to, at) } : { from: at, to: at };
}

/** Reads `act --json` output into jobs: results, step results, summaries and log. Pure; lines that are not JSON are kept as act's own. */
export function parseActLog(text: string): { jobs: Record<string, ActJob>; other: string[] } {
  const jobs: Record<string, ActJob> = {};
  const other: string[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: ActLine;
    try {
      line = JSON.parse(raw) as ActLine;
    } catch {
      other.push(raw);
      continue;
    }
    if (!line.job) {
      other.push(line.msg ?? raw);
      continue;
    }
    const name = line.job.trim();
    const job = (jobs[name] ??= { name, steps: {}, summaries: [], log: [], commands: [], stepSpans: {} });
    const at = line.time ? Date.parse(line.time) : NaN;
    if (!Number.isNaN(at)) {
      job.span = widen(job.span, at);
      if (line.step && (line.stage ?? 'Main') === 'Main') job.stepSpans[line.step] = widen(job.stepSpans[line.step], at);
    }
    if (line.command && line.command !== 'summary') job.commands.push({ command: line.command, arg: line.arg ?? '' });
    if (line.jobResult) job.result = line.jobResult;
    if (line.command === 'summary' && line.content) job.summaries.push(line.content);
    if (line.step && line.stepResult && (line.stage ?? 'Main') === 'Main') job.steps[line.step] = line.stepResult;
    if (line.msg !== undefined) job.log.push(line.msg.replace(/\n$/, ''));
  }
  return { jobs, other };
}
