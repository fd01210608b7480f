/*
 * valfile_tabari.c - libFuzzer harness: the TABARI validation-record reader.  The input
 * is the records file (<textfile>) of a fixed .project written next to it; both are read
 * through dy_valfile_open and dy_valfile_next to the end.
 */
#include "valfile_common.h"

static const char fuzz_project[] =
    "Fuzzing project\n<actorsfile> fuzz.actors\n<verbsfile> fuzz.verbs\n"
    "<textfile> records.text\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *project;
    if (!project) /* written once; the records file changes with each input */
        project = fuzz_write_file("suite.project", (const uint8_t *)fuzz_project,
                                  sizeof fuzz_project - 1);
    char *records = fuzz_write_file("records.text", data, size);
    if (project && records)
        fuzz_valfile_read(project);
    free(records);
    return 0;
}
