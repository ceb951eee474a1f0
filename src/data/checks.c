/* checks: what can only be checked across all of a year's files.
 *
 *  - income equals expenditure, or the difference is declared as reserves;
 *  - training attendees counted by course and by agency agree (a warning,
 *    with both totals: the published 2019-20 report itself disagrees);
 *  - a member is recorded once per meeting, and attendance counts given per
 *    member fit the meetings held and agree with meeting-by-meeting records;
 *  - a measure that is part of another exists and is not larger than it;
 *  - the report is signed off after its year has ended, and not after today.
 *
 * and, first, the totals and part-of-whole rules the schema states (rules.c),
 * over all the files together.
 */
#include "core/clock.h"
#include "core/fmt.h"
#include "core/suggest.h"
#include "core/strmap.h"
#include "data/loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text between `key[` and the matching `]` in path, copied to buf. */
static bool bracket_after(const char *path, const char *key, char *buf, size_t size)
{
    const char *p = strstr(path, key);
    if (!p)
        return false;
    p += strlen(key);
    const char *e = strchr(p, ']');
    if (!e)
        return false;
    snprintf(buf, size, "%.*s", (int)(e - p), p);
    return true;
}

static const sr_figure *first_match(const sr_year *y, const char *pattern)
{
    for (size_t i = 0; i < y->figs.n; i++)
        if (sr_path_match(pattern, y->figs.v[i].path))
            return &y->figs.v[i];
    return NULL;
}

/* Figures whose sum is past what 64 bits hold cannot be compared: an error
 * at the first of them (a real year's figures come nowhere near). */
static void too_large_to_add(sr_loader *l, sr_year *y, const char *pattern, const char *what,
                             bool money)
{
    char most[48];
    if (money)
        sr_fmt_money(INT64_MAX, most, sizeof most);
    else
        sr_fmt_count(INT64_MAX, most, sizeof most);
    sr_diag *g = sr_diag_add(l->d, SR_ERROR, first_match(y, pattern)->loc,
                             "%s add up to more than %s, too much to be real", what, most);
    sr_diag_hint(g, "check the figures for extra digits");
}

static void check_finance(sr_loader *l, sr_year *y)
{
    static const char in_lines[] = "finance.income[*].lines[*].amount",
                      out_lines[] = "finance.expenditure[*].lines[*].amount";
    int64_t in, out, to = 0, from = 0;
    size_t nin, nout, min, mout, n, m;
    bool in_ok = sr_figures_sum(&y->figs, in_lines, NULL, &in, &nin, &min);
    bool out_ok = sr_figures_sum(&y->figs, out_lines, NULL, &out, &nout, &mout);
    if (!in_ok)
        too_large_to_add(l, y, in_lines, "the income lines", true);
    if (!out_ok)
        too_large_to_add(l, y, out_lines, "the expenditure lines", true);
    if (!nin || !nout || min || mout || !in_ok || !out_ok)
        return;
    /* Each of these is at most a trillion pounds, so no sum below overflows. */
    sr_figures_sum(&y->figs, "finance.to_reserves", NULL, &to, &n, &m);
    sr_figures_sum(&y->figs, "finance.from_reserves", NULL, &from, &n, &m);
    if (in - out == to - from)
        return;
    char a[48], b[48], gapw[48], decl[48];
    sr_fmt_money(in, a, sizeof a);
    sr_fmt_money(out, b, sizeof b);
    int64_t gap = in - out, declared = to - from;
    sr_fmt_money(gap < 0 ? -gap : gap, gapw, sizeof gapw);
    sr_fmt_money(declared < 0 ? -declared : declared, decl, sizeof decl);
    const sr_figure *at = first_match(y, "finance.total_expenditure");
    if (!at)
        at = first_match(y, "finance.expenditure[*].lines[*].amount");
    sr_diag *g;
    if (to || from) {
        const sr_figure *r = first_match(y, to ? "finance.to_reserves" : "finance.from_reserves");
        char what[64];
        if (gap == 0)
            snprintf(what, sizeof what, "they are equal");
        else
            snprintf(what, sizeof what, "%s %s", gap > 0 ? "a surplus of" : "a deficit of", gapw);
        g = sr_diag_add(l->d, SR_ERROR, r->loc,
                        "the reserves declared (%s %s reserves) do not match income (%s) less "
                        "expenditure (%s): %s",
                        decl, declared >= 0 ? "into" : "from", a, b, what);
        sr_diag_hint(g, "`to_reserves` is income left unspent, `from_reserves` is spending paid "
                        "from reserves; correct them or the lines");
        return;
    }
    g = sr_diag_add(l->d, SR_ERROR, at->loc,
                    "income (%s) and expenditure (%s) differ by %s, and the difference is not "
                    "declared",
                    a, b, gapw);
    char plain[40];
    int64_t g2 = gap < 0 ? -gap : gap;
    if (g2 % 100)
        snprintf(plain, sizeof plain, "%lld.%02lld", (long long)(g2 / 100), (long long)(g2 % 100));
    else
        snprintf(plain, sizeof plain, "%lld", (long long)(g2 / 100));
    sr_diag_hint(g,
                 "if the difference %s reserves, say so with `%s: %s` under `finance`; "
                 "otherwise check the lines",
                 gap > 0 ? "went into" : "came from", gap > 0 ? "to_reserves" : "from_reserves",
                 plain);
}

