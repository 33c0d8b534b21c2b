/* Callgrind client requests for Measure.cs (instructions.sh compiles it); a request is a no-op outside valgrind.
 * Instrumentation and collection stay on for the whole process (switching instrumentation on and off left the thread
 * pool's code uncounted): each call dumps what was counted since the previous dump, every thread, under a label. */
#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_DUMP_STATS_AT("between"); }
void cg_stop(const char *label) { CALLGRIND_DUMP_STATS_AT(label); }
