/* tally: attendance and training evaluations as tallies, see tally.h. */
#include "metrics/tally.h"

#include <stdio.h>
#include <string.h>

static const char *const lists[] = {"attended", "apologies", "absent"};

static bool prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

void sr_metrics_attendance(sr_arena *a, const sr_year *y, sr_attendance_tally *t)
{
    memset(t, 0, sizeof *t);
    if (!y)
        return;
    t->meetings = sr_arena_alloc(a, (y->figs.n + 1) * sizeof *t->meetings);
    t->entries = sr_arena_alloc(a, (y->figs.n + 1) * sizeof *t->entries);
    /* The meetings: each entry with a body. */
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match("attendance.meetings[*].body", f->path))
            continue;
        const char *open = strchr(f->path, '[') + 1, *close = strrchr(f->path, ']');
        sr_meeting *mt = &t->meetings[t->nmeetings++];
        mt->id = sr_arena_strndup(a, open, (size_t)(close - open));
        mt->body = f->v.avail == SR_AVAILABLE ? f->v.text : NULL;
        const sr_figure *df =
            sr_figures_get(&y->figs, sr_arena_printf(a, "attendance.meetings[%s].date", mt->id));
        mt->dated = df != NULL;
        mt->date_known = df && df->v.avail == SR_AVAILABLE;
        mt->date = mt->date_known ? (int32_t)df->v.i : 0;
    }
    /* Who was named at each, in the data's order. */
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!prefix(f->path, "attendance.meetings["))
            continue;
        const char *open = f->path + 20, *close = strchr(open, ']');
        if (!close)
            continue;
        int li = -1;
        for (int k = 0; k < 3; k++) {
            char key[32];
            snprintf(key, sizeof key, "].%s[", lists[k]);
            if (strstr(f->path, key))
                li = k;
        }
        if (li < 0)
            continue;
        size_t len = (size_t)(close - open), mi = t->nmeetings;
        for (size_t k = 0; k < t->nmeetings && mi == t->nmeetings; k++)
            if (strlen(t->meetings[k].id) == len && strncmp(t->meetings[k].id, open, len) == 0)
                mi = k;
        if (mi == t->nmeetings)
            continue; /* a meeting without a body */
        const char *kopen = strrchr(f->path, '['), *kclose = strrchr(f->path, ']');
        sr_attendance_entry *e = &t->entries[t->nentries++];
        e->meeting = mi;
        e->partner = f->v.text;
        e->key = kopen && kclose > kopen
                     ? sr_arena_strndup(a, kopen + 1, (size_t)(kclose - kopen - 1))
                     : "";
        e->how = (sr_attendance)li;
    }
}

bool sr_attendance_of(const sr_attendance_tally *t, size_t mi, const char *partner,
                      sr_attendance *how)
{
    bool named = false;
    for (int l = 0; l < 3; l++)
        for (size_t i = 0; i < t->nentries; i++) {
            const sr_attendance_entry *e = &t->entries[i];
            if (e->meeting == mi && (int)e->how == l && strcmp(e->key, partner) == 0) {
                named = true;
                *how = e->how;
            }
        }
    return named;
}

static const sr_figure *sibling(sr_arena *a, const sr_year *y, const char *base, const char *leaf)
{
    return sr_figures_get(&y->figs, sr_arena_printf(a, "%s.%s", base, leaf));
}

void sr_metrics_evaluations(sr_arena *a, const sr_metrics *m, sr_evaluation_tally *t)
{
    memset(t, 0, sizeof *t);
    const sr_year *y = m ? m->year0 : NULL;
    if (!y)
        return;
    t->v = sr_arena_alloc(a, (y->figs.n + 1) * sizeof *t->v);
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match("training.evaluations[*].ratings[*].count", f->path))
            continue;
        const char *base = sr_arena_strndup(a, f->path, strlen(f->path) - strlen(".count"));
        const sr_figure *label = sibling(a, y, base, "label");
        const sr_figure *score = sibling(a, y, base, "score");
        const char *ev = strstr(base, "].ratings[");
        const sr_figure *title =
            sr_figures_get(&y->figs, sr_arena_printf(a, "%.*s].title", (int)(ev - base), base));
        sr_evaluation_answer *r = &t->v[t->n++];
        r->evaluation = title && title->v.text ? title->v.text : "";
        r->answer = label && label->v.text ? label->v.text : "";
        if (score && score->v.avail == SR_AVAILABLE)
            r->score = (sr_mval){.avail = SR_AVAILABLE, .num = score->v.i, .den = 1};
        else
            r->score = (sr_mval){.avail = SR_NOT_APPLICABLE, .den = 1};
        if (sr_metrics_figure_hidden(m, f)) /* disclosure control */
            r->responses = (sr_mval){.avail = SR_AVAILABLE, .den = 1, .suppressed = true};
        else if (f->v.avail == SR_AVAILABLE)
            r->responses = (sr_mval){.avail = SR_AVAILABLE, .num = f->v.i, .den = 1};
        else
            r->responses = (sr_mval){.avail = SR_NOT_AVAILABLE, .den = 1};
    }
}
