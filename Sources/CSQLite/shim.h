#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift does not import: this names the one setting iku
   makes. It turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS), which iku never
   reads: with them every allocation and free takes one process-wide mutex and updates counters,
   a tenth of one `survey add`'s instructions, and connections working in parallel (the regency's
   report, one replica per core) wait on each other there. It takes effect only before SQLite
   initialises itself (later it returns SQLITE_MISUSE and changes nothing), so it is called
   before the first connection opens. */
static inline int iku_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
