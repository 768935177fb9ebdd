import { parse, type Type } from 'protobufjs';

/**
 * Loki's push request, written from the public definition (pkg/push/push.proto). The timestamp
 * is google.protobuf.Timestamp's wire form, declared here rather than imported.
 */
const LOKI_PUSH_PROTO = `
syntax = "proto3";
package redtail.loki;

message PushRequest {
  repeated StreamAdapter streams = 1;
}

message StreamAdapter {
  string labels = 1;
  repeated EntryAdapter entries = 2;
  uint64 hash = 3;
}

message EntryAdapter {
  Timestamp timestamp = 1;
  string line = 2;
  repeated LabelPairAdapter structuredMetadata = 3;
}

message LabelPairAdapter {
  string name = 1;
  string value = 2;
}

message Timestamp {
  int64 seconds = 1;
  int32 nanos = 2;
}
`;

export const PushRequest: Type = parse(LOKI_PUSH_PROTO, { keepCase: true }).root.lookupType(
  'redtail.loki.PushRequest',
);
