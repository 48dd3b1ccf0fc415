// The protobuf-c runtime (libprotobuf-c, Debian package libprotobuf-c-dev).
#include <protobuf-c/protobuf-c.h>
