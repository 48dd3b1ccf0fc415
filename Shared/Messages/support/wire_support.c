/* Hand-written support for decoding untrusted bytes with protobuf-c. */
#include "wire_support.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 32 };

typedef struct {
  size_t used;
  size_t limit;
  int exceeded;
} wire_budget;

static void *budget_alloc(void *data, size_t size) {
  wire_budget *budget = data;
  if (size > budget->limit - budget->used) {
    budget->exceeded = 1;
    return NULL;
  }
  budget->used += size;
  return malloc(size);
}

static void budget_free(void *data, void *pointer) {
  (void)data;
  free(pointer);
}

int wire_valid_string(const uint8_t *s, size_t n) {
  size_t i = 0;
  /* ASCII without NUL, eight bytes at a time: tokens, names and keys are, and this runs for
     every string of every frame decoded. A word with a high bit set falls through to the
     byte-by-byte check; one with a zero byte is refused (the test is exact for ASCII words). */
  while (n - i >= 8) {
    uint64_t word;
    memcpy(&word, s + i, 8);
    if (word & 0x8080808080808080ull) break;
    if ((word - 0x0101010101010101ull) & ~word & 0x8080808080808080ull) return 0;
    i += 8;
  }
  while (i < n) {
    uint8_t b0 = s[i];
    if (b0 < 0x80) {
      if (b0 == 0) return 0;
      i++;
      continue;
    }
    size_t needed;
    uint8_t lower = 0x80, upper = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) needed = 1;
    else if (b0 == 0xE0) { needed = 2; lower = 0xA0; }
    else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) needed = 2;
    else if (b0 == 0xED) { needed = 2; upper = 0x9F; }
    else if (b0 == 0xF0) { needed = 3; lower = 0x90; }
    else if (b0 >= 0xF1 && b0 <= 0xF3) needed = 3;
    else if (b0 == 0xF4) { needed = 3; upper = 0x8F; }
    else return 0;
    if (n - i <= needed) return 0;
    if (s[i + 1] < lower || s[i + 1] > upper) return 0;
    for (size_t k = 2; k <= needed; k++) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return 0;
    }
    i += needed + 1;
  }
  return 1;
}

static int read_varint(const uint8_t *data, size_t len, size_t *at, uint64_t *out) {
  uint64_t result = 0;
  unsigned shift = 0;
  while (*at < len && shift < 70) {
    uint8_t byte = data[(*at)++];
    result |= (uint64_t)(byte & 0x7F) << shift;
    if (!(byte & 0x80)) {
      *out = result;
      return 1;
    }
    shift += 7;
  }
  return 0;
}

/* Prepends "name." to the path already in error->field (the inner part was written first). */
static void prepend_path(wire_decode_error *error, const char *name, int inner) {
  char joined[sizeof error->field];
  if (inner) snprintf(joined, sizeof joined, "%s.%s", name, error->field);
  else snprintf(joined, sizeof joined, "%s", name);
  memcpy(error->field, joined, sizeof joined);
}

static wire_decode_status scan(const ProtobufCMessageDescriptor *descriptor, const uint8_t *data,
                               size_t len, int depth, wire_decode_error *error) {
  if (depth >= MAX_DEPTH) return WIRE_DECODE_MALFORMED;
  size_t at = 0;
  while (at < len) {
    uint64_t key;
    if (!read_varint(data, len, &at, &key)) return WIRE_DECODE_MALFORMED;
    uint64_t number = key >> 3;
    if (number == 0 || number > 536870911u) return WIRE_DECODE_MALFORMED;
    switch (key & 7) {
      case 0: {
        uint64_t ignored;
        if (!read_varint(data, len, &at, &ignored)) return WIRE_DECODE_MALFORMED;
        break;
      }
      case 1:
        if (len - at < 8) return WIRE_DECODE_MALFORMED;
        at += 8;
        break;
      case 5:
        if (len - at < 4) return WIRE_DECODE_MALFORMED;
        at += 4;
        break;
      case 2: {
        uint64_t size;
        if (!read_varint(data, len, &at, &size) || size > len - at) return WIRE_DECODE_MALFORMED;
        const uint8_t *body = data + at;
        at += (size_t)size;
        const ProtobufCFieldDescriptor *field =
            protobuf_c_message_descriptor_get_field(descriptor, (unsigned)number);
        if (!field) break; /* unknown fields are kept by protobuf-c, not inspected */
        if (field->type == PROTOBUF_C_TYPE_STRING) {
          if (!wire_valid_string(body, (size_t)size)) {
            prepend_path(error, field->name, 0);
            return WIRE_DECODE_INVALID_STRING;
          }
        } else if (field->type == PROTOBUF_C_TYPE_MESSAGE) {
          wire_decode_status status = scan(field->descriptor, body, (size_t)size, depth + 1, error);
          if (status == WIRE_DECODE_INVALID_STRING) prepend_path(error, field->name, 1);
          if (status != WIRE_DECODE_OK) return status;
        }
        break;
      }
      default: /* groups (3, 4) and undefined wire types */
        return WIRE_DECODE_MALFORMED;
    }
  }
  return WIRE_DECODE_OK;
}

ProtobufCMessage *wire_decode(const ProtobufCMessageDescriptor *descriptor, size_t len,
                              const uint8_t *data, size_t limit, wire_decode_error *error) {
  static const uint8_t empty = 0;
  error->status = WIRE_DECODE_OK;
  error->field[0] = 0;
  if (data == NULL) data = &empty;
  wire_decode_status status = scan(descriptor, data, len, 0, error);
  if (status != WIRE_DECODE_OK) {
    error->status = status;
    return NULL;
  }
  wire_budget budget = {0, limit, 0};
  ProtobufCAllocator allocator = {budget_alloc, budget_free, &budget};
  ProtobufCMessage *message = protobuf_c_message_unpack(descriptor, &allocator, len, data);
  if (!message) error->status = budget.exceeded ? WIRE_DECODE_TOO_LARGE : WIRE_DECODE_MALFORMED;
  return message;
}

void wire_free_unpacked(ProtobufCMessage *message) {
  /* The bounded allocator hands out malloc'd memory; the default allocator frees it. */
  protobuf_c_message_free_unpacked(message, NULL);
}
