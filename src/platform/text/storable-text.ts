/**
 * PostgreSQL cannot store U+0000 in `text` or `jsonb`, nor a UTF-16 surrogate that is not part of a pair (JSON's
 * `"\ud800"`): either fails the query on the server's side. A request carrying one is refused up front, at the field,
 * instead. The walk is iterative so that a body nested thousands deep (valid JSON) cannot exhaust the stack, and the
 * pointer is only built for the field that is found.
 */

interface Node {
  value: unknown;
  parent: number;
  key: string;
}

export interface UnstorableText {
  /** RFC 6901 pointer of the string (or of the key) that holds the character; `''` for a bare string body. */
  pointer: string;
  /** The character as `U+XXXX`. */
  character: string;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorable(text: string): string | undefined {
  if (text.includes('\0')) return 'U+0000';
  const lone = LONE_SURROGATE.exec(text);
  return lone ? `U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}` : undefined;
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** The first string or key in a parsed body that PostgreSQL could not store, or undefined when there is none. */
export function findUnstorableText(body: unknown): UnstorableText | undefined {
  if (typeof body === 'string') {
    const character = unstorable(body);
    return character ? { pointer: '', character } : undefined;
  }
  if (body === null || typeof body !== 'object') return undefined;
  const nodes: Node[] = [{ value: body, parent: -1, key: '' }];
  for (let i = 0; i < nodes.length; i++) {
    const { value } = nodes[i]!;
    if (typeof value === 'string') {
      const character = unstorable(value);
      if (character) return { pointer: pointerOf(nodes, i), character };
    } else if (Array.isArray(value)) {
      for (let k = 0; k < value.length; k++)
        nodes.push({ value: value[k] as unknown, parent: i, key: String(k) });
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const character = unstorable(k);
        if (character) return { pointer: `${pointerOf(nodes, i)}/${escapePointer(k)}`, character };
        nodes.push({ value: v, parent: i, key: k });
      }
    }
  }
  return undefined;
}

function pointerOf(nodes: readonly Node[], index: number): string {
  const keys: string[] = [];
  for (let i = index; i > 0; i = nodes[i]!.parent) keys.push(escapePointer(nodes[i]!.key));
  return keys
    .reverse()
    .map((k) => `/${k}`)
    .join('');
}

/**
 * Whether JSON text could parse to an unstorable string: only a `\u` escape can produce U+0000 or a lone surrogate
 * (a raw control character is not valid JSON, and decoding UTF-8 never yields a surrogate). A cheap test that spares
 * the walk on a hot path.
 */
export const mayHoldUnstorableText = (json: string): boolean => json.includes('\\u');
