/* cmd_status: `sscp-report status YEAR`, where the year stands: who has
 * sent what (valid, with warnings, with errors, missing) and when, which
 * sections still need words, the contents check against the guidance
 * edition in force (its duties, what it asks beyond words, how many of its
 * facts are unconfirmed), whether the built report is current, and the
 * publication with each copy's deadline, as recorded when it was published. */
#include "chart/spec.h"
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/report_data.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/json.h"
#include "core/fsutil.h"
#include "data/guidance.h"
#include "data/loader.h"
#include "data/signoff.h"
#include "doc/build.h"
#include "publish/dates.h"
#include "publish/publication.h"
#include "publish/record.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char usage[] =
    "Usage: sscp-report status [OPTIONS] YEAR\n"
    "\n"
    "Show where a year stands: each partner's submissions (valid, with warnings,\n"
    "with errors, or missing) and when each file last changed; the sections\n"
    "still without words; what the statutory guidance in force for the year\n"
    "asks the report to contain and whether it does; whether the built report\n"
    "is current; and the publication, with each copy due, sent on time, sent\n"
    "late or overdue, against the recipients and deadline recorded when it was\n"
    "published.\n"
    "\n"
    "Options:\n"
    "  --data DIR        the data folder (default: ./data)\n"
    "  --templates DIR   the report template folder (default: ./report-templates)\n"
    "  --fonts DIR       the fonts folder (default: ./fonts)\n"
    "  --out DIR         where reports are built (default: ./out)\n"
    "  --format FORMAT   text (default) or json\n"
    "\n"
    "Colour is used only on a terminal, and never when NO_COLOR is set.\n";

typedef struct {
    const char *partner, *name, *file, *state;
    char changed[16];
    size_t errors, warnings;
} subrow;

/* The files and folders of the data folder and the year's folder that no
 * command reads, each with the reason and what to do; nothing when there
 * are none. */
static void print_not_read(const char *data, const char *templates, int year, const char *ydata,
                           bool color)
{
    sr_diags nr;
    sr_diags_init(&nr);
    sr_arena *a = sr_arena_new();
    sr_report_unread_data(&nr, data, SR_WARNING, false);
    sr_report_unread_year(&nr, ydata, SR_WARNING);
    sr_doc_unread_narrative(a, &nr, templates, data, year, SR_WARNING);
    if (nr.n) {
        printf("\nNot read (%zu file%s or folder%s)\n", nr.n, nr.n == 1 ? "" : "s",
               nr.n == 1 ? "" : "s");
        sr_diags_print_text(&nr, stdout, color);
    }
    sr_diags_free(&nr);
    sr_arena_free(a);
}

