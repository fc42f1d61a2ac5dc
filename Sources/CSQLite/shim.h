#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift does not import: this names the one setting iku
   makes. It turns off SQLite's memory statistics, which take one process-wide mutex on every
   allocation and free (SQLITE_CONFIG_MEMSTATUS). iku reads none of those statistics, and
   connections working in parallel (the regency's report, one replica per core) would otherwise
   wait on each other there. It takes effect only before SQLite initialises itself, so it is
   called before the first connection opens. */
static inline int iku_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
