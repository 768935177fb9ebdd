import {
  ANY,
  ANY_BUT_NEWLINE,
  caseFolded,
  charRange,
  complement,
  DIGITS,
  EMPTY,
  singleChar,
  SPACE,
  union,
  WORD,
  type CharSet,
} from './char-set';

export type RegexNode =
  | { kind: 'alternation'; alternatives: RegexNode[] }
  | { kind: 'sequence'; terms: RegexNode[] }
  | { kind: 'char'; set: CharSet }
  | { kind: 'group'; body: RegexNode; source: string }
  | { kind: 'quantified'; body: RegexNode; min: number; max: number; source: string }
  | { kind: 'assertion' }
  | { kind: 'lookaround'; body: RegexNode; source: string }
  | { kind: 'backreference'; source: string };

export class RegexSyntaxError extends Error {}

const CLASS_ESCAPES: Readonly<Record<string, CharSet>> = {
  d: DIGITS,
  D: complement(DIGITS),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};

const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

/**
 * Parses the subset of JavaScript regex syntax needed to reason about backtracking. It is run
 * after `new RegExp` has accepted the source, so it can be lenient about what the engine
 * already rejects.
 */
export function parseRegex(source: string, flags: string): RegexNode {
  return new Parser(source, flags).parse();
}

class Parser {
  private pos = 0;
  private readonly unicode: boolean;
  private readonly ignoreCase: boolean;
  private readonly dotAll: boolean;

  constructor(
    private readonly source: string,
    flags: string,
  ) {
    this.unicode = flags.includes('u');
    this.ignoreCase = flags.includes('i');
    this.dotAll = flags.includes('s');
  }

  parse(): RegexNode {
    const node = this.disjunction();
    if (this.pos < this.source.length) {
      throw new RegexSyntaxError(`unexpected '${this.peek()}' at ${this.pos}`);
    }
    return node;
  }

  private peek(offset = 0): string {
    return this.source.charAt(this.pos + offset);
  }

