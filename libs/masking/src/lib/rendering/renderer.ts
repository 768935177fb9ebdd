import type { MaskMode } from '../types';
import { partialForm } from './partial';
import type { PseudonymKey } from './pseudonym';

export type Renderer = (type: string, value: string) => string;

export function placeholder(type: string): string {
  return `[${type}]`;
}

export function createRenderer(mode: MaskMode, pseudonyms: PseudonymKey | undefined): Renderer {
  switch (mode) {
    case 'redact':
      return placeholder;
    case 'partial':
      return (type, value) => partialForm(type, value) ?? placeholder(type);
    case 'pseudonym':
      if (pseudonyms === undefined) throw new TypeError('pseudonym mode needs a pseudonymKey');
      return (type, value) => `[${type}:${pseudonyms.tag(type, value)}]`;
  }
}
