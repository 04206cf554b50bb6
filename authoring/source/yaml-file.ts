import fs from 'node:fs';
import { LineCounter, isCollection, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { SourceError } from '../problems';

/** A key path into a YAML document: map keys and sequence indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** A parsed YAML source file that can say on which line any value stands. */
export interface YamlFile {
  file: string;
  text: string;
  doc: Document;
  data: unknown;
  /** The 1-based line of the value at `path`, or of the nearest enclosing value that exists. */
  lineOf(path: YamlPath): number;
  /** The YAML node at `path` (for editing scalars in place), if there is one. */
  nodeAt(path: YamlPath): Node | undefined;
}

export function readYamlFile(file: string): YamlFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new SourceError([{ rule: 'file-missing', severity: 'error', file, message: 'this file cannot be read', fix: 'create it, or check the folder name' }]);
  }
  return parseYamlText(file, text);
}

export function parseYamlText(file: string, text: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SourceError(
      doc.errors.map((error) => ({
        rule: 'yaml-syntax',
        severity: 'error' as const,
        file,
        line: lines.linePos(error.pos[0]).line,
        message: `this is not valid YAML: ${error.message.split('\n')[0]}`,
        fix: 'check the indentation (spaces, not tabs), the colons after names and the quotes around texts that contain ": " or start with a special character',
      })),
    );
  }
  const nodeAt = (path: YamlPath): Node | undefined => {
    let node: unknown = doc.contents;
    for (const key of path) {
      if (!isCollection(node)) return undefined;
      node = isSeq(node) && typeof key === 'number' ? node.items[key] : isMap(node) ? node.get(key, true) : undefined;
      if (node === undefined) return undefined;
    }
    return node as Node;
  };
  const lineOf = (path: YamlPath): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = nodeAt(path.slice(0, depth));
      const offset = node?.range?.[0];
      if (offset !== undefined) return lines.linePos(offset).line;
    }
    return 1;
  };
  return { file, text, doc, data: doc.toJS(), lineOf, nodeAt };
}

export { isMap, isScalar, isSeq };
