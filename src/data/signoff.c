/* signoff: the sign-off record, its check and its words, see signoff.h. */
#include "data/signoff.h"

#include "core/buf.h"
#include "core/fmt.h"

#include <stdio.h>
#include <string.h>

static void read_one(sr_arena *a, const sr_year *y, const char *which, sr_signed *s)
{
    memset(s, 0, sizeof *s);
    char date[64], by[64];
    snprintf(date, sizeof date, "sign_off.%s.date", which);
    snprintf(by, sizeof by, "sign_off.%s.by[*]", which);
    const sr_figure *d = y ? sr_figures_get(&y->figs, date) : NULL;
    if (!d)
        return;
    s->given = true;
    s->loc = s->by_loc = d->loc;
    s->date = d->v.avail == SR_AVAILABLE ? (int32_t)d->v.i : 0;
    size_t n = 0;
    for (size_t i = 0; i < y->figs.n; i++)
        n += sr_path_match(by, y->figs.v[i].path);
    s->by = sr_arena_alloc(a, (n ? n : 1) * sizeof *s->by);
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (!sr_path_match(by, f->path) || f->v.avail != SR_AVAILABLE || !f->v.text)
            continue;
        if (s->nby == 0)
            s->by_loc = f->loc;
        s->by[s->nby++] = f->v.text;
    }
}

void sr_sign_off_read(sr_arena *a, const sr_year *y, sr_sign_off *out)
{
    read_one(a, y, "report", &out->report);
    read_one(a, y, "budget", &out->budget);
}

bool sr_sign_off_signed_by(const sr_signed *s, const char *id)
{
    for (size_t k = 0; k < s->nby; k++)
        if (strcmp(s->by[k], id) == 0)
            return true;
    return false;
}

bool sr_sign_off_complete(const sr_partnership *p, const sr_signed *s)
{
    if (!p || !p->nlead_partners || !s->given)
        return false;
    for (size_t i = 0; i < p->nlead_partners; i++)
        if (!sr_sign_off_signed_by(s, p->lead_partners[i].partner))
            return false;
    return true;
}

bool sr_sign_off_by_lead_partners(const sr_partnership *p, const sr_signed *s)
{
    if (!p || !p->nlead_partners || !s->nby)
        return false;
    for (size_t i = 0; i < p->nlead_partners; i++)
        if (!sr_sign_off_signed_by(s, p->lead_partners[i].partner))
            return false;
    for (size_t k = 0; k < s->nby; k++)
        if (!sr_partnership_lead(p, s->by[k]))
            return false;
    return true;
}

/* partnership.yaml names no lead safeguarding partner, and g asks for
 * their sign-off: a diagnostic at its `partners`, with an entry to copy. */
