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
