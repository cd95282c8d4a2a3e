import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

// The runner reads action.yml with a template schema: `${{ }}` is evaluated only where the
// schema allows an expression, and anywhere else the action fails to load ("A template
// expression is not allowed in this context"). For every kind of action that is an input's
// default; composite actions also take expressions in their steps, in runs.env and in
// outputs.<name>.value; docker actions in runs.env, runs.args and runs.entrypoint.

const EXPRESSION = /\$\{\{/;

/** Whether the runner accepts an expression at this path of an action.yml of this kind. */
export function expressionAllowed(path: readonly (string | number)[], using: string): boolean {
  const [top, name, field] = path;
  if (top === 'inputs' && path.length === 3 && field === 'default') return true;
  if (using === 'composite') {
    if (top === 'outputs' && path.length === 3 && field === 'value') return true;
    if (top === 'runs' && (name === 'steps' || name === 'env')) return true;
  }
  if (using === 'docker' && top === 'runs' && (name === 'env' || name === 'args' || name === 'entrypoint')) return true;
  return false;
}

function walk(node: Node | null | undefined, path: (string | number)[], visit: (path: (string | number)[], text: string) => void): void {
  if (!node) return;
  if (isScalar(node)) {
    if (typeof node.value === 'string') visit(path, node.value);
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (EXPRESSION.test(key)) visit([...path, key], key);
      walk(pair.value as Node, [...path, key], visit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => walk(item as Node, [...path, index], visit));
  }
}

/** Every place in an action.yml text where an expression would stop the runner from loading the action. */
export function expressionProblems(actionYaml: string): string[] {
  const doc = parseDocument(actionYaml);
  const runs = doc.get('runs') as { get?: (key: string) => unknown } | undefined;
  const using = String(runs?.get?.('using') ?? '');
  const problems: string[] = [];
  walk(doc.contents as Node, [], (path, text) => {
    if (EXPRESSION.test(text) && !expressionAllowed(path, using)) {
      problems.push(`${path.join('.')}: expressions are not allowed here (the runner refuses to load the action)`);
    }
  });
  return problems;
}
