/* tally: the year's attendance at partnership meetings and the training
 * evaluations' answers, as tallies the outputs show as given (the
 * attendance matrix, the workbook's Attendance and Evaluations sheets).
 *
 * Worked out here, once, from the submitted figures of the year asked for,
 * so that nothing after the metrics layer reads figure paths. The
 * evaluations' counts carry disclosure control (sr_metrics_figure_hidden).
 * Everything lives in the arena passed in.
 */
#ifndef SR_TALLY_H
#define SR_TALLY_H

#include "data/loader.h"
#include "metrics/metrics.h"

/* A meeting of the year: an entry of attendance.meetings with a body. */
typedef struct {
    const char *id;   /* the entry's id */
    const char *body; /* the body that met, as given; NULL when not available */
    bool dated;       /* the meeting has a date figure */
    bool date_known;  /* ... and it is available */
    int32_t date;     /* yyyymmdd, when date_known */
} sr_meeting;

typedef enum { SR_ATTENDED, SR_APOLOGIES, SR_ABSENT } sr_attendance;

/* A member named at a meeting, in the order the data gives them. */
typedef struct {
    size_t meeting;      /* index into meetings */
    const char *partner; /* the partner id, as written */
    const char *key;     /* the id in the figure's path */
    sr_attendance how;
} sr_attendance_entry;

typedef struct {
    sr_meeting *meetings; /* in the order the data gives them */
    size_t nmeetings;
    sr_attendance_entry *entries;
    size_t nentries;
} sr_attendance_tally;

/* The attendance of year y (NULL: none). */
void sr_metrics_attendance(sr_arena *a, const sr_year *y, sr_attendance_tally *t);

/* Whether partner (an id) is named at meeting mi; *how is the list it is
 * named in (the last of attended, apologies, absent that names it). */
bool sr_attendance_of(const sr_attendance_tally *t, size_t mi, const char *partner,
                      sr_attendance *how);

/* An answer of a training evaluation. */
typedef struct {
    const char *evaluation; /* the evaluation's title, or "" */
    const char *answer;     /* the rating's label, or "" */
    sr_mval score;          /* a count; not applicable when the rating has no score */
    sr_mval responses;      /* a count; suppressed when disclosure control hides it, not
                               available when not given */
} sr_evaluation_answer;

typedef struct {
    sr_evaluation_answer *v;
    size_t n;
} sr_evaluation_tally;

/* The answers of the year asked for in m, with disclosure control as
 * applied to m (after sr_suppress). */
void sr_metrics_evaluations(sr_arena *a, const sr_metrics *m, sr_evaluation_tally *t);

#endif
