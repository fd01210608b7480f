/*
 * reader_tabari.c - libFuzzer harness: the tabari story reader (dy_reader_open with
 * --format tabari on a file holding the input, then dy_reader_next to the end).
 */
#include "reader_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader_run("input.tabari", DY_FMT_TABARI, data, size);
    return 0;
}
