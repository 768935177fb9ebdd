/**
 * A set of words over `[a-z0-9]`, matched case-insensitively and without copying the text:
 * the context scans test words at many positions of every log line, and building a lower-cased
 * substring for each test was most of their cost.
 */
interface Node<T> {
  next: (Node<T> | undefined)[];
  value: T | undefined;
}

const ALPHABET = 75; // '0' (48) … 'z' (122)

const emptyNode = <T>(): Node<T> => ({
  next: new Array(ALPHABET).fill(undefined),
  value: undefined,
});

/** Lower-case code minus 48 for `[A-Za-z0-9]`, or -1. */
function slot(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 32;
  return lower >= 97 && lower <= 122 ? lower - 48 : -1;
}

export class WordTrie<T> {
  private readonly forward = emptyNode<T>();

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [word, value] of entries) {
      let node = this.forward;
      for (let i = 0; i < word.length; i++) {
        const index = slot(word.charCodeAt(i));
        if (index < 0) throw new Error(`word-trie: unsupported character in ${word}`);
        let next = node.next[index];
        if (next === undefined) {
          next = emptyNode<T>();
          node.next[index] = next;
        }
        node = next;
      }
      node.value = value;
    }
  }

  /**
   * The value of the word spelled by `text[start, end)`, skipping the characters `skip` accepts
   * (`_`, `-`, `.` in `api_key`), or undefined.
   */
  lookup(
    text: string,
    start: number,
    end: number,
    skip?: (code: number) => boolean,
  ): T | undefined {
    let node: Node<T> | undefined = this.forward;
    for (let i = start; i < end && node !== undefined; i++) {
      const code = text.charCodeAt(i);
      if (skip?.(code)) continue;
      const index = slot(code);
      node = index < 0 ? undefined : node.next[index];
    }
    return node?.value;
  }
}
