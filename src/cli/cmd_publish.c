/* cmd_publish: `sscp-report publish YEAR --date D [--url U]` records the
 * publication of a final, current report and prepares the copies the
 * statutory guidance in force asks to be sent (its recipients, its
 * deadline: both from the edition file, with partnership.yaml's
 * corrections), recording those terms in the year's publication.yaml;
 * `publish YEAR --sent RECIPIENT --date D` records that a copy was sent,
 * against the terms recorded at publication. */
#include "cli/args.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "data/guidance.h"
#include "data/loader.h"
#include "data/partnership.h"
#include "data/signoff.h"
#include "data/yamlout.h"
#include "publish/dates.h"
#include "publish/eml.h"
#include "publish/publication.h"
#include "publish/record.h"
#include "render/render.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "Usage: sscp-report publish [OPTIONS] YEAR --date YYYY-MM-DD [--url URL]\n"
    "       sscp-report publish [OPTIONS] YEAR --sent RECIPIENT --date YYYY-MM-DD\n"
    "\n"
    "Record that the year's report was published, and prepare what must be\n"
    "sent: the statutory guidance in force for the year (TEMPLATES/guidance/)\n"
    "names who must be sent a copy and within how many days; partnership.yaml's\n"
    "`recipients:` may add to that list or supply an address. Refuses unless a\n"
    "`build --final` exists and is current (no input has changed since), and\n"
    "while a recipient has no address. Writes OUT/YEAR/submission/: a manifest\n"
    "(files, sizes, SHA-256, publication and send-by dates) and one .eml\n"
    "message per recipient with the PDF attached. The record,\n"
    "data/YEAR/publication.yaml, is only ever added to; it keeps the edition,\n"
    "the send-by date and the recipients in force that day.\n"
    "\n"
    "With --sent, records that a copy went to RECIPIENT (an id from the\n"
    "recipients recorded when the year was published).\n"
    "\n"
    "Options:\n"
    "  --date YYYY-MM-DD   when it was published, or sent\n"
    "  --url URL           where it was published\n"
    "  --data DIR          the data folder (default: ./data)\n"
    "  --templates DIR     the report template folder (default: ./report-templates)\n"
    "  --fonts DIR         the fonts folder (default: ./fonts)\n"
    "  --out DIR           where the report was built (default: ./out)\n";

