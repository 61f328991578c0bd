/**
 * A random RFC 4122 version 4 UUID. `crypto.randomUUID` exists only in secure
 * contexts (HTTPS or localhost); a desk reached over plain HTTP on the shop's
 * network still has `getRandomValues`, so build one from that.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext !== false)
    return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
