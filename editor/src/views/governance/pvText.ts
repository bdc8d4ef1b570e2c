/**
 * The PV extract typed as plain text, as the ProseMirror JSON the API stores (rich-text schema):
 * one paragraph per line, blank lines kept as empty paragraphs between blocks. Pure.
 */
export interface PmDoc {
  type: 'doc';
  content: { type: 'paragraph'; content?: { type: 'text'; text: string }[] }[];
}

export function plainTextToDoc(text: string): PmDoc | null {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trimEnd());
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) return null;
  const content: PmDoc['content'] = [];
  for (const line of lines) {
    // Two blank lines in a row make one empty paragraph.
    if (line.trim() === '' && content.length && !content[content.length - 1]!.content) continue;
    content.push(line.trim() === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] });
  }
  return { type: 'doc', content };
}

/** The plain text of a ProseMirror JSON document (for summaries and tests). */
export function docToPlainText(node: unknown): string {
  const n = node as { type?: string; text?: string; content?: unknown[] } | null;
  if (!n || typeof n !== 'object') return '';
  if (n.type === 'text') return typeof n.text === 'string' ? n.text : '';
  if (n.type === 'hardBreak') return '\n';
  const inner = Array.isArray(n.content) ? n.content.map(docToPlainText) : [];
  const blocky =
    n.type === 'doc' || n.type === 'bulletList' || n.type === 'orderedList' || n.type === 'table' || n.type === 'tableRow' || n.type === 'blockquote';
  return inner.join(blocky ? '\n' : '');
}