static void no_lead_partners(sr_diags *d, sr_severity sev, const sr_partnership *p,
                             const sr_guidance *g)
{
    sr_loc at = p->partners_loc;
    if (!at.src)
        at = (sr_loc){sr_diags_add_source(d, p->path, NULL, 0), 0, 0, 0};
    sr_diag *e = sr_diag_add(d, sev, at,
                             "%s asks for the lead safeguarding partners to be named, but "
                             "partnership.yaml has no `lead_partners`",
                             g->short_name);
    /* The statutory partners are the lead safeguarding partners. */
    sr_buf ids = SR_BUF_INIT;
    const char *first = NULL;
    size_t n = 0;
    for (size_t i = 0; i < p->npartners; i++)
        if (p->partners[i].statutory)
            n++;
    for (size_t i = 0, k = 0; i < p->npartners; i++) {
        if (!p->partners[i].statutory)
            continue;
        if (!first)
            first = p->partners[i].id;
        sr_buf_printf(&ids, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ", p->partners[i].id);
        k++;
    }
    sr_diag_hint(e,
                 "add them after `partners`, with an entry for each%s%s%s, such as "
                 "`lead_partners: [{partner: %s, lead: Chief Executive, delegate: Director of "
                 "Children's Services}]`; they are the ones who sign off the report",
                 n ? " (" : "", sr_buf_str(&ids), n ? ")" : "", first ? first : "council");
    sr_buf_free(&ids);
}

size_t sr_sign_off_check(sr_diags *d, const sr_partnership *p, const sr_year *y,
                         const sr_guidance *g, bool final)
{
    if (!g || !g->needs_sign_off)
        return 0;
    sr_arena *a = sr_arena_new();
    sr_sign_off s;
    sr_sign_off_read(a, y, &s);
    sr_severity sev = final ? SR_ERROR : SR_WARNING;
    char yr[16];
    sr_fmt_year(y ? y->year : 0, yr, sizeof yr);
    size_t problems = 0;
    if (p && !p->nlead_partners) {
        no_lead_partners(d, sev, p, g);
        problems++;
    }
    if (!s.report.given) {
        sr_diag *e = sr_diag_add(d, sev, (sr_loc){0},
                                 "there is no record that the lead safeguarding partners signed "
                                 "off the %s report",
                                 yr);
        sr_diag_hint(e,
                     "the guidance in force asks them to; add `sign_off: {report: {date: "
                     "YYYY-MM-DD, by: [partner ids]}}` to the business unit's file for %s",
                     yr);
        sr_arena_free(a);
        return problems + 1;
    }
    for (size_t i = 0; p && i < p->nlead_partners; i++) {
        const sr_lead_partner *lp = &p->lead_partners[i];
        if (sr_sign_off_signed_by(&s.report, lp->partner))
            continue;
        sr_diag *e = sr_diag_add(d, sev, s.report.by_loc,
                                 "`%s` is a lead safeguarding partner, but is not among those "
                                 "who signed off the report",
                                 lp->partner);
        sr_diag_related(e, lp->loc, "named a lead safeguarding partner");
        sr_diag_hint(e,
                     "every lead safeguarding partner signs off the report: add `%s` to `by` "
                     "once it has",
                     lp->partner);
        problems++;
    }
    sr_arena_free(a);
    return problems;
}

const char *sr_partner_list_words(sr_arena *a, const sr_partnership *p, const char *const *ids,
                                  size_t n, int year)
{
    sr_buf b = SR_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const sr_partner *pt = p ? sr_partnership_find(p, ids[i]) : NULL;
        sr_buf_printf(&b, "%s%s",
                      i == 0       ? ""
                      : i + 1 == n ? " and "
                                   : ", ",
                      pt ? sr_partner_name_in(pt, year) : ids[i]);
    }
    const char *r = sr_arena_strdup(a, sr_buf_str(&b));
    sr_buf_free(&b);
    return r;
}

int sr_reporting_year_of(int32_t ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100;
    return m >= 4 ? y : y - 1;
}

const char *sr_sign_off_words(sr_arena *a, const sr_partnership *p, const sr_sign_off *s, int year)
{
    if (!s->report.given && !s->budget.given)
        return NULL;
    sr_buf b = SR_BUF_INIT;
    char when[40], yr[16];
    if (s->report.given && s->report.date) {
        sr_fmt_date(s->report.date, when, sizeof when);
        const char *who = sr_partner_list_words(a, p, s->report.by, s->report.nby,
                                                sr_reporting_year_of(s->report.date));
        if (sr_sign_off_by_lead_partners(p, &s->report))
            sr_buf_printf(&b, "The lead safeguarding partners signed off this report on %s: %s.",
                          when, who);
        else
            sr_buf_printf(&b, "This report was signed off on %s by %s.", when, who);
    }
    if (s->budget.given && s->budget.date) {
        sr_fmt_date(s->budget.date, when, sizeof when);
        sr_fmt_year(year, yr, sizeof yr);
        sr_buf_printf(&b, "%sThe budget for %s was signed off on %s by %s.", b.len ? " " : "", yr,
                      when,
                      sr_partner_list_words(a, p, s->budget.by, s->budget.nby,
                                            sr_reporting_year_of(s->budget.date)));
    }
    const char *r = b.len ? sr_arena_strdup(a, sr_buf_str(&b)) : NULL;
    sr_buf_free(&b);
    return r;
}
