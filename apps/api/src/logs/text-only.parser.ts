import { Decoder, Encoder, Packet, PacketType, protocol } from 'socket.io-parser';

/**
 * JSON serialised already, to be sent as it is. The gateway encodes each live entry once per tick
 * and sends the same text to every viewer, in one packet or spliced into a coalesced one, so no
 * viewer costs the server a second `JSON.stringify` of the same entry. `toJSON` keeps it correct
 * for any encoder that does not know it (it then costs a parse and a second serialisation).
 */
export class RawJson {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/**
 * Socket.IO's default encoder walks every emitted object looking for binary
 * attachments before serialising it; for a batch of 500 log entries that walk
 * cost about as much as the JSON itself (≈8 % of server CPU in the batch
 * benchmark). Redtail never sends binary, so this encoder goes straight to
 * the standard text packet, which the stock client decoder reads unchanged.
 * Arguments given as `RawJson` are spliced in without being serialised again.
 */
export class TextOnlyEncoder extends Encoder {
  override encode(packet: Packet): string[] {
    let text = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) text += packet.id;
    if (packet.data !== undefined && packet.data !== null) text += serialise(packet.data);
    return [text];
  }
}

/** An event's arguments with any `RawJson` spliced in; anything else exactly as `JSON.stringify`. */
function serialise(data: unknown): string {
  if (!Array.isArray(data) || !data.some((argument) => argument instanceof RawJson)) {
    return JSON.stringify(data);
  }
  const parts = data.map((argument: unknown) =>
    argument instanceof RawJson ? argument.json : (JSON.stringify(argument) ?? 'null'),
  );
  return `[${concatenate(parts, ',')}]`;
}

/** A `logs` event's `LiveBlock` from rows serialised already, which are spliced in as they are. */
export function rawLiveBlock(epoch: number, rows: readonly string[]): RawJson {
  return new RawJson(`{"epoch":${epoch},"rows":[${concatenate(rows, ',')}]}`);
}

/**
 * `parts.join(separator)` without copying the parts: `+` leaves V8 a rope of the pieces, which
 * the websocket write turns into bytes with one copy. `join` copies every part into a new string
 * first, and a live block went through two joins (its rows, then the packet), so each entry's
 * text was copied twice more before it was written (bench/findings.md, 2026-12-03).
 */
export function concatenate(parts: readonly string[], separator: string): string {
  let text = parts.length > 0 ? parts[0] : '';
  for (let i = 1; i < parts.length; i += 1) text = text + separator + parts[i];
  return text;
}

/** The `parser` option for the Socket.IO server. */
export const textOnlyParser = { protocol, PacketType, Encoder: TextOnlyEncoder, Decoder };
