/*
 * static_path.c - URL path -> file under the web root of `dyad serve`: a lexical check of
 * the URL (no "..", no control bytes), then the real path of root + URL, accepted only
 * when it is a regular file inside the root.  See static_path.h.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "static_path.h"
#include "util/util.h"

int safe_url_path(const char *url)
{
    if (url[0] != '/')
        return 0;
    for (const char *p = url; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == '\\')
            return 0;
        if (p[0] == '/' && p[1] == '.' && p[2] == '.' && (p[3] == '/' || p[3] == 0))
            return 0;
    }
    return 1;
}

char *static_file_path(const char *web_root, const char *url)
{
    if (!web_root || !safe_url_path(url))
        return NULL;
    dy_buf p;
    buf_init(&p);
    if (buf_puts(&p, web_root) || buf_puts(&p, url)) {
        buf_free(&p);
        return NULL;
    }
    struct stat sb;
    if (stat(p.s, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        if (buf_puts(&p, p.s[p.len - 1] == '/' ? "index.html" : "/index.html")) {
            buf_free(&p);
            return NULL;
        }
    }
    char *real = realpath(p.s, NULL);
    buf_free(&p);
    if (!real)
        return NULL;
    size_t rl = strlen(web_root);
    if (strncmp(real, web_root, rl) != 0 || real[rl] != '/' || stat(real, &sb) != 0 ||
        !S_ISREG(sb.st_mode)) {
        free(real);
        return NULL;
    }
    return real;
}