static void check_training(sr_loader *l, sr_year *y)
{
    static const char courses[] = "training.courses[*].attendees",
                      agencies[] = "training.by_agency[*].attendees";
    int64_t by_course, by_agency;
    size_t nc, na, mc, ma;
    bool c_ok = sr_figures_sum(&y->figs, courses, NULL, &by_course, &nc, &mc);
    bool a_ok = sr_figures_sum(&y->figs, agencies, NULL, &by_agency, &na, &ma);
    if (!c_ok)
        too_large_to_add(l, y, courses, "the attendees of the courses", false);
    if (!a_ok)
        too_large_to_add(l, y, agencies, "the attendees by agency", false);
    if (!nc || !na || mc || ma || !c_ok || !a_ok || by_course == by_agency)
        return;
    char c[32], a[32], d[32];
    sr_fmt_count(by_course, c, sizeof c);
    sr_fmt_count(by_agency, a, sizeof a);
    sr_fmt_count(by_course > by_agency ? by_course - by_agency : by_agency - by_course, d,
                 sizeof d);
    const sr_figure *at = first_match(y, "training.by_agency_total");
    if (!at)
        at = first_match(y, "training.by_agency[*].attendees");
    const sr_figure *other = first_match(y, "training.courses_total");
    if (!other)
        other = first_match(y, "training.courses[*].attendees");
    sr_diag *g = sr_diag_add(l->d, SR_WARNING, at->loc,
                             "training attendees counted by agency (%s) and by course (%s) "
                             "differ by %s",
                             a, c, d);
    sr_diag_related(g, other->loc, "the courses are counted");
    sr_diag_hint(g,
                 "both count the same people; find the %s attendee%s missing from one list, "
                 "or explain the difference in the report",
                 d, strcmp(d, "1") == 0 ? "" : "s");
}

typedef struct {
    char body[160]; /* slug of the body */
    const char *name;
    int meetings;
} body_count;

