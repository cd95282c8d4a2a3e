/** Parses a GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV file: name=value and name<<DELIM blocks. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const body: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) body.push(lines[i] as string);
      if (i >= lines.length) throw new Error(`runner file: '${name}' has no closing delimiter ${delimiter}`);
      result[name] = body.join('\n');
      continue;
    }
    const at = line.indexOf('=');
    if (at < 0) throw new Error(`runner file: line '${line}' is neither name=value nor name<<DELIMITER`);
    result[line.slice(0, at)] = line.slice(at + 1);
  }
  return result;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice' | 'debug';
  message: string;
  properties: Record<string, string>;
}

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

/** Workflow commands that make annotations (::error file=a,line=1::message). */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice|debug)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    annotations.push({ level: match[1] as Annotation['level'], message: unescapeData(match[3] ?? ''), properties });
  }
  return annotations;
}

/** Values registered with ::add-mask::. */
export function parseMasks(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .map((line) => /^::add-mask::(.*)$/.exec(line)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(unescapeData);
}
