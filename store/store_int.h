/*
 * store_int.h - what the store's own files share and nobody else needs: the SQLite handle
 * of an open store, the error reporter and a one-integer query.
 */
#ifndef DY_STORE_INT_H
#define DY_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* The connection of an open store (owned by it). */
sqlite3 *store_db(store *s);

/* Send a DY_ERROR diagnostic "store: WHAT: <SQLite's last message>". */
void store_fail(store *s, dy_status code, const char *what);

/* One integer from a one-row query (SELECT COUNT(*) ...); -1 on failure. */
long long store_scalar(store *s, const char *sql);

#endif