static int run(int argc, char **argv)
{
    const char *year = NULL, *date = NULL, *url = NULL, *sent = NULL;
    const char *data = SR_DEFAULT_DATA, *templates = "report-templates", *fonts = "fonts",
               *out = "out";
    const sr_opt opts[] = {{"--date", NULL, &date, NULL},
                           {"--url", NULL, &url, NULL},
                           {"--sent", NULL, &sent, NULL},
                           {"--data", NULL, &data, NULL},
                           {"--templates", NULL, &templates, NULL},
                           {"--fonts", NULL, &fonts, NULL},
                           {"--out", NULL, &out, NULL},
                           {0}};
    int npos;
    if (!sr_parse_args("publish", argc, argv, opts, &year, 1, &npos))
        return SR_EXIT_USAGE;
    int y0 = year ? sr_year_from_name(year) : 0;
    if (!y0) {
        sr_usage_error("publish", "name a reporting year, such as: publish 2019-20 --date "
                                  "2020-09-30");
        return SR_EXIT_USAGE;
    }
    /* Where the report was published goes into the record and the emails
     * as it is: a web address, on one line. */
    if (url) {
        bool web = g_ascii_strncasecmp(url, "https://", 8) == 0 ||
                   g_ascii_strncasecmp(url, "http://", 7) == 0;
        unsigned code;
        size_t bad = sr_control_char_at(url, strlen(url), &code);
        if (!web || bad < strlen(url) || strchr(url, ' ') ||
            sr_utf8_invalid_at(url, strlen(url)) < strlen(url)) {
            sr_usage_error("publish",
                           "--url '%s' is not a web address: it must start https:// (or "
                           "http://) and hold no spaces or control characters",
                           url);
            return SR_EXIT_USAGE;
        }
    }
    int32_t when;
    char why[160];
    if (!date) {
        sr_usage_error("publish", "say when with --date YYYY-MM-DD");
        return SR_EXIT_USAGE;
    }
    if (!sr_parse_ymd_why(date, &when, why, sizeof why)) {
        sr_usage_error("publish", "%s; give the day with --date YYYY-MM-DD, such as 2020-10-30",
                       why);
        return SR_EXIT_USAGE;
    }
    /* A day still to come cannot be the day it was published, or sent. */
    int32_t today = sr_today();
    if (when > today) {
        char wd[40], td[40];
        sr_fmt_date(when, wd, sizeof wd);
        sr_fmt_date(today, td, sizeof td);
        sr_fail("%s is after today (%s): record a publication or a copy sent once it has "
                "happened; give the day it happened with --date",
                wd, td);
        return SR_EXIT_INVALID;
    }
    char yname[16];
    sr_fmt_year(y0, yname, sizeof yname);
    char *ydata = sr_path_join(data, yname);
    char *yout = sr_path_join(out, yname);
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    int code = SR_EXIT_OK;
    /* One command at a time: the year's output folder (a build writing it
     * while publish reads the report), then its data folder (two publish
     * commands reading and adding to publication.yaml at once would lose
     * one's event). Always in that order, so two commands never wait on
     * each other. --sent reads no report. */
    int out_lock = -1, data_lock = -1;
    if (!sent && sr_path_kind_of(yout) == SR_PATH_DIR &&
        (out_lock = sr_lock_dir(yout, "a build or a publish")) < 0) {
        sr_fail("cannot lock %s against other commands: %s", yout, strerror(errno));
        code = SR_EXIT_IO;
        goto done;
    }
    if (sr_path_kind_of(ydata) != SR_PATH_DIR) {
        sr_fail("there is no folder %s: the year's data and its publication record are kept "
                "there; check the year, or give the data folder with --data DIR",
                ydata);
        code = SR_EXIT_INVALID;
        goto done;
    }
    if ((data_lock = sr_lock_dir(ydata, "publication.yaml")) < 0) {
        sr_fail("cannot lock %s to update its publication.yaml: %s", ydata, strerror(errno));
        code = SR_EXIT_IO;
        goto done;
    }
    char *pp = sr_path_join(data, "partnership.yaml");
    sr_partnership *p = sr_partnership_load(a, &d, pp);
    free(pp);
    sr_publication *pub = p ? sr_publication_read(a, &d, ydata) : NULL;
    if (!p || !pub) {
        sr_diags_print_text(&d, stderr, sr_use_color(stderr));
        code = d.io_errors ? SR_EXIT_IO : SR_EXIT_INVALID;
        goto done;
    }

    if (sent) {
        const sr_pub_event *latest = sr_publication_latest(pub);
        if (!latest) {
            sr_fail("%s has not been published yet: publish it first (publish %s --date ...)",
                    yname, yname);
            code = SR_EXIT_INVALID;
            goto done;
        }
        /* Held to the terms recorded at publication, not today's files. */
        sr_pub_terms terms;
        if (!sr_publication_terms(a, &d, latest, templates, p, y0, &terms)) {
            sr_diags_print_text(&d, stderr, sr_use_color(stderr));
            code = d.io_errors ? SR_EXIT_IO : SR_EXIT_INVALID;
            goto done;
        }
        if (!terms.from_record)
            sr_out("Note: %s was published before sscp-report recorded the recipients and the "
                   "deadline; using today's, from %s and partnership.yaml.\n",
                   yname, terms.guidance);
        const sr_recipient *r = NULL;
        for (size_t i = 0; i < terms.nrecipients; i++)
            if (strcmp(terms.recipients[i].id, sent) == 0)
                r = &terms.recipients[i];
        if (!r) {
            sr_buf ids = SR_BUF_INIT;
            for (size_t i = 0; i < terms.nrecipients; i++)
                sr_buf_printf(&ids, "%s%s", i ? ", " : "", terms.recipients[i].id);
            sr_usage_error("publish", "there is no recipient '%s'; the recipients are: %s", sent,
                           sr_buf_str(&ids));
            sr_buf_free(&ids);
            code = SR_EXIT_USAGE;
            goto done;
        }
        if (when < latest->date) {
            sr_fail("%s is before the report was published (%04d-%02d-%02d)", date,
                    latest->date / 10000, latest->date / 100 % 100, latest->date % 100);
            code = SR_EXIT_INVALID;
            goto done;
        }
        const char *rname = r->name ? r->name : r->id;
        int32_t already = sr_publication_sent(pub, sent);
        if (already) {
            char ad[40];
            sr_fmt_date(already, ad, sizeof ad);
            sr_out("Already recorded: sent to %s on %s. Nothing changed.\n", rname, ad);
            goto done;
        }
        sr_pub_event e = {.published = false, .date = when, .recipient = sent};
        if (sr_publication_append(ydata, &e) != 0) {
            sr_fail("cannot update %s/publication.yaml: %s", ydata, sr_io_error(errno));
            code = SR_EXIT_IO;
            goto done;
        }
        int64_t late = sr_days_between(terms.send_by, when);
        char wd[40];
        sr_fmt_date(when, wd, sizeof wd);
        if (late > 0)
            sr_out("Recorded: sent to %s on %s, %lld day%s late\n", rname, wd, (long long)late,
                   late == 1 ? "" : "s");
        else
            sr_out("Recorded: sent to %s on %s, within the %d days\n", rname, wd,
                   terms.send_within_days);
        goto done;
    }

    /* A year's report is published once the year is over. */
    int32_t year_ended = (y0 + 1) * 10000 + 331;
    if (when <= year_ended) {
        char wd[40];
        sr_fmt_date(when, wd, sizeof wd);
        sr_fail("%s is before %s was over (it ended on 31 March %d): the year's report is "
                "published after it; give the day it was published with --date",
                wd, yname, y0 + 1);
        code = SR_EXIT_INVALID;
        goto done;
    }
    char far[320];
    if (sr_publication_date_far(y0, when, far, sizeof far)) {
        sr_fail("%s", far);
        code = SR_EXIT_INVALID;
        goto done;
    }
    if (!p->email) {
        sr_fail("partnership.yaml gives no email for the partnership: the messages to the "
                "recipients need a From address (add `email:` under `partnership:`)");
        code = SR_EXIT_INVALID;
        goto done;
    }
    /* The terms in force today: the edition for the year and its
     * recipients with partnership.yaml's corrections. Every recipient needs
     * a name and an address before anything is written. */
    const sr_guidance *g = sr_guidance_for_year(a, &d, templates, p, y0);
    if (!g) {
        sr_diags_print_text(&d, stderr, sr_use_color(stderr));
        code = d.io_errors ? SR_EXIT_IO : SR_EXIT_INVALID;
        goto done;
    }
    size_t nrec;
    sr_recipient *recips = sr_guidance_recipients(a, g, p, &nrec);
    for (size_t i = 0; i < nrec; i++) {
        const sr_recipient *r = &recips[i];
        if (!r->name)
            sr_diag_hint(sr_diag_add(&d, SR_ERROR, r->loc,
                                     "the recipient `%s` has no name, and %s does not name it",
                                     r->id, g->short_name),
                         "add `name:` to its entry under `recipients:`");
        else if (!r->email && i < g->nrecipients)
            sr_diag_hint(sr_diag_add(&d, SR_ERROR, r->loc,
                                     "%s names the %s (`%s`) as a recipient but gives no address "
                                     "for it",
                                     g->short_name, r->name, r->id),
                         "add the address to %s, under `recipients:`, as `- {id: %s, email: "
                         "ADDRESS}`; publish refuses until every recipient has one",
                         p->path, r->id);
        else if (!r->email)
            sr_diag_hint(sr_diag_add(&d, SR_ERROR, r->loc, "the recipient `%s` (%s) has no address",
                                     r->id, r->name),
                         "add `email:` to its entry under `recipients:`; publish refuses until "
                         "every recipient has one");
    }
    if (d.errors) {
        sr_diags_print_text(&d, stderr, sr_use_color(stderr));
        code = SR_EXIT_INVALID;
        goto done;
    }
    /* Only a final build that matches the inputs now can be published. */
    sr_build_record *rec = sr_build_record_read(a, yout);
    if (!rec) {
        sr_fail("there is no report for %s in %s: run `sscp-report build %s --final` first", yname,
                yout, yname);
        code = SR_EXIT_INVALID;
        goto done;
    }
    if (!rec->final) {
        sr_fail("the report in %s is a draft: run `sscp-report build %s --final` first", yout,
                yname);
        code = SR_EXIT_INVALID;
        goto done;
    }
    char now[SR_SHA256_HEX];
    sr_inputs_hash(data, templates, fonts, y0, now);
    if (strcmp(now, rec->inputs) != 0) {
        sr_fail("the report in %s is out of date: data, narrative or template have changed since "
                "it was built; run `sscp-report build %s --final` again",
                yout, yname);
        code = SR_EXIT_INVALID;
        goto done;
    }
    const sr_record_file *changed = sr_build_record_changed(rec, yout);
    if (changed) {
        sr_fail("%s/%s is not the file the build made (changed or missing): build again", yout,
                changed->name);
        code = SR_EXIT_INVALID;
        goto done;
    }
    /* Nor before the report was signed off, when the year records that. */
    {
        sr_diags quiet;
        sr_diags_init(&quiet);
        sr_loader l = {a, &quiet, p, NULL};
        sr_year y;
        sr_year_init(&y, y0);
        sr_sign_off so = {0};
        if (sr_load_year_dir(&l, &y, ydata) >= 0)
            sr_sign_off_read(a, &y, &so);
        char at[512] = "";
        if (so.report.given && so.report.date && when < so.report.date)
            sr_loc_format(so.report.loc, at, sizeof at);
        sr_year_free(&y);
        if (at[0]) {
            char wd[40], sd[40];
            sr_fmt_date(when, wd, sizeof wd);
            sr_fmt_date(so.report.date, sd, sizeof sd);
            sr_fail("%s is before the report was signed off, on %s (%s): it is published once "
                    "signed off; give the day it was published with --date",
                    wd, sd, at);
            sr_diags_free(&quiet);
            code = SR_EXIT_INVALID;
            goto done;
        }
        sr_diags_free(&quiet);
    }
    /* The PDF the build made, read once: the bytes checked against the
     * record are the bytes attached. */
    const char *stem = sr_partnership_file_stem(a, p), *pattern = NULL;
    for (size_t i = 0; sr_outputs[i]; i++)
        if (strcmp(sr_outputs[i]->name, "PDF") == 0)
            pattern = sr_outputs[i]->file;
    const char *pdfname = pattern ? sr_arena_printf(a, pattern, stem, yname) : "";
    const sr_record_file *pdf = NULL;
    for (size_t i = 0; i < rec->noutputs; i++)
        if (strcmp(rec->outputs[i].name, pdfname) == 0)
            pdf = &rec->outputs[i];
    if (!pdf) {
        sr_fail("the build record in %s lists no PDF (%s), so there is no report to send: run "
                "`sscp-report build %s --final` again",
                yout, pdfname, yname);
        code = SR_EXIT_INVALID;
        goto done;
    }
    char *pdfpath = sr_path_join(yout, pdf->name);
    char *pdfdata = NULL;
    size_t pdflen = 0;
    sr_read_status pst = sr_read_file(pdfpath, (size_t)1 << 30, &pdfdata, &pdflen);
    char pdfsha[SR_SHA256_HEX] = "";
    if (pst == SR_READ_OK)
        sr_sha256_hex(pdfdata, pdflen, pdfsha);
    if (pst != SR_READ_OK || strcmp(pdfsha, pdf->sha256) != 0 || (int64_t)pdflen != pdf->bytes) {
        if (pst == SR_READ_ERROR)
            sr_fail("cannot read %s: %s", pdfpath, strerror(errno));
        else
            sr_fail("%s is not the file the build made (changed or missing): build again", pdfpath);
        code = pst == SR_READ_ERROR ? SR_EXIT_IO : SR_EXIT_INVALID;
        free(pdfdata);
        free(pdfpath);
        goto done;
    }
    int32_t send_by = sr_ymd_add_days(when, g->send_within_days);
    char sb[16];
    snprintf(sb, sizeof sb, "%04d-%02d-%02d", send_by / 10000, send_by / 100 % 100, send_by % 100);

    /* The submission folder: manifest and messages. */
    char *sub = sr_path_join(yout, "submission");
    if (sr_make_dirs(sub) != 0) {
        sr_fail("cannot create %s: %s", sub, sr_io_error(errno));
        code = SR_EXIT_IO;
        free(sub);
        free(pdfdata);
        free(pdfpath);
        goto done;
    }
    sr_remove_stale_temps(sub);
    sr_remove_stale_temps(ydata);
    sr_buf m = SR_BUF_INIT;
    sr_yout w;
    sr_yout_init(&w, &m);
    sr_yout_comment(&w, "What was published and what must be sent, written by sscp-report "
                        "publish.");
    sr_yout_map(&w);
    sr_yout_key(&w, "format"), sr_yout_int(&w, 1);
    sr_yout_key(&w, "report");
    sr_yout_quoted(&w, sr_arena_printf(a, "%s annual report %s", p->name, yname));
    sr_yout_key(&w, "published"), sr_yout_token(&w, date);
    if (url)
        sr_yout_key(&w, "url"), sr_yout_quoted(&w, url);
    /* The comment's words are the edition's (the writer keeps a line break
     * in them from ending it). */
    sr_yout_key(&w, "send_by"), sr_yout_token(&w, sb), sr_yout_note(&w, -3, g->words_deadline);
    sr_yout_key(&w, "guidance"), sr_yout_token(&w, g->id);
    sr_yout_key(&w, "inputs"), sr_yout_token(&w, rec->inputs);
    sr_yout_key(&w, "files");
    sr_record_files_yaml(&w, rec->outputs, rec->noutputs);
    sr_yout_key(&w, "recipients"), sr_yout_seq(&w);
    for (size_t i = 0; i < nrec; i++) {
        sr_yout_item(&w), sr_yout_flow_map(&w);
        sr_yout_key(&w, "id"), sr_yout_token(&w, recips[i].id);
        sr_yout_key(&w, "name"), sr_yout_quoted(&w, recips[i].name);
        sr_yout_key(&w, "email"), sr_yout_quoted(&w, recips[i].email);
        sr_yout_key(&w, "message"), sr_yout_quoted(&w, sr_arena_printf(a, "%s.eml", recips[i].id));
        sr_yout_end(&w);
    }
    sr_yout_end(&w);
    sr_yout_end(&w);
    if (!sr_yout_finish(&w)) {
        sr_fail("cannot write the manifest: %s", sr_yout_error(&w));
        sr_buf_free(&m);
        free(sub);
        code = SR_EXIT_IO;
        goto done;
    }
    char *mpath = sr_path_join(sub, "manifest.yaml");
    if (sr_write_file_atomic(mpath, m.data, m.len) != 0) {
        sr_fail("cannot write %s: %s", mpath, sr_io_error(errno));
        code = SR_EXIT_IO;
    }
    sr_buf_free(&m);
    for (size_t i = 0; code == SR_EXIT_OK && i < nrec; i++) {
        const sr_recipient *r = &recips[i];
        char subject[300], id[128];
        snprintf(subject, sizeof subject, "%s annual report %s", p->name, yname);
        snprintf(id, sizeof id, "%.16s.%s", pdf->sha256, r->id);
        sr_buf body = SR_BUF_INIT;
        /* The recipient is named in the message's To: line. The greeting
         * names no one: "at the Foundations", "at Jane Smith" and "at the
         * The Office" are what naming them here would give. */
        sr_buf_puts(&body, "Dear colleagues,\n\n");
        char pubd[40];
        sr_fmt_date(when, pubd, sizeof pubd);
        sr_buf_printf(&body, "The %s published its annual report for %s on %s", p->name, yname,
                      pubd);
        if (url)
            sr_buf_printf(&body, " at %s", url);
        sr_buf_printf(&body, ". %s\n\nYours faithfully,\n\n", g->words_covering_note);
        sr_buf_printf(&body, "%s\n", p->name);
        sr_eml e = {p->name,   p->email, r->name, r->email, subject, sr_buf_str(&body),
                    pdf->name, pdfdata,  pdflen,  when,     id};
        sr_buf msg = SR_BUF_INIT;
        char fname[128];
        snprintf(fname, sizeof fname, "%s.eml", r->id);
        char *epath = sr_path_join(sub, fname);
        if (sr_eml_write(&msg, &e, why, sizeof why) != 0) {
            sr_fail("cannot write %s: %s; correct it in partnership.yaml (or the edition's file) "
                    "and publish again",
                    epath, why);
            code = SR_EXIT_INVALID;
        } else if (sr_write_file_atomic(epath, msg.data, msg.len) != 0) {
            sr_fail("cannot write %s: %s", epath, sr_io_error(errno));
            code = SR_EXIT_IO;
        }
        free(epath);
        sr_buf_free(&msg);
        sr_buf_free(&body);
    }
    free(pdfdata);
    free(pdfpath);
    if (code == SR_EXIT_OK) {
        sr_pub_event e = {.published = true,
                          .date = when,
                          .url = url,
                          .report = pdf->sha256,
                          .guidance = g->id,
                          .guidance_name = g->name,
                          .send_by = send_by,
                          .send_within_days = g->send_within_days,
                          .recipients = recips,
                          .nrecipients = nrec};
        if (sr_publication_append(ydata, &e) != 0) {
            sr_fail("cannot update %s/publication.yaml: %s", ydata, sr_io_error(errno));
            code = SR_EXIT_IO;
        }
    }
    if (code == SR_EXIT_OK) {
        char pubd[40], sbd[40];
        sr_fmt_date(when, pubd, sizeof pubd);
        sr_fmt_date(send_by, sbd, sizeof sbd);
        sr_out("Recorded: %s published on %s\n", yname, pubd);
        sr_out("Wrote %s/manifest.yaml and %zu message%s to send by %s (%s):\n", sub, nrec,
               nrec == 1 ? "" : "s", sbd, g->short_name);
        for (size_t i = 0; i < nrec; i++)
            sr_out("  %s/%s.eml  to %s <%s>\n", sub, recips[i].id, recips[i].name, recips[i].email);
        /* An address the edition gives without having been checked, and the
         * partnership has not given itself, is worth a look before sending. */
        sr_buf unchecked = SR_BUF_INIT;
        for (size_t i = 0; i < nrec; i++)
            for (size_t j = 0; j < g->nrecipients; j++)
                if (strcmp(g->recipients[j].id, recips[i].id) == 0 && !g->recipients[j].confirmed &&
                    recips[i].email == g->recipients[j].email)
                    sr_buf_printf(&unchecked, "%s%s", unchecked.len ? ", " : "", recips[i].id);
        if (unchecked.len)
            sr_out("Check before sending: %s marks these recipients as not confirmed (see %s): "
                   "%s\n",
                   g->short_name, g->path, sr_buf_str(&unchecked));
        sr_buf_free(&unchecked);
        /* An address partnership.yaml gives for a recipient of another
         * edition is not used: say so, in case it was meant for this one. */
        for (size_t i = 0; i < p->nrecipients; i++) {
            if (!sr_guidance_recipient_unused(g, &p->recipients[i]))
                continue;
            char at[512];
            sr_loc_format(p->recipients[i].loc, at, sizeof at);
            sr_out("Not sent: %s names no recipient `%s`, and partnership.yaml gives it only an "
                   "address (%s)\n",
                   g->short_name, p->recipients[i].id, at);
        }
        sr_out("After sending each: sscp-report publish %s --sent ID --date YYYY-MM-DD\n", yname);
    }
    free(mpath);
    free(sub);
done:
    sr_unlock_dir(data_lock);
    sr_unlock_dir(out_lock);
    free(ydata);
    free(yout);
    sr_diags_free(&d);
    sr_arena_free(a);
    return code;
}

const sr_command sr_cmd_publish = {
    "publish",
    "record publication and prepare the copies the guidance asks to be sent",
    usage,
    run,
};
