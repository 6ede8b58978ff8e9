#ifndef BOXOFFICE_CSQLITE_SHIM_H
#define BOXOFFICE_CSQLITE_SHIM_H
// What GRDB does not offer, for a command line that opens the database, runs a few statements and exits.
// sqlite3_db_config() is variadic, which Swift cannot call, and a WAL hook is a C callback: both are here.
#include <stdint.h>
#include <sqlite3.h>

/// The last connection to close does not checkpoint the WAL into the database nor delete it: a clerk's command that
/// booked one seat paid three more fsyncs at its exit for that (the checkpoint's two, and a new WAL's header the next
/// time). Every commit is already durable in the WAL (synchronous=FULL).
static inline int boxoffice_sqlite_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

static int boxoffice_sqlite_wal_hook(void *context, sqlite3 *db, const char *schema, int frames) {
    intptr_t packed = (intptr_t)context;
    if (frames >= (int)(packed >> 32)) {
        // Never wait for another clerk's reader or writer here: the booking is committed, and a later commit tries again.
        sqlite3_busy_timeout(db, 0);
        (void)sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_TRUNCATE, (int *)0, (int *)0);
        sqlite3_busy_timeout(db, (int)(packed & 0x7fffffff));
    }
    return SQLITE_OK;
}

/// Instead of SQLite's automatic checkpoint (PASSIVE, at 1,000 frames): once a commit leaves `frames` frames or more in
/// the WAL, checkpoint it and truncate it to nothing. A WAL that outlives its process is read whole by the next process
/// that opens the database alone (to rebuild its index), and that rebuild also forgets what was checkpointed, so a
/// PASSIVE checkpoint never let the WAL start again: it grew to 5 MB, read by every command, and every later booking
/// checkpointed all of it (two more fsyncs). `busy_ms`: the connection's busy timeout, restored after the checkpoint.
static inline void boxoffice_sqlite_truncate_wal_after(sqlite3 *db, int frames, int busy_ms) {
    sqlite3_wal_hook(db, boxoffice_sqlite_wal_hook, (void *)(((intptr_t)frames << 32) | (intptr_t)busy_ms));
}

/// Before the process's first connection (later it is refused, harmlessly: SQLITE_MISUSE): no mutex around each
/// connection's calls (GRDB already lets one thread at a time use a connection: multi-thread mode, which GRDB's
/// documentation names as the one it supports) and no global mutex around each of SQLite's allocations to count them
/// (memory statistics, which nothing here reads). The HTTP server's group-commit writer spent 5 % of its time in
/// pthread's mutex calls under load. sqlite3_config() is variadic: hence here. Returns 0 when both were taken.
static inline int boxoffice_sqlite_lean_process(void) {
    int a = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    int b = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return a | b;
}
#endif
