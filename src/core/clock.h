/* clock: today's date, the one place the program reads the calendar.
 *
 * Dates are yyyymmdd integers. SSCP_TODAY=YYYY-MM-DD stands in for the
 * clock (for tests and replays), so every check against today gives the
 * same answer run to run.
 */
#ifndef SR_CLOCK_H
#define SR_CLOCK_H

#include <stdint.h>

/* Today (UTC), or SSCP_TODAY=YYYY-MM-DD when it is set to a real date. */
int32_t sr_today(void);

#endif
