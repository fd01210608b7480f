/*
 * valfile_xml.c - libFuzzer harness: the PETRARCH XML validation-suite reader
 * (dy_valfile_open on a .xml file holding the input, then dy_valfile_next to the end).
 */
#include "valfile_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *path = fuzz_write_file("suite.xml", data, size);
    if (path)
        fuzz_valfile_read(path);
    free(path);
    return 0;
}
