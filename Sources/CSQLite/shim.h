#include <sqlite3.h>

/// Turns off SQLite's memory-usage statistics (SQLITE_CONFIG_MEMSTATUS), which iku never reads:
/// with them every allocation and free takes a global mutex and updates counters, a tenth of
/// one `survey add`'s instructions (docs/performance.md). sqlite3_config is variadic, which Swift
/// cannot call, hence this wrapper. It must run before SQLite initialises (before the first
/// connection); later it returns SQLITE_MISUSE and changes nothing.
static inline int iku_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
