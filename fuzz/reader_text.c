/*
 * reader_text.c - libFuzzer harness: the text story reader (dy_reader_open with
 * --format text on a file holding the input, then dy_reader_next to the end).
 */
#include "reader_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader_run("input.text", DY_FMT_TEXT, data, size);
    return 0;
}
