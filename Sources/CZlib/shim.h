// zlib, for the gzip line source of GeneratorPipelines (the system's
// library: Debian's zlib1g-dev, part of the SDK on Apple platforms).
#include <zlib.h>
