/*
 * reader_xml.c - libFuzzer harness: the xml story reader (dy_reader_open with
 * --format xml on a file holding the input, then dy_reader_next to the end).
 */
#include "reader_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader_run("input.xml", DY_FMT_XML, data, size);
    return 0;
}
