/* Hand-written support for decoding untrusted bytes with protobuf-c. */
#ifndef WIRE_SUPPORT_H
#define WIRE_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

/**
 * Unpacks `len` bytes as a message of `descriptor` with an allocator that refuses to hand out
 * more than `limit` bytes in total, so a small frame cannot make the decoder allocate without
 * bound (many empty sub-messages or repeated entries each cost far more memory than wire bytes).
 * Returns NULL on malformed input or when the budget is exceeded; then `*exceeded` says which.
 * Free the result with `wire_free_unpacked`.
 */
ProtobufCMessage *wire_unpack_bounded(const ProtobufCMessageDescriptor *descriptor,
                                      size_t len, const uint8_t *data,
                                      size_t limit, int *exceeded);

/** Frees a message returned by `wire_unpack_bounded`. */
void wire_free_unpacked(ProtobufCMessage *message);

#endif
