/* Hand-written support for decoding untrusted bytes with protobuf-c. */
#include "wire_support.h"
#include <stdlib.h>

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

ProtobufCMessage *wire_unpack_bounded(const ProtobufCMessageDescriptor *descriptor,
                                      size_t len, const uint8_t *data,
                                      size_t limit, int *exceeded) {
  wire_budget budget = {0, limit, 0};
  ProtobufCAllocator allocator = {budget_alloc, budget_free, &budget};
  ProtobufCMessage *message = protobuf_c_message_unpack(descriptor, &allocator, len, data);
  if (exceeded) *exceeded = budget.exceeded;
  return message;
}

void wire_free_unpacked(ProtobufCMessage *message) {
  /* The bounded allocator hands out malloc'd memory; the default allocator frees it. */
  protobuf_c_message_free_unpacked(message, NULL);
}
