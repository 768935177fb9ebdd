import { SetMetadata } from '@nestjs/common';
import type { BodyLimitSetting } from './body-limit';

/** How a body reaches the handler: parsed JSON, UTF-8 text (NDJSON) or the bytes themselves. */
export type BodyFormat = 'json' | 'text' | 'bytes';

export interface AcceptedType {
  format: BodyFormat;
  /** A format whose bodies are always compressed this way, header or not (Loki's protobuf). */
  compressed?: 'snappy';
}

export interface BodySpec {
  /** Media types (lower case, without parameters) the route reads, and how. */
  types: Readonly<Record<string, BodyFormat | AcceptedType>>;
  limit: BodyLimitSetting;
  /** The 415 answer for any other media type. */
  refusal: string;
  /**
   * An empty body: refused (400); read as an empty object (`{}` for "no options", and then a
   * request with no body at all needs no media type); or, for bytes and text, passed on empty
   * (an empty protobuf message is a valid one).
   */
  empty: 'refuse' | 'empty-object' | 'as-is';
}

export const BODY_SPEC = 'redtail:body-spec';

/**
 * The route takes a body. It is read by `ReadBodyInterceptor`, after the guards: a request
 * without a valid key is answered 401 before a byte of its body is looked at. Routes without
 * this decorator never read their body.
 */
export const ReadBody = (spec: BodySpec) => SetMetadata(BODY_SPEC, spec);
