/*
 * embed.c - build-time host tool: turns data files into a C source file defining the table
 * declared in lib/util/embedded.h (dy_embedded_files, dy_embedded_count, embedded_find).
 *
 *   embed -r ROOT -o OUT.c PATH...
 *
 * Each PATH is a file or a directory (walked recursively; names starting with '.' and
 * editor backups ending in '~' are skipped).  Every file must lie under ROOT; its embedded
 * name is its path relative to ROOT ("builtin/actors.txt").  Files are emitted sorted by
 * name (byte order) so that builds are deterministic; each is NUL-terminated.  OUT.c is
 * written through a temporary file and renamed, so a failed run leaves no partial output.
 * This is a stand-alone program, not library code: it prints errors and exits.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One input file: where to read it and the name it gets in the table. */
typedef struct embed_input {
    char *path;
    char *name;
} embed_input;

typedef struct embed_list {
    embed_input *items;
    size_t n, cap;
} embed_list;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "embed: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

static char *path_join(const char *dir, const char *leaf)
{
    size_t a = strlen(dir), b = strlen(leaf);
    char *p = xmalloc(a + b + 2);
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, leaf, b + 1);
    return p;
}

/* The name of `path` relative to `root` (both as given on the command line). */
static const char *relative_name(const char *root, const char *path)
{
    size_t rl = strlen(root);
    while (rl > 1 && root[rl - 1] == '/')
        rl--;
    if (strncmp(path, root, rl) != 0 || path[rl] != '/')
        die("file is not under the root folder", path);
    path += rl;
    while (*path == '/')
        path++;
    if (!*path)
        die("empty file name under the root folder", NULL);
    return path;
}

static void list_add(embed_list *l, const char *root, const char *path)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        embed_input *items = realloc(l->items, cap * sizeof *items);
        if (!items)
            die("out of memory", NULL);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n].path = xstrdup(path);
    l->items[l->n].name = xstrdup(relative_name(root, path));
    l->n++;
}

static int skipped_entry(const char *leaf)
{
    size_t n = strlen(leaf);
    return leaf[0] == '.' || (n > 0 && leaf[n - 1] == '~');
}

/* Add `path`: a regular file, or every file below a directory. */
static void collect(embed_list *l, const char *root, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        die(strerror(errno), path);
    if (S_ISREG(st.st_mode)) {
        list_add(l, root, path);
        return;
    }
    if (!S_ISDIR(st.st_mode))
        die("not a regular file or directory", path);
    DIR *dir = opendir(path);
    if (!dir)
        die(strerror(errno), path);
    struct dirent *ent;
    while ((ent = readdir(dir)) != NULL) {
        if (skipped_entry(ent->d_name))
            continue;
        char *child = path_join(path, ent->d_name);
        collect(l, root, child);
        free(child);
    }
    closedir(dir);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const embed_input *)a)->name, ((const embed_input *)b)->name);
}

/* Read a whole file; the buffer grows as needed. */
static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die(strerror(errno), path);
    size_t cap = 65536, n = 0;
    unsigned char *data = xmalloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap > ((size_t)-1) / 2)
                die("file too large", path);
            cap *= 2;
            unsigned char *grown = realloc(data, cap);
            if (!grown)
                die("out of memory", NULL);
            data = grown;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                die("read error", path);
            break;
        }
    }
    fclose(f);
    *len = n;
    return data;
}

/*
 * Write bytes as the body of a C string literal.  Printable ASCII goes through as is,
 * except the characters that need a backslash and '?' (trigraphs are on under -std=c11);
 * everything else becomes a three-digit octal escape, which can never swallow a following
 * digit.  Returns the number of source characters written.
 */
static size_t put_escaped(FILE *out, const unsigned char *s, size_t n)
{
    size_t written = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c == '\\' || c == '"' || c == '?') {
            fputc('\\', out);
            fputc((int)c, out);
            written += 2;
        } else if (c == '\n') {
            fputs("\\n", out);
            written += 2;
        } else if (c == '\t') {
            fputs("\\t", out);
            written += 2;
        } else if (c >= 0x20 && c < 0x7f) {
            fputc((int)c, out);
            written += 1;
        } else {
            fprintf(out, "\\%03o", c);
            written += 4;
        }
    }
    return written;
}

