import { EMPTY, overlaps, union, type CharSet } from './char-set';
import { parseRegex, RegexSyntaxError, type RegexNode } from './regex-syntax';

/** Largest repeat count a bounded quantifier may have. */
export const MAX_REPEAT = 256;
// Cap on how many characters a pattern may try at one position; with the rules below this bounds
// the work per start position, which is what makes the whole search linear in the input.
const MAX_MATCH_LENGTH = 4096;
// Product of the branch counts of alternations whose branches can start with the same character.
const MAX_AMBIGUITY = 256;
const MAX_SOURCE_LENGTH = 1000;
const ALLOWED_FLAGS = /^[imsu]*$/;

export class UnsafePatternError extends Error {}

interface Shape {
  minLength: number;
  maxLength: number;
  nullable: boolean;
  first: CharSet;
  chars: CharSet;
}

const ZERO_WIDTH: Shape = {
  minLength: 0,
  maxLength: 0,
  nullable: true,
  first: EMPTY,
  chars: EMPTY,
};

const isVariable = (shape: Shape): boolean => shape.minLength !== shape.maxLength;

/**
 * Rejects patterns that could backtrack super-linearly. Conservative by design: it accepts a
 * pattern only when every source of backtracking is bounded by a constant per start position.
 *
 * - no backreferences;
 * - look-arounds only over a fixed run of single characters (`(?<![A-Za-z])`);
 * - repeat counts at most MAX_REPEAT, except an unbounded quantifier as the very last thing
 *   in the pattern (`ORD-\d+`), where greedy matching never needs to give characters back;
 * - a repeated group must have a fixed length and unambiguous branches (`(?:\d{3}-){2}`);
 * - two variable-length parts with overlapping characters may not meet through optional parts
 *   (`\d{1,9}\d{1,9}`, `\w{1,20}\s?\w{1,20}`);
 * - no pattern that can match the empty string.
 */
export function assertLinearTimeSafe(source: string, flags = ''): void {
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new UnsafePatternError(`is longer than ${MAX_SOURCE_LENGTH} characters`);
  }
  if (!ALLOWED_FLAGS.test(flags) || new Set(flags).size !== flags.length) {
    throw new UnsafePatternError(`has flags '${flags}'; only i, m, s and u are allowed`);
  }
  try {
    new RegExp(source, flags);
  } catch (error) {
    throw new UnsafePatternError(`is not a valid regular expression (${(error as Error).message})`);
  }
  let tree: RegexNode;
  try {
    tree = parseRegex(source, flags);
  } catch (error) {
    if (error instanceof RegexSyntaxError) {
      throw new UnsafePatternError(`uses syntax the safety check cannot read: ${error.message}`);
    }
    throw error;
  }
  const analysis = new Analysis();
  const shape = analysis.shape(tree, true);
  if (shape.nullable) throw new UnsafePatternError('can match empty text');
  if (shape.maxLength !== Infinity && shape.maxLength > MAX_MATCH_LENGTH) {
    throw new UnsafePatternError(
      `can match up to ${shape.maxLength} characters at one position (limit ${MAX_MATCH_LENGTH})`,
    );
  }
  if (analysis.ambiguity > MAX_AMBIGUITY) {
    throw new UnsafePatternError(
      `has too many alternatives that start with the same characters (${analysis.ambiguity} combinations)`,
    );
  }
}

class Analysis {
  ambiguity = 1;

  /** `atEnd`: nothing that can fail follows this node, so an unbounded repeat is harmless. */
  shape(node: RegexNode, atEnd: boolean): Shape {
    switch (node.kind) {
      case 'char':
        return { minLength: 1, maxLength: 1, nullable: false, first: node.set, chars: node.set };
      case 'assertion':
        return ZERO_WIDTH;
      case 'backreference':
        throw new UnsafePatternError(
          `uses the backreference ${node.source}, which can take exponential time`,
        );
      case 'lookaround':
        this.assertSimpleLookaround(node.body, node.source);
        return ZERO_WIDTH;
      case 'group':
        return this.shape(node.body, atEnd);
      case 'alternation':
        return this.alternation(node.alternatives, atEnd);
      case 'sequence':
        return this.sequence(node.terms, atEnd);
      case 'quantified':
        return this.quantified(node, atEnd);
    }
  }