static void check_attendance(sr_loader *l, sr_year *y)
{
    /* Meetings per body. */
    body_count *bodies = NULL;
    size_t nb = 0;
    sr_strmap body_index = SR_STRMAP_INIT; /* slug -> index in bodies */
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match("attendance.meetings[*].body", f->path) || f->v.avail != SR_AVAILABLE)
            continue;
        char slug[160];
        sr_slug(f->v.text, slug, sizeof slug);
        const size_t *at = sr_strmap_get(&body_index, slug);
        size_t k = at ? *at : nb;
        if (k == nb) {
            sr_strmap_put(&body_index, slug, nb);
            bodies = sr_xrealloc(bodies, (nb + 1) * sizeof *bodies);
            memset(&bodies[nb], 0, sizeof *bodies);
            snprintf(bodies[nb].body, sizeof bodies[nb].body, "%s", slug);
            bodies[nb].name = f->v.text;
            nb++;
        }
        bodies[k].meetings++;
    }

    /* A member in two of attended / apologies / absent at one meeting. */
    static const char *const lists[] = {"attended", "apologies", "absent"};
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        char meeting[200], member[100];
        if (strncmp(f->path, "attendance.meetings[", 20) != 0 ||
            !bracket_after(f->path, "attendance.meetings[", meeting, sizeof meeting))
            continue;
        int li = -1;
        for (int k = 0; k < 3; k++) {
            char key[64];
            snprintf(key, sizeof key, "].%s[", lists[k]);
            if (bracket_after(f->path, key, member, sizeof member))
                li = k;
        }
        if (li < 0)
            continue;
        for (int k = li + 1; k < 3; k++) {
            char other[512];
            snprintf(other, sizeof other, "attendance.meetings[%s].%s[%s]", meeting, lists[k],
                     member);
            const sr_figure *o = sr_figures_get(&y->figs, other);
            if (!o)
                continue;
            static const char *const as[] = {"attending", "sending apologies", "absent"};
            sr_diag *g = sr_diag_add(l->d, SR_ERROR, o->loc,
                                     "`%s` is recorded as %s and as %s at the same meeting",
                                     f->v.text, as[li], as[k]);
            sr_diag_related(g, f->loc, "recorded as %s", lists[li]);
            sr_diag_hint(g, "a member either attended, sent apologies or was absent: keep one");
        }
    }

    /* Meeting records per member and body, in one pass: "body|partner" ->
     * meetings attended (+1, so 0 means named only in apologies/absent). */
    sr_strmap recorded = SR_STRMAP_INIT;
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *m = &y->figs.v[i];
        char mid[200], mem[100], key[400];
        if (strncmp(m->path, "attendance.meetings[", 20) != 0 ||
            !bracket_after(m->path, "attendance.meetings[", mid, sizeof mid))
            continue;
        for (int li = 0; li < 3; li++) {
            char lk[64];
            snprintf(lk, sizeof lk, "].%s[", lists[li]);
            if (!bracket_after(m->path, lk, mem, sizeof mem))
                continue;
            snprintf(key, sizeof key, "%.*s|%s", (int)strcspn(mid, "/"), mid, m->v.text);
            const size_t *have = sr_strmap_get(&recorded, key);
            sr_strmap_put(&recorded, key, (have ? *have : 1) + (li == 0));
        }
    }

    /* Counts given per member. */
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match("attendance.members[*].attended", f->path) || f->v.avail != SR_AVAILABLE)
            continue;
        char item[200], base[300], p[400];
        bracket_after(f->path, "attendance.members[", item, sizeof item);
        snprintf(base, sizeof base, "attendance.members[%s]", item);
        snprintf(p, sizeof p, "%s.body", base);
        const sr_figure *body = sr_figures_get(&y->figs, p);
        snprintf(p, sizeof p, "%s.partner", base);
        const sr_figure *who = sr_figures_get(&y->figs, p);
        if (!body || !who || body->v.avail != SR_AVAILABLE || who->v.avail != SR_AVAILABLE)
            continue;
        int64_t total = f->v.i, parts[3] = {f->v.i, 0, 0};
        for (int k = 1; k < 3; k++) {
            snprintf(p, sizeof p, "%s.%s", base, lists[k]);
            const sr_figure *g = sr_figures_get(&y->figs, p);
            if (g && g->v.avail == SR_AVAILABLE) {
                total += g->v.i;
                parts[k] = g->v.i;
            }
        }
        char slug[160];
        sr_slug(body->v.text, slug, sizeof slug);
        const size_t *at = sr_strmap_get(&body_index, slug);
        size_t k = at ? *at : nb;
        if (k == nb) {
            sr_diag *g = sr_diag_add(l->d, SR_WARNING, body->loc,
                                     "no meetings of `%s` are listed for this year, so this "
                                     "attendance cannot be checked",
                                     body->v.text);
            sr_diag_hint(g, "list the meetings under attendance.meetings, spelling the body's "
                            "name the same way");
            continue;
        }
        if (total > bodies[k].meetings) {
            sr_diag *g =
                sr_diag_add(l->d, SR_ERROR, f->loc,
                            "`%s` is counted at %lld meetings of %s (%lld attended, %lld "
                            "apologies, %lld absent), but only %d were held",
                            who->v.text, (long long)total, bodies[k].name, (long long)parts[0],
                            (long long)parts[1], (long long)parts[2], bodies[k].meetings);
            sr_diag_hint(g, "attended, apologies and absent together cannot exceed the number "
                            "of meetings");
            continue;
        }
        /* Where meeting-by-meeting records name this member, they must agree. */
        char key[400];
        snprintf(key, sizeof key, "%s|%s", slug, who->v.text);
        const size_t *rec = sr_strmap_get(&recorded, key);
        if (rec && (int64_t)(*rec - 1) != f->v.i) {
            sr_diag *g = sr_diag_add(l->d, SR_ERROR, f->loc,
                                     "`%s` is counted as attending %lld meetings of %s, but the "
                                     "meeting records show %zu",
                                     who->v.text, (long long)f->v.i, bodies[k].name, *rec - 1);
            sr_diag_hint(g, "correct the count or the meeting records so they agree");
        }
    }
    sr_strmap_free(&recorded);
    sr_strmap_free(&body_index);
    free(bodies);
}

