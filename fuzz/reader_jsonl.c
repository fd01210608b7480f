/*
 * reader_jsonl.c - libFuzzer harness: the jsonl story reader (dy_reader_open with
 * --format jsonl on a file holding the input, then dy_reader_next to the end).
 */
#include "reader_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader_run("input.jsonl", DY_FMT_JSONL, data, size);
    return 0;
}