  private alternation(alternatives: readonly RegexNode[], atEnd: boolean): Shape {
    const shapes = alternatives.map((alternative) => this.shape(alternative, atEnd));
    if (startsOverlap(shapes)) this.ambiguity *= shapes.length;
    return {
      minLength: Math.min(...shapes.map((shape) => shape.minLength)),
      maxLength: Math.max(...shapes.map((shape) => shape.maxLength)),
      nullable: shapes.some((shape) => shape.nullable),
      first: union(...shapes.map((shape) => shape.first)),
      chars: union(...shapes.map((shape) => shape.chars)),
    };
  }

  private sequence(terms: readonly RegexNode[], atEnd: boolean): Shape {
    let minLength = 0;
    let maxLength = 0;
    let nullable = true;
    let first = EMPTY;
    let chars = EMPTY;
    // Variable-length terms that the next term can directly follow (through optional ones).
    let reachable: { shape: Shape; source: string }[] = [];
    terms.forEach((term, index) => {
      const shape = this.shape(term, atEnd && index === terms.length - 1);
      if (isVariable(shape)) {
        for (const earlier of reachable) {
          if (overlaps(earlier.shape.chars, shape.chars)) {
            throw new UnsafePatternError(
              `has '${earlier.source}' next to '${describe(term)}': adjacent variable-length parts that can match the same characters backtrack quadratically`,
            );
          }
        }
      }
      if (nullable) first = union(first, shape.first);
      minLength += shape.minLength;
      maxLength += shape.maxLength;
      nullable = nullable && shape.nullable;
      chars = union(chars, shape.chars);
      const entry = { shape, source: describe(term) };
      if (!shape.nullable) reachable = isVariable(shape) ? [entry] : [];
      else if (isVariable(shape)) reachable.push(entry);
    });
    return { minLength, maxLength, nullable, first, chars };
  }

  private quantified(node: Extract<RegexNode, { kind: 'quantified' }>, atEnd: boolean): Shape {
    const { min, max, source } = node;
    if (max === Infinity && !atEnd) {
      throw new UnsafePatternError(
        `repeats without limit in '${source}'; that is only allowed at the very end of the pattern, elsewhere use a bound such as {1,64}`,
      );
    }
    if (max !== Infinity && max > MAX_REPEAT) {
      throw new UnsafePatternError(
        `repeats up to ${max} times in '${source}' (limit ${MAX_REPEAT})`,
      );
    }
    // An optional part at the end is still at the end: skipping it cannot make anything fail.
    const body = this.shape(node.body, atEnd && max <= 1);
    if (max > 1) this.assertSafeRepeatedBody(node.body, body, source);
    return {
      minLength: min * body.minLength,
      maxLength: max === 0 ? 0 : max * body.maxLength,
      nullable: min === 0 || body.nullable,
      first: body.first,
      chars: body.chars,
    };
  }

  private assertSafeRepeatedBody(bodyNode: RegexNode, body: Shape, source: string): void {
    if (isVariable(body) || body.nullable) {
      throw new UnsafePatternError(
        `repeats a part of variable length in '${source}' (nested quantifier); give the repeated part a fixed length`,
      );
    }
    const alternatives = alternativesOf(bodyNode);
    if (
      alternatives.length > 1 &&
      startsOverlap(alternatives.map((alt) => this.shape(alt, false)))
    ) {
      throw new UnsafePatternError(
        `repeats alternatives that can start with the same character in '${source}'`,
      );
    }
  }

  private assertSimpleLookaround(body: RegexNode, source: string): void {
    const terms = body.kind === 'sequence' ? body.terms : [body];
    if (!terms.every((term) => term.kind === 'char')) {
      throw new UnsafePatternError(
        `uses the look-around ${source}; look-arounds may only test fixed characters, like (?<![A-Za-z])`,
      );
    }
  }
}

function alternativesOf(node: RegexNode): readonly RegexNode[] {
  if (node.kind === 'group') return alternativesOf(node.body);
  return node.kind === 'alternation' ? node.alternatives : [node];
}

function startsOverlap(shapes: readonly Shape[]): boolean {
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      const a = shapes[i] as Shape;
      const b = shapes[j] as Shape;
      if (a.nullable || b.nullable || overlaps(a.first, b.first)) return true;
    }
  }
  return false;
}

function describe(node: RegexNode): string {
  return 'source' in node ? node.source : 'a single character';
}