/* Emit one file's bytes as an exactly-sized NUL-terminated array.  Source lines break
 * after each newline of the data and before they grow past ~100 columns. */
static void emit_data(FILE *out, size_t index, const unsigned char *data, size_t len)
{
    fprintf(out, "static const unsigned char embedded_data_%zu[%zu] =", index, len + 1);
    if (len == 0) {
        fputs(" \"\";\n\n", out);
        return;
    }
    size_t i = 0;
    while (i < len) {
        fputs("\n    \"", out);
        size_t column = 5;
        while (i < len && column < 96) {
            column += put_escaped(out, data + i, 1);
            if (data[i++] == '\n')
                break;
        }
        fputc('"', out);
    }
    fputs(";\n\n", out);
}

static void emit(FILE *out, const embed_list *l)
{
    fputs("/*\n"
          " * embedded.c - GENERATED by tools/embed.c from data/builtin and data/cameo.\n"
          " * Do not edit: change the data files and rebuild.\n"
          " */\n"
          "#include <stddef.h>\n"
          "#include <string.h>\n\n"
          "#include \"util/embedded.h\"\n\n",
          out);
    for (size_t i = 0; i < l->n; i++) {
        size_t len;
        unsigned char *data = read_file(l->items[i].path, &len);
        fputs("/* ", out);
        /* a name holding the end of a comment would end this one early */
        for (const char *p = l->items[i].name; *p; p++)
            fputc(p[0] == '*' && p[1] == '/' ? '_' : *p, out);
        fputs(" */\n", out);
        emit_data(out, i, data, len);
        free(data);
    }
    fputs("const dy_embedded_file dy_embedded_files[] = {\n", out);
    for (size_t i = 0; i < l->n; i++) {
        const char *name = l->items[i].name;
        fputs("    {\"", out);
        put_escaped(out, (const unsigned char *)name, strlen(name));
        fprintf(out, "\", embedded_data_%zu, sizeof embedded_data_%zu - 1},\n", i, i);
    }
    fputs("    {NULL, NULL, 0}\n};\n\n", out);
    fprintf(out, "const size_t dy_embedded_count = %zu;\n\n", l->n);
    fputs("const dy_embedded_file *embedded_find(const char *name)\n"
          "{\n"
          "    size_t lo = 0, hi = dy_embedded_count;\n"
          "    if (!name)\n"
          "        return NULL;\n"
          "    while (lo < hi) {\n"
          "        size_t mid = lo + (hi - lo) / 2;\n"
          "        int cmp = strcmp(name, dy_embedded_files[mid].name);\n"
          "        if (cmp == 0)\n"
          "            return &dy_embedded_files[mid];\n"
          "        if (cmp < 0)\n"
          "            hi = mid;\n"
          "        else\n"
          "            lo = mid + 1;\n"
          "    }\n"
          "    return NULL;\n"
          "}\n",
          out);
}

static void usage(void)
{
    fputs("usage: embed -r ROOT -o OUT.c PATH...\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *root = NULL, *out_path = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
            root = argv[++i];
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out_path = argv[++i];
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (argv[i][0] == '-')
            usage();
        else
            break;
    }
    if (!root || !out_path)
        usage();

    embed_list list = {0};
    for (; i < argc; i++)
        collect(&list, root, argv[i]);
    if (list.n > 1)
        qsort(list.items, list.n, sizeof *list.items, by_name);
    for (size_t k = 1; k < list.n; k++)
        if (strcmp(list.items[k - 1].name, list.items[k].name) == 0)
            die("file named twice", list.items[k].name);

    char *tmp_path = xmalloc(strlen(out_path) + 5);
    sprintf(tmp_path, "%s.tmp", out_path);
    FILE *out = fopen(tmp_path, "w");
    if (!out)
        die(strerror(errno), tmp_path);
    emit(out, &list);
    if (ferror(out) || fclose(out) != 0) {
        remove(tmp_path);
        die("write error", tmp_path);
    }
    if (rename(tmp_path, out_path) != 0) {
        remove(tmp_path);
        die(strerror(errno), out_path);
    }

    for (size_t k = 0; k < list.n; k++) {
        free(list.items[k].path);
        free(list.items[k].name);
    }
    free(list.items);
    free(tmp_path);
    return 0;
}
