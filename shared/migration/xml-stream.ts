/**
 * A streaming XML reader (saxes) that hands over one record element at a time (a Disqus `<post>`,
 * a WordPress `<item>`, an Atom `<entry>`) as a small tree, so memory stays bounded by the largest
 * record, never the file. Malformed XML throws with the line and column saxes reports.
 */
import { SaxesParser } from 'saxes';

export interface XmlNode {
  /** Local name, without the namespace prefix (prefixes vary between exporters). */
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlNode[];
  text: string;
}

const local = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);

export class XmlSyntaxError extends Error {}

/**
 * Feeds `chunks` through saxes and calls `onRecord` for every element whose local name is in
 * `records` (not nested in another record). `onRoot` sees the document element's name first.
 */
export const streamRecords = async (
  chunks: AsyncIterable<string>,
  records: ReadonlySet<string>,
  onRecord: (node: XmlNode) => void,
  onRoot?: (name: string, attrs: Record<string, string>) => void,
): Promise<void> => {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlNode[] = [];
  let depth = 0;
  let failure: Error | undefined;
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attrs[local(name)] = String(value);
    if (depth === 0) onRoot?.(local(tag.name), attrs);
    depth++;
    const node: XmlNode = { name: local(tag.name), attrs, children: [], text: '' };
    if (stack.length > 0) stack.at(-1)!.children.push(node);
    else if (!records.has(node.name)) return;
    stack.push(node);
  });
  const onText = (text: string) => {
    if (stack.length > 0) stack.at(-1)!.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth--;
    const node = stack.pop();
    if (node && stack.length === 0) onRecord(node);
  });
  parser.on('error', (error) => {
    failure ??= new XmlSyntaxError(`Malformed XML at line ${parser.line}, column ${parser.column}: ${error.message}`);
  });
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
};

export const child = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);
export const childText = (node: XmlNode, name: string): string | null => child(node, name)?.text ?? null;
export const childrenNamed = (node: XmlNode, name: string): XmlNode[] => node.children.filter((c) => c.name === name);
