/**
 * A whole binary WebSocket message as a server sends it (RFC 6455 §5.2: FIN, opcode 2, no mask,
 * no extension), header and payload in one buffer. Built once for a message that goes to many
 * connections and written to each socket as one `write`, it costs a fraction of `ws.send`, which
 * frames every copy again and writes it as two buffers (cork, `writev`).
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const head = length < 126 ? 2 : length < 0x1_0000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x82;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 0x1_0000) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, head);
  return frame;
}