static void check_measures(sr_loader *l, sr_year *y)
{
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match("performance.measures[*].part_of", f->path) ||
            f->v.avail != SR_AVAILABLE)
            continue;
        char id[120], p[300];
        bracket_after(f->path, "performance.measures[", id, sizeof id);
        snprintf(p, sizeof p, "performance.measures[%s].id", f->v.text);
        if (!sr_figures_get(&y->figs, p)) {
            sr_diag *g =
                sr_diag_add(l->d, SR_ERROR, f->loc, "no measure has the id `%s`", f->v.text);
            /* Offer the closest id among this year's measures. */
            const char **ids = NULL;
            size_t nids = 0;
            for (size_t j = 0; j < y->figs.n; j++)
                if (sr_path_match("performance.measures[*].id", y->figs.v[j].path) &&
                    y->figs.v[j].v.avail == SR_AVAILABLE) {
                    ids = sr_xrealloc(ids, (nids + 1) * sizeof *ids);
                    ids[nids++] = y->figs.v[j].v.text;
                }
            const char *best = sr_suggest(f->v.text, ids, nids);
            if (best)
                sr_diag_hint(g, "did you mean `%s`?", best);
            else
                sr_diag_hint(g, "`part_of` names the id of another measure in this year's files");
            free(ids);
            continue;
        }
        snprintf(p, sizeof p, "performance.measures[%s].count", id);
        const sr_figure *part = sr_figures_get(&y->figs, p);
        snprintf(p, sizeof p, "performance.measures[%s].count", f->v.text);
        const sr_figure *whole = sr_figures_get(&y->figs, p);
        if (part && whole && part->v.avail == SR_AVAILABLE && whole->v.avail == SR_AVAILABLE &&
            part->v.i > whole->v.i) {
            char a[32], b[32];
            sr_fmt_count(part->v.i, a, sizeof a);
            sr_fmt_count(whole->v.i, b, sizeof b);
            sr_diag *g = sr_diag_add(l->d, SR_ERROR, part->loc,
                                     "`%s` (%s) is more than `%s` (%s), which it is part of", id, a,
                                     f->v.text, b);
            sr_diag_related(g, whole->loc, "`%s` is given", f->v.text);
            sr_diag_hint(g, "a part cannot be larger than its whole; check both figures");
        }
    }
}

/* The report's sign-off: on or after the day after the year ends (the
 * report is about the whole year), and not after today (it has happened).
 * The budget's sign-off is not held to either: it often comes before the
 * year begins. */
static void check_sign_off(sr_loader *l, sr_year *y)
{
    const sr_figure *f = sr_figures_get(&y->figs, "sign_off.report.date");
    if (!f || f->v.avail != SR_AVAILABLE || !y->year)
        return;
    int32_t when = (int32_t)f->v.i, first = (y->year + 1) * 10000 + 401, today = sr_today();
    char w[40], yr[16], d1[40];
    sr_fmt_date(when, w, sizeof w);
    sr_fmt_year(y->year, yr, sizeof yr);
    if (when < first) {
        sr_fmt_date(first, d1, sizeof d1);
        sr_diag *g = sr_diag_add(l->d, SR_ERROR, f->loc,
                                 "the report is signed off on %s, before the reporting year %s "
                                 "ended on 31 March %d",
                                 w, yr, y->year + 1);
        sr_diag_hint(g,
                     "the report on %s is signed off once the year is over: give the day it "
                     "was signed off, %s or later",
                     yr, d1);
    } else if (when > today) {
        sr_fmt_date(today, d1, sizeof d1);
        sr_diag *g =
            sr_diag_add(l->d, SR_ERROR, f->loc,
                        "the report is signed off on %s, which is after today (%s)", w, d1);
        sr_diag_hint(g, "record the sign-off once it has happened, with the day it was given");
    }
}

void sr_year_check(sr_loader *l, sr_year *y)
{
    sr_rules_check(&y->rules, &y->figs, l->d);
    check_finance(l, y);
    check_training(l, y);
    check_attendance(l, y);
    check_measures(l, y);
    check_sign_off(l, y);
}
