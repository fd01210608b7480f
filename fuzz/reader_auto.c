/*
 * reader_auto.c - libFuzzer harness: the story reader with format detection (--format auto)
 * on a file holding the input, which may be gzip, zstd or xz compressed (the seed corpus
 * holds compressed stories of each kind), then dy_reader_next to the end.  The file name
 * says nothing ("input"), so detection works from the content alone.
 */
#include "reader_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader_run("input", DY_FMT_AUTO, data, size);
    return 0;
}