static void ymd_str(int32_t ymd, char *b, size_t n)
{
    snprintf(b, n, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* A text, "" when there is none (as status has always written it). */
static void jstr(sr_json *j, const char *s)
{
    sr_json_str(j, s ? s : "");
}

/* The sign-off record (Working Together 2023): shown when the year has one
 * or the year's edition asks for one (asked). Each signatory is named as it
 * was called when it signed. */
static void print_sign_off(sr_arena *a, const sr_partnership *p, const sr_year *y, bool asked,
                           const char *red, const char *green, const char *off)
{
    sr_sign_off so;
    sr_sign_off_read(a, y, &so);
    if (!so.report.given && !so.budget.given && !asked)
        return;
    printf("\nSign-off\n");
    const sr_signed *parts[2] = {&so.report, &so.budget};
    static const char *const what[2] = {"report", "budget"};
    for (int k = 0; k < 2; k++) {
        const sr_signed *s = parts[k];
        if (!s->given) {
            printf("  %-7s %snot recorded%s\n", what[k], k == 0 ? red : "", k == 0 ? off : "");
            continue;
        }
        char when[40];
        sr_fmt_date(s->date, when, sizeof when);
        printf("  %-7s %ssigned off%s %s by %s\n", what[k], green, off, when,
               sr_partner_list_words(a, p, s->by, s->nby, sr_reporting_year_of(s->date)));
        if (k == 0 && asked && !p->nlead_partners)
            printf("          %spartnership.yaml names no lead safeguarding partners%s\n", red,
                   off);
        for (size_t i = 0; k == 0 && asked && i < p->nlead_partners; i++)
            if (!sr_sign_off_signed_by(s, p->lead_partners[i].partner))
                printf("          %snot signed by the lead partner %s%s\n", red,
                       p->lead_partners[i].partner, off);
    }
}

static void json_sign_off(sr_json *j, sr_arena *a, const sr_year *y)
{
    sr_sign_off so;
    sr_sign_off_read(a, y, &so);
    const sr_signed *parts[2] = {&so.report, &so.budget};
    static const char *const what[2] = {"report", "budget"};
    sr_json_key(j, "sign_off");
    sr_json_object(j, false);
    for (int k = 0; k < 2; k++) {
        sr_json_key(j, what[k]);
        if (!parts[k]->given) {
            sr_json_null(j);
            continue;
        }
        char d[16];
        ymd_str(parts[k]->date, d, sizeof d);
        sr_json_object(j, false);
        sr_json_key(j, "date"), sr_json_str(j, d);
        sr_json_key(j, "by");
        sr_json_array(j, false);
        for (size_t i = 0; i < parts[k]->nby; i++)
            jstr(j, parts[k]->by[i]);
        sr_json_end(j);
        sr_json_end(j);
    }
    sr_json_end(j);
}

/* Whether the year's data holds the sign-off record an edition with
 * `sign-off` asks for: the report signed off by every lead safeguarding
 * partner, which partnership.yaml names. 1 yes, 0 no. */
static int sign_off_recorded(sr_arena *a, const sr_dataset *ds)
{
    sr_sign_off so;
    sr_sign_off_read(a, ds->have[0], &so);
    return sr_sign_off_complete(ds->p, &so.report) ? 1 : 0;
}

/* The section with id sid: -1 the template has none, 0 no words (or an
 * optional section left out for want of them), 1 written. */
static int section_state(const sr_document *doc, const char *sid)
{
    for (size_t i = 0; doc && i < doc->root->nkids; i++)
        if (doc->root->kids[i]->kind == SR_D_SECTION && doc->root->kids[i]->sid &&
            strcmp(doc->root->kids[i]->sid, sid) == 0)
            return doc->root->kids[i]->written ? 1 : 0;
    if (doc && sr_doc_left_out(doc, sid))
        return 0; /* optional, and left out for want of words */
    return -1;
}

static int run(int argc, char **argv)
{
    sr_report_data rd = {0};
    const char *format = "text", *year = NULL, *fonts = "fonts", *out = "out";
    const sr_opt opts[] = {
        {"--data", NULL, &rd.data, NULL},  {"--templates", NULL, &rd.templates, NULL},
        {"--format", NULL, &format, NULL}, {"--fonts", NULL, &fonts, NULL},
        {"--out", NULL, &out, NULL},       {0}};
    int npos;
    if (!sr_parse_args("status", argc, argv, opts, &year, 1, &npos))
        return SR_EXIT_USAGE;
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0) {
        sr_usage_error("status", "unknown format '%s'; use text or json", format);
        return SR_EXIT_USAGE;
    }
    int y0 = year ? sr_year_from_name(year) : 0;
    if (!y0) {
        sr_usage_error("status", "name a reporting year, such as: status 2019-20");
        return SR_EXIT_USAGE;
    }
    if (!rd.data)
        rd.data = SR_DEFAULT_DATA;
    if (!rd.templates)
        rd.templates = SR_DEFAULT_TEMPLATES;
    char yname[16];
    sr_fmt_year(y0, yname, sizeof yname);
    char *ydata = sr_path_join(rd.data, yname);
    char *yout = sr_path_join(out, yname);
    int code = SR_EXIT_OK;

    /* The year, checked; status reports problems, it does not stop on them. */
    sr_ds_status st = sr_dataset_load(&rd.ds, rd.data, y0, 5);
    if (!rd.ds.p) {
        sr_diags_print_text(&rd.ds.d, stderr, sr_use_color(stderr));
        fprintf(stderr, "sscp-report: fix partnership.yaml first\n");
        free(ydata);
        free(yout);
        sr_dataset_free(&rd.ds);
        return SR_EXIT_INVALID;
    }
    (void)st;
    const sr_partnership *p = rd.ds.p;
    const sr_year *y = rd.ds.have[0];

    /* Submissions: each file, and each partner expected to send one. */
    subrow *rows = sr_xcalloc((y ? y->nsubs : 0) + p->npartners + 1, sizeof *rows);
    size_t nrows = 0;
    for (size_t i = 0; y && i < y->nsubs; i++) {
        const sr_submission *s = &y->subs[i];
        subrow *r = &rows[nrows++];
        r->partner = s->partner ? s->partner : "?";
        const sr_partner *pt = s->partner ? sr_partnership_find(p, s->partner) : NULL;
        r->name = pt ? sr_partner_short_in(pt, y0) : r->partner;
        r->file = sr_basename(s->src->name);
        for (size_t k = 0; k < rd.ds.d.n; k++) {
            if (rd.ds.d.v[k].loc.src != s->src)
                continue;
            if (rd.ds.d.v[k].sev == SR_ERROR)
                r->errors++;
            else if (rd.ds.d.v[k].sev == SR_WARNING)
                r->warnings++;
        }
        r->state = r->errors ? "errors" : r->warnings ? "warnings" : "valid";
        struct stat sb;
        if (stat(s->src->name, &sb) == 0) {
            struct tm tm;
            time_t t = sb.st_mtime;
            gmtime_r(&t, &tm);
            strftime(r->changed, sizeof r->changed, "%Y-%m-%d", &tm);
        }
    }
    for (size_t k = 0; k < p->npartners; k++) {
        const sr_partner *pt = &p->partners[k];
        if (!pt->nsubmits)
            continue; /* not asked for anything */
        bool have = false;
        for (size_t i = 0; i < nrows && !have; i++)
            have = strcmp(rows[i].partner, pt->id) == 0;
        if (have)
            continue;
        subrow *r = &rows[nrows++];
        r->partner = pt->id;
        r->name = sr_partner_short_in(pt, y0);
        r->file = "";
        r->state = "missing";
    }

    /* The document, for the narrative and the statutory check. */
    sr_diags quiet;
    sr_diags_init(&quiet);
    sr_catalogue *cat = sr_catalogue_load_layered(rd.ds.a, &quiet, rd.templates, rd.data);
    sr_document *doc = NULL;
    if (cat) {
        sr_metrics *m = sr_metrics_compute(rd.ds.a, cat, p, y0, rd.ds.have, rd.ds.nyears);
        sr_chart_specs *specs =
            sr_chart_specs_load(rd.ds.a, &quiet, rd.templates, rd.data, cat, &rd.ds);
        sr_doc_options o = {.data_dir = rd.data, .templates_dir = rd.templates};
        doc = sr_doc_build(rd.ds.a, &quiet, &o, &rd.ds, cat, m, specs);
    }

    /* The report and its publication: the record and the files read while
     * no build is writing them (one that is running is waited for; its
     * new files beside the old record would look like a stopped build).
     * A folder that cannot be locked is read as it is. */
    int lock = sr_path_kind_of(yout) == SR_PATH_DIR
                   ? sr_lock_dir_shared(yout, "a build or a publish")
                   : -1;
    sr_build_record *rec = sr_build_record_read(rd.ds.a, yout);
    char now[SR_SHA256_HEX];
    sr_inputs_hash_of(&rd.ds, rd.data, rd.templates, fonts, now);
    bool current = rec && strcmp(rec->inputs, now) == 0;
    /* The files are those the build made: not so after a build was killed
     * part-way or a file was edited. */
    bool whole = rec && !sr_build_record_changed(rec, yout);
    sr_unlock_dir(lock);
    sr_publication *pub = sr_publication_read(rd.ds.a, &quiet, ydata);
    const sr_pub_event *latest = pub ? sr_publication_latest(pub) : NULL;
    int32_t today = sr_today();
    /* The edition the report is made under, and what it asks beyond words. */
    const sr_guidance *g = doc ? doc->guidance : NULL;
    sr_diags why; /* kept to the end: the edition's places point into it */
    sr_diags_init(&why);
    if (!g) {
        /* Say why there is none: it decides what the report must contain. */
        g = sr_guidance_for_year(rd.ds.a, &why, rd.templates, p, y0);
        if (!g)
            sr_diags_print_text(&why, stderr, sr_use_color(stderr));
    }
    /* The edition the year would have by default, to say when partnership.yaml
     * has chosen another (an older edition kept on, or a newer one early). */
    const sr_guidance *by_year =
        g ? sr_guidance_for_year(rd.ds.a, &why, rd.templates, NULL, y0) : NULL;
    if (by_year && strcmp(by_year->id, g->id) == 0)
        by_year = g;
    int signed_off = g && g->needs_sign_off ? sign_off_recorded(rd.ds.a, &rd.ds) : -1;
    int scrutiny = g && g->needs_scrutiny ? section_state(doc, "scrutiny") : -1;
    /* The publication is held to the terms it recorded. */
    sr_pub_terms terms = {0};
    bool have_terms =
        latest && sr_publication_terms(rd.ds.a, &quiet, latest, rd.templates, p, y0, &terms);

    if (json) {
        sr_buf b = SR_BUF_INIT;
        sr_json j;
        sr_json_init(&j, &b);
        sr_json_object(&j, true);
        sr_json_key(&j, "year"), jstr(&j, yname);
        sr_json_key(&j, "submissions");
        sr_json_array(&j, true);
        for (size_t i = 0; i < nrows; i++) {
            sr_json_object(&j, false);
            sr_json_key(&j, "partner"), jstr(&j, rows[i].partner);
            sr_json_key(&j, "file"), jstr(&j, rows[i].file);
            sr_json_key(&j, "state"), jstr(&j, rows[i].state);
            sr_json_key(&j, "errors"), sr_json_int(&j, (long long)rows[i].errors);
            sr_json_key(&j, "warnings"), sr_json_int(&j, (long long)rows[i].warnings);
            sr_json_key(&j, "changed"), jstr(&j, rows[i].changed);
            sr_json_end(&j);
        }
        sr_json_end(&j);
        sr_json_key(&j, "narrative_missing");
        sr_json_array(&j, false);
        for (size_t i = 0; doc && i < doc->root->nkids; i++)
            if (doc->root->kids[i]->kind == SR_D_SECTION && !doc->root->kids[i]->written)
                jstr(&j, doc->root->kids[i]->narrative ? doc->root->kids[i]->narrative
                                                       : doc->root->kids[i]->sid);
        sr_json_end(&j);
        sr_json_key(&j, "guidance");
        if (!g) {
            sr_json_null(&j);
        } else {
            sr_json_object(&j, false);
            sr_json_key(&j, "id"), jstr(&j, g->id);
            sr_json_key(&j, "name"), jstr(&j, g->name);
            sr_json_key(&j, "unconfirmed"), sr_json_int(&j, (long long)g->nunconfirmed);
            sr_json_key(&j, "file"), jstr(&j, g->path);
            sr_json_key(&j, "needs_sign_off"), sr_json_bool(&j, g->needs_sign_off);
            sr_json_key(&j, "needs_scrutiny"), sr_json_bool(&j, g->needs_scrutiny);
            sr_json_key(&j, "needs_contributions"), sr_json_bool(&j, g->needs_contributions);
            sr_json_key(&j, "sign_off_recorded");
            if (signed_off < 0)
                sr_json_null(&j);
            else
                sr_json_bool(&j, signed_off);
            sr_json_key(&j, "contributions_shown");
            if (!g->needs_contributions)
                sr_json_null(&j);
            else
                sr_json_bool(&j, doc && doc->shows_contributions);
            sr_json_key(&j, "scrutiny");
            if (!g->needs_scrutiny)
                sr_json_null(&j);
            else
                sr_json_str(&j, scrutiny < 0 ? "no section" : scrutiny ? "written" : "missing");
            sr_json_key(&j, "default_for_year");
            if (by_year)
                jstr(&j, by_year->id);
            else
                sr_json_null(&j);
            sr_json_end(&j);
        }
        sr_json_key(&j, "statutory");
        sr_json_array(&j, false);
        for (size_t i = 0; doc && i < doc->nduties; i++) {
            sr_json_object(&j, false);
            sr_json_key(&j, "duty"), jstr(&j, doc->duties[i].id);
            sr_json_key(&j, "covered"), sr_json_bool(&j, doc->duties[i].covered);
            sr_json_key(&j, "confirmed"), sr_json_bool(&j, doc->duties[i].confirmed);
            sr_json_end(&j);
        }
        sr_json_end(&j);
        char built[16] = "";
        if (rec)
            ymd_str(rec->built, built, sizeof built);
        sr_json_key(&j, "report");
        sr_json_object(&j, false);
        sr_json_key(&j, "built"), sr_json_str(&j, rec ? built : NULL);
        sr_json_key(&j, "final"), sr_json_bool(&j, rec && rec->final);
        sr_json_key(&j, "current"), sr_json_bool(&j, current);
        sr_json_key(&j, "files_match"), sr_json_bool(&j, whole);
        sr_json_end(&j);
        json_sign_off(&j, rd.ds.a, y);
        sr_json_key(&j, "publication");
        if (!have_terms) {
            sr_json_null(&j);
        } else {
            char d1[16], d2[16];
            ymd_str(latest->date, d1, sizeof d1);
            ymd_str(terms.send_by, d2, sizeof d2);
            sr_json_object(&j, false);
            sr_json_key(&j, "published"), sr_json_str(&j, d1);
            sr_json_key(&j, "send_by"), sr_json_str(&j, d2);
            sr_json_key(&j, "guidance"), jstr(&j, terms.guidance);
            sr_json_key(&j, "from_record"), sr_json_bool(&j, terms.from_record);
            sr_json_key(&j, "recipients");
            sr_json_array(&j, false);
            for (size_t i = 0; i < terms.nrecipients; i++) {
                int32_t sent = sr_publication_sent(pub, terms.recipients[i].id);
                sr_json_object(&j, false);
                sr_json_key(&j, "id"), jstr(&j, terms.recipients[i].id);
                sr_json_key(&j, "name"), jstr(&j, terms.recipients[i].name);
                if (sent) {
                    ymd_str(sent, d1, sizeof d1);
                    sr_json_key(&j, "sent"), sr_json_str(&j, d1);
                    sr_json_key(&j, "on_time"), sr_json_bool(&j, sent <= terms.send_by);
                } else {
                    sr_json_key(&j, "sent"), sr_json_null(&j);
                    sr_json_key(&j, "days_left");
                    sr_json_int(&j, (long long)sr_days_between(today, terms.send_by));
                }
                sr_json_end(&j);
            }
            sr_json_end(&j);
            sr_json_end(&j);
        }
        sr_json_end(&j);
        if (sr_json_finish(&j)) {
            fputs(sr_buf_str(&b), stdout);
        } else {
            sr_fail("internal error: the status could not be written as JSON");
            code = SR_EXIT_IO;
        }
        sr_buf_free(&b);
    } else {
        bool color = sr_use_color(stdout);
        const char *red = color ? "\033[31m" : "", *green = color ? "\033[32m" : "",
                   *amber = color ? "\033[33m" : "", *off = color ? "\033[0m" : "";
        printf("%s: %s\n\nSubmissions\n", p->name, yname);
        for (size_t i = 0; i < nrows; i++) {
            const subrow *r = &rows[i];
            const char *c = !strcmp(r->state, "valid")      ? green
                            : !strcmp(r->state, "warnings") ? amber
                                                            : red;
            char detail[64] = "";
            if (r->errors || r->warnings)
                snprintf(detail, sizeof detail, " (%zu error%s, %zu warning%s)", r->errors,
                         r->errors == 1 ? "" : "s", r->warnings, r->warnings == 1 ? "" : "s");
            char line[512];
            snprintf(line, sizeof line, "  %-22.22s %-32.32s %s%-8s%s%s%s%s", r->name,
                     r->file[0] ? r->file : "-", c, r->state, off, detail,
                     r->changed[0] ? "  changed " : "", r->changed);
            size_t len = strlen(line);
            while (len && line[len - 1] == ' ')
                line[--len] = '\0';
            sr_fput_safe(stdout, line); /* a file's name may hold control characters */
            putchar('\n');
        }
        if (nrows == 0)
            printf("  none yet\n");
        print_not_read(rd.data, rd.templates, y0, ydata, color);
        size_t written = 0, sections = 0;
        for (size_t i = 0; doc && i < doc->root->nkids; i++)
            if (doc->root->kids[i]->kind == SR_D_SECTION && doc->root->kids[i]->narrative) {
                sections++;
                written += doc->root->kids[i]->written;
            }
        sr_out("\nNarrative in %s/%s/narrative/: %zu of %zu sections written\n", rd.data, yname,
               written, sections);
        for (size_t i = 0; doc && i < doc->root->nkids; i++)
            if (doc->root->kids[i]->kind == SR_D_SECTION && !doc->root->kids[i]->written)
                printf("  %sstill to write%s: %-16s %s\n", amber, off,
                       doc->root->kids[i]->narrative ? doc->root->kids[i]->narrative
                                                     : doc->root->kids[i]->sid,
                       doc->root->kids[i]->text);
        if (g) {
            printf("\n%s\n", g->words_contents);
            for (size_t i = 0; doc && i < doc->nduties; i++)
                printf("  %s%-8s%s %s\n", doc->duties[i].covered ? green : red,
                       doc->duties[i].covered ? "covered" : "MISSING", off, doc->duties[i].text);
            if (g->needs_sign_off)
                printf("  %s%-8s%s the lead safeguarding partners' sign-off of the report and "
                       "budget%s\n",
                       signed_off > 0 ? green : red, signed_off > 0 ? "recorded" : "MISSING", off,
                       p->nlead_partners ? "" : ": partnership.yaml names no lead_partners");
            if (g->needs_contributions)
                printf("  %s%-8s%s each partner's contribution to the shared budget (table "
                       "contributions)\n",
                       doc && doc->shows_contributions ? green : red,
                       doc && doc->shows_contributions ? "shown" : "MISSING", off);
            if (g->needs_scrutiny)
                printf("  %s%-8s%s the independent scrutineer's statement (section scrutiny)%s\n",
                       scrutiny > 0 ? green : red, scrutiny > 0 ? "written" : "MISSING", off,
                       scrutiny < 0 ? ": the template has no section `scrutiny`" : "");
            printf("  Under %s, in force from ", g->name);
            char d1[40];
            sr_fmt_date(g->in_force, d1, sizeof d1);
            printf("%s.\n", d1);
            if (g->nunconfirmed)
                printf("  %zu of its facts are not confirmed against the published text; check "
                       "those marked\n  `confirmed: no` in %s\n",
                       g->nunconfirmed, g->path);
            if (by_year && by_year != g)
                printf("  partnership.yaml names this edition for %s; by the year it would be %s\n",
                       yname, by_year->short_name);
        }
        print_sign_off(rd.ds.a, p, y, g && g->needs_sign_off, red, green, off);
        printf("\nReport\n");
        if (!rec) {
            printf("  not built yet: sscp-report build %s\n", yname);
        } else {
            char d1[40];
            sr_fmt_date(rec->built, d1, sizeof d1);
            printf("  %s, built %s: %s%s%s\n", rec->final ? "final" : "draft", d1,
                   current ? green : red, current ? "current" : "stale", off);
            if (!whole) {
                char *where = sr_safe_dup(yout); /* the user's folder: shown safely */
                printf("  %sthe files in %s are not those the build made%s (a build was stopped "
                       "part-way, or a\n  file was changed); build again: sscp-report build %s%s\n",
                       red, where, off, yname, rec->final ? " --final" : "");
                free(where);
            } else if (!current)
                printf(
                    "  the data, narrative, template or fonts have changed since; rebuild with:\n"
                    "  sscp-report build %s%s\n",
                    yname, rec->final ? " --final" : "");
            else if (!rec->final)
                printf("  a draft cannot be published; when ready: sscp-report build %s --final\n",
                       yname);
        }
        printf("\nPublication\n");
        if (!latest) {
            printf("  not published yet\n");
        } else if (!have_terms) {
            printf("  %sthe recipients and deadline of this publication cannot be worked out%s\n",
                   red, off);
        } else {
            char d1[40], d2[40];
            sr_fmt_date(latest->date, d1, sizeof d1);
            int32_t due = terms.send_by;
            sr_fmt_date(due, d2, sizeof d2);
            sr_out("  published %s%s%s; copies due by %s\n", d1, latest->url ? " at " : "",
                   latest->url ? latest->url : "", d2);
            if (terms.from_record)
                printf("  under %s, as recorded then\n", terms.guidance_name);
            else
                printf("  published before sscp-report recorded the recipients and the deadline:\n"
                       "  these are today's, from %s and partnership.yaml\n",
                       terms.guidance);
            for (size_t i = 0; i < terms.nrecipients; i++) {
                const sr_recipient *r = &terms.recipients[i];
                int32_t sent = sr_publication_sent(pub, r->id);
                char what[96];
                const char *c = green;
                if (sent) {
                    char sd[40];
                    sr_fmt_date(sent, sd, sizeof sd);
                    int64_t late = sr_days_between(due, sent);
                    bool ok = late <= 0;
                    if (ok)
                        snprintf(what, sizeof what, "sent %s, on time", sd);
                    else
                        snprintf(what, sizeof what, "sent %s, %lld day%s late", sd, (long long)late,
                                 late == 1 ? "" : "s");
                    c = ok ? green : red;
                } else {
                    int64_t left = sr_days_between(today, due);
                    if (left == 0) {
                        snprintf(what, sizeof what, "due today");
                        c = amber;
                    } else if (left > 0) {
                        snprintf(what, sizeof what, "due in %lld day%s", (long long)left,
                                 left == 1 ? "" : "s");
                        c = amber;
                    } else {
                        snprintf(what, sizeof what, "overdue by %lld day%s", (long long)-left,
                                 left == -1 ? "" : "s");
                        c = red;
                    }
                }
                printf("  %-48.48s %s%s%s\n", r->name ? r->name : r->id, c, what, off);
            }
        }
    }
    free(rows);
    sr_diags_free(&why);
    sr_diags_free(&quiet);
    free(ydata);
    free(yout);
    sr_dataset_free(&rd.ds);
    return code;
}

const sr_command sr_cmd_status = {
    "status",
    "show who has sent what, what is missing, and what is due when",
    usage,
    run,
};