  private disjunction(): RegexNode {
    const alternatives = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      alternatives.push(this.sequence());
    }
    return alternatives.length === 1
      ? (alternatives[0] as RegexNode)
      : { kind: 'alternation', alternatives };
  }

  private sequence(): RegexNode {
    const terms: RegexNode[] = [];
    while (this.pos < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      terms.push(this.term());
    }
    return { kind: 'sequence', terms };
  }

  private term(): RegexNode {
    const start = this.pos;
    const atom = this.atom();
    const bounds = this.quantifier();
    if (bounds === undefined) return atom;
    if (atom.kind === 'assertion' || atom.kind === 'lookaround') {
      throw new RegexSyntaxError(`quantified assertion at ${start}`);
    }
    return {
      kind: 'quantified',
      body: atom,
      ...bounds,
      source: this.source.slice(start, this.pos),
    };
  }

  private atom(): RegexNode {
    const char = this.peek();
    switch (char) {
      case '^':
      case '$':
        this.pos++;
        return { kind: 'assertion' };
      case '(':
        return this.group();
      case '[':
        return { kind: 'char', set: this.fold(this.characterClass()) };
      case '.':
        this.pos++;
        return { kind: 'char', set: this.dotAll ? ANY : ANY_BUT_NEWLINE };
      case '\\':
        return this.atomEscape();
      case '*':
      case '+':
      case '?':
        throw new RegexSyntaxError(`nothing to repeat at ${this.pos}`);
      default:
        return { kind: 'char', set: this.fold(singleChar(this.literalCodePoint())) };
    }
  }

  private literalCodePoint(): number {
    const codePoint = this.unicode
      ? (this.source.codePointAt(this.pos) ?? 0)
      : this.source.charCodeAt(this.pos);
    this.pos += codePoint > 0xffff ? 2 : 1;
    return codePoint;
  }

  private fold(set: CharSet): CharSet {
    return this.ignoreCase ? caseFolded(set) : set;
  }

  private group(): RegexNode {
    const start = this.pos;
    this.pos++;
    let lookaround = false;
    if (this.peek() === '?') {
      const marker = this.peek(1);
      const behind = marker === '<' && (this.peek(2) === '=' || this.peek(2) === '!');
      if (marker === ':') {
        this.pos += 2;
      } else if (marker === '=' || marker === '!') {
        this.pos += 2;
        lookaround = true;
      } else if (behind) {
        this.pos += 3;
        lookaround = true;
      } else if (marker === '<') {
        const close = this.source.indexOf('>', this.pos);
        if (close === -1) throw new RegexSyntaxError(`unterminated group name at ${start}`);
        this.pos = close + 1;
      } else {
        throw new RegexSyntaxError(`unsupported group syntax at ${start}`);
      }
    }
    const body = this.disjunction();
    if (this.peek() !== ')') throw new RegexSyntaxError(`unterminated group at ${start}`);
    this.pos++;
    return lookaround
      ? { kind: 'lookaround', body, source: this.source.slice(start, this.pos) }
      : { kind: 'group', body, source: this.source.slice(start, this.pos) };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const char = this.peek();
    let bounds: { min: number; max: number } | undefined;
    if (char === '*') bounds = { min: 0, max: Infinity };
    else if (char === '+') bounds = { min: 1, max: Infinity };
    else if (char === '?') bounds = { min: 0, max: 1 };
    if (bounds !== undefined) {
      this.pos++;
    } else if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
      if (match === null) return undefined;
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
      bounds = { min, max };
      this.pos += match[0].length;
    } else {
      return undefined;
    }
    if (this.peek() === '?') this.pos++;
    return bounds;
  }

  private atomEscape(): RegexNode {
    const start = this.pos;
    const next = this.peek(1);
    if (next === 'b' || next === 'B') {
      this.pos += 2;
      return { kind: 'assertion' };
    }
    if (/[1-9]/.test(next) || (next === 'k' && this.peek(2) === '<')) {
      this.pos += 2;
      while (/[0-9]/.test(this.peek())) this.pos++;
      if (next === 'k') this.pos = this.source.indexOf('>', this.pos) + 1;
      return { kind: 'backreference', source: this.source.slice(start, this.pos) };
    }
    return { kind: 'char', set: this.fold(this.escapedSet()) };
  }

  /** The set for the escape at `pos` (which is on the backslash); advances past it. */
  private escapedSet(): CharSet {
    this.pos++;
    const char = this.peek();
    this.pos++;
    const classEscape = CLASS_ESCAPES[char];
    if (classEscape !== undefined) return classEscape;
    const control = CONTROL_ESCAPES[char];
    if (control !== undefined) return singleChar(control);
    if ((char === 'p' || char === 'P') && this.unicode && this.peek() === '{') {
      this.pos = this.source.indexOf('}', this.pos) + 1;
      // Unicode properties reach both ASCII and beyond; treat them as overlapping everything.
      return ANY;
    }
    if (char === 'x' && /^[0-9A-Fa-f]{2}$/.test(this.source.slice(this.pos, this.pos + 2))) {
      this.pos += 2;
      return singleChar(parseInt(this.source.slice(this.pos - 2, this.pos), 16));
    }
    if (char === 'u') return singleChar(this.unicodeEscape());
    if (char === 'c' && /[A-Za-z]/.test(this.peek())) {
      this.pos++;
      return singleChar(this.source.charCodeAt(this.pos - 1) % 32);
    }
    if (char === '0') return singleChar(0);
    return singleChar(char.codePointAt(0) ?? 0);
  }

  private unicodeEscape(): number {
    if (this.peek() === '{') {
      const close = this.source.indexOf('}', this.pos);
      const codePoint = parseInt(this.source.slice(this.pos + 1, close), 16);
      this.pos = close + 1;
      return codePoint;
    }
    const hex = this.source.slice(this.pos, this.pos + 4);
    if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return 117; // a lone `\u` is a literal `u` outside u-mode
    this.pos += 4;
    return parseInt(hex, 16);
  }

  private characterClass(): CharSet {
    const start = this.pos;
    this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const parts: CharSet[] = [];
    while (this.peek() !== ']') {
      if (this.pos >= this.source.length) {
        throw new RegexSyntaxError(`unterminated character class at ${start}`);
      }
      const from = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && from.code !== undefined) {
        this.pos++;
        const to = this.classAtom();
        parts.push(
          to.code === undefined
            ? union(from.set, singleChar(45), to.set)
            : charRange(from.code, to.code),
        );
      } else {
        parts.push(from.set);
      }
    }
    this.pos++;
    const set = parts.length === 0 ? EMPTY : union(...parts);
    return negated ? complement(set) : set;
  }

  private classAtom(): { set: CharSet; code?: number } {
    if (this.peek() !== '\\') {
      const code = this.literalCodePoint();
      return { set: singleChar(code), code };
    }
    if (this.peek(1) === 'b') {
      this.pos += 2;
      return { set: singleChar(8), code: 8 };
    }
    if (this.peek(1) === '-') {
      this.pos += 2;
      return { set: singleChar(45), code: 45 };
    }
    const set = this.escapedSet();
    const single = set.nonAscii ? undefined : singleCode(set);
    return single === undefined ? { set } : { set, code: single };
  }
}

function singleCode(set: CharSet): number | undefined {
  if (set.ascii === 0n || (set.ascii & (set.ascii - 1n)) !== 0n) return undefined;
  return set.ascii.toString(2).length - 1;
}
