/* Hand-written support for decoding untrusted bytes with protobuf-c. */
#ifndef WIRE_SUPPORT_H
#define WIRE_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

/** Why `wire_decode` refused its input. */
typedef enum {
  WIRE_DECODE_OK = 0,
  /** Not a valid protobuf encoding of the message (truncated, bad wire type, field 0, …). */
  WIRE_DECODE_MALFORMED = 1,
  /** A string field that is not UTF-8 or contains a NUL byte (`wire_decode_error_field` says which). */
  WIRE_DECODE_INVALID_STRING = 2,
  /** Decoding would allocate more than the budget. */
  WIRE_DECODE_TOO_LARGE = 3
} wire_decode_status;

typedef struct {
  wire_decode_status status;
  /** Dotted path of the offending field (for WIRE_DECODE_INVALID_STRING), NUL-terminated. */
  char field[192];
} wire_decode_error;

/**
 * Decodes `len` bytes as a message of `descriptor`, refusing what protobuf-c would accept
 * silently or expensively:
 *
 * - string fields that are not UTF-8 (RFC 3629) or contain NUL: protobuf-c hands out C strings,
 *   so "ab\0cd" would quietly become "ab". One pass over the bytes checks every string field,
 *   recursing into sub-messages (map entries included), at most 32 levels deep.
 * - allocation beyond `limit` bytes in total: a small frame of many empty sub-messages or
 *   repeated entries costs far more memory than wire bytes.
 *
 * Returns NULL on failure with `error->status` saying why. Free the result with
 * `wire_free_unpacked`.
 */
ProtobufCMessage *wire_decode(const ProtobufCMessageDescriptor *descriptor, size_t len,
                              const uint8_t *data, size_t limit, wire_decode_error *error);

/** Frees a message returned by `wire_decode`. */
void wire_free_unpacked(ProtobufCMessage *message);

/** Whether `len` bytes are valid UTF-8 without NUL (what `wire_decode` requires of strings). */
int wire_valid_string(const uint8_t *data, size_t len);

#endif
