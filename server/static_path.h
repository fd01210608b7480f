/*
 * static_path.h - the mapping from a request's URL path to a file under the web root of
 * `dyad serve` (the dashboard's static files), kept apart from the HTTP code (server.c)
 * so that the fuzzing harness fuzz/http_api.c can check it: whatever URL comes in, a
 * path it yields is a regular file inside the root, never outside it.
 *
 * The URL is what libmicrohttpd hands the request callback: already %-decoded, cut at its
 * first NUL byte.
 */
#ifndef DY_SERVER_STATIC_PATH_H
#define DY_SERVER_STATIC_PATH_H

/*
 * 1 when `url` may be mapped under the web root: it starts with '/', holds no control
 * byte (< 0x20) and no backslash, and has no ".." segment ("/../", or "/.." at the end).
 * 0 otherwise.  Lexical only: symbolic links are static_file_path's business.
 */
int safe_url_path(const char *url);

/*
 * The real path (malloc'd, the caller frees it) of the regular file that `url` names
 * under `web_root` (itself a real path, as realpath(3) gives it, without a trailing
 * slash), or NULL when the URL is refused by safe_url_path, the file does not exist, is
 * not a regular file, or resolves (through symbolic links) to somewhere outside the root.
 * A directory maps to its index.html.  web_root NULL: always NULL (no static files).
 */
char *static_file_path(const char *web_root, const char *url);

#endif
