/* Umbrella header of the Messages module: the protoc-c output of proto/ and its support code. */
#include "../generated/all_descriptors.h"
#include "../support/wire_support.h"
