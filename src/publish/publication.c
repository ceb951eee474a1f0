/* publication: the append-only publication record, see publication.h. */
#include "publish/publication.h"

#include "core/buf.h"
#include "core/fsutil.h"
#include "data/guidance.h"
#include "data/loader.h"
#include "data/yamlout.h"
#include "publish/dates.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char header[] =
    "# The publication record for this year, kept by `sscp-report publish`.\n"
    "# Each line below is an event; new ones are added at the end and none is\n"
    "# ever changed, so the history of the year's report stays whole.\n"
    "format: 1\n"
    "events:\n";

sr_publication *sr_publication_read(sr_arena *a, sr_diags *d, const char *year_dir)
{
    sr_publication *p = sr_arena_alloc(a, sizeof *p);
    char *path = sr_path_join(year_dir, "publication.yaml");
    if (sr_path_kind_of(path) != SR_PATH_FILE) {
        free(path);
        return p;
    }
    const sr_source *src;
    char *data_dir = sr_dirname(year_dir);
    sr_ynode *root = sr_load_yaml_file_within(a, d, path, data_dir, &src);
    free(data_dir);
    free(path);
    if (!root)
        return NULL;
    const sr_ynode *ev = sr_ymap_get(root, "events");
    size_t n = ev && ev->kind == SR_Y_SEQ ? ev->n : 0;
    p->v = sr_arena_alloc(a, (n ? n : 1) * sizeof *p->v);
    for (size_t i = 0; i < n; i++) {
        const sr_ynode *e = ev->items[i];
        const char *kind = sr_ynode_text(sr_ymap_get(e, "event"));
        const char *date = sr_ynode_text(sr_ymap_get(e, "date"));
        sr_pub_event x = {0};
        if (!kind || !sr_parse_ymd(date, &x.date) ||
            (strcmp(kind, "published") != 0 && strcmp(kind, "sent") != 0)) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, e->loc, "this is not a publication event"),
                         "publication.yaml is written by `sscp-report publish`; restore it "
                         "from a backup rather than editing it");
            return NULL;
        }
        x.published = strcmp(kind, "published") == 0;
        x.url = sr_ynode_text(sr_ymap_get(e, "url"));
        x.report = sr_ynode_text(sr_ymap_get(e, "report"));
        x.recipient = sr_ynode_text(sr_ymap_get(e, "recipient"));
        x.guidance = sr_ynode_text(sr_ymap_get(e, "guidance"));
        x.guidance_name = sr_ynode_text(sr_ymap_get(e, "guidance_name"));
        const char *sb = sr_ynode_text(sr_ymap_get(e, "send_by"));
        const char *days = sr_ynode_text(sr_ymap_get(e, "send_within_days"));
        const sr_ynode *rl = sr_ymap_get(e, "recipients");
        if (x.published && x.guidance &&
            (!sr_parse_ymd(sb, &x.send_by) || !days || !rl || rl->kind != SR_Y_SEQ)) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, e->loc,
                                     "this publication does not record its send-by date and "
                                     "recipients whole"),
                         "publication.yaml is written by `sscp-report publish`; restore it "
                         "from a backup rather than editing it");
            return NULL;
        }
        if (x.published && x.guidance) {
            x.send_within_days = atoi(days);
            x.recipients = sr_arena_alloc(a, (rl->n ? rl->n : 1) * sizeof *x.recipients);
            for (size_t k = 0; k < rl->n; k++) {
                const sr_ynode *r = rl->items[k];
                sr_recipient to = {sr_ynode_text(sr_ymap_get(r, "id")),
                                   sr_ynode_text(sr_ymap_get(r, "name")),
                                   sr_ynode_text(sr_ymap_get(r, "email")), r->loc};
                if (!to.id || !to.name || !to.email) {
                    sr_diag_hint(sr_diag_add(d, SR_ERROR, r->loc,
                                             "this recipient of the publication has no id, name "
                                             "or address"),
                                 "publication.yaml is written by `sscp-report publish`; restore "
                                 "it from a backup rather than editing it");
                    return NULL;
                }
                x.recipients[x.nrecipients++] = to;
            }
        }
        p->v[p->n++] = x;
    }
    return p;
}

/* One event as an item of `events:`, through the one YAML writer: the
 * terms in force written out whole, so that nothing read later
 * (partnership.yaml, the edition files) is needed to know them. False when
 * a value is not UTF-8 text. */
static bool event_yaml(sr_buf *b, const sr_pub_event *e)
{
    char date[16];
    snprintf(date, sizeof date, "%04d-%02d-%02d", e->date / 10000, e->date / 100 % 100,
             e->date % 100);
    sr_yout w;
    sr_yout_init(&w, b);
    sr_yout_indent(&w, 2);
    sr_yout_seq(&w);
    sr_yout_item(&w);
    if (e->published) {
        sr_yout_map(&w);
        sr_yout_key(&w, "event"), sr_yout_token(&w, "published");
        sr_yout_key(&w, "date"), sr_yout_token(&w, date);
        if (e->url)
            sr_yout_key(&w, "url"), sr_yout_quoted(&w, e->url);
        sr_yout_key(&w, "report"), sr_yout_token(&w, e->report);
        if (e->guidance) {
            char sb[16];
            snprintf(sb, sizeof sb, "%04d-%02d-%02d", e->send_by / 10000, e->send_by / 100 % 100,
                     e->send_by % 100);
            sr_yout_key(&w, "guidance"), sr_yout_token(&w, e->guidance);
            sr_yout_key(&w, "guidance_name"), sr_yout_quoted(&w, e->guidance_name);
            sr_yout_key(&w, "send_by"), sr_yout_token(&w, sb);
            sr_yout_key(&w, "send_within_days"), sr_yout_int(&w, e->send_within_days);
            sr_yout_key(&w, "recipients"), sr_yout_seq(&w);
            for (size_t i = 0; i < e->nrecipients; i++) {
                sr_yout_item(&w), sr_yout_flow_map(&w);
                sr_yout_key(&w, "id"), sr_yout_token(&w, e->recipients[i].id);
                sr_yout_key(&w, "name"), sr_yout_quoted(&w, e->recipients[i].name);
                sr_yout_key(&w, "email"), sr_yout_quoted(&w, e->recipients[i].email);
                sr_yout_end(&w);
            }
            sr_yout_end(&w);
        }
    } else {
        sr_yout_flow_map(&w);
        sr_yout_key(&w, "event"), sr_yout_token(&w, "sent");
        sr_yout_key(&w, "date"), sr_yout_token(&w, date);
        sr_yout_key(&w, "recipient"), sr_yout_token(&w, e->recipient);
    }
    sr_yout_end(&w);
    sr_yout_end(&w);
    return sr_yout_finish(&w);
}

int sr_publication_append(const char *year_dir, const sr_pub_event *e)
{
    char *path = sr_path_join(year_dir, "publication.yaml");
    char *old = NULL;
    size_t len = 0;
    sr_read_status st = sr_read_file(path, (size_t)1 << 24, &old, &len);
    if (st != SR_READ_OK && st != SR_READ_NOT_FOUND) {
        free(path);
        errno = EIO;
        return -1;
    }
    sr_buf b = SR_BUF_INIT;
    if (st == SR_READ_OK)
        sr_buf_put(&b, old, len); /* everything already there, byte for byte */
    else
        sr_buf_puts(&b, header);
    if (b.len && b.data[b.len - 1] != '\n')
        sr_buf_putc(&b, '\n');
    if (!event_yaml(&b, e)) {
        sr_buf_free(&b);
        free(old);
        free(path);
        errno = EILSEQ;
        return -1;
    }
    int r = sr_write_file_atomic(path, b.data, b.len);
    sr_buf_free(&b);
    free(old);
    free(path);
    return r;
}

const sr_pub_event *sr_publication_latest(const sr_publication *p)
{
    for (size_t i = p->n; i-- > 0;)
        if (p->v[i].published)
            return &p->v[i];
    return NULL;
}

int32_t sr_publication_sent(const sr_publication *p, const char *recipient)
{
    /* Only copies sent after the latest publication count. */
    int32_t when = 0;
    bool after = false;
    const sr_pub_event *latest = sr_publication_latest(p);
    for (size_t i = 0; i < p->n; i++) {
        if (&p->v[i] == latest)
            after = true;
        else if (after && !p->v[i].published && p->v[i].recipient &&
                 strcmp(p->v[i].recipient, recipient) == 0 && !when)
            when = p->v[i].date;
    }
    return when;
}

bool sr_publication_terms(sr_arena *a, sr_diags *d, const sr_pub_event *e,
                          const char *templates_dir, const sr_partnership *p, int year,
                          sr_pub_terms *out)
{
    memset(out, 0, sizeof *out);
    if (e->guidance) {
        *out = (sr_pub_terms){e->guidance,   e->guidance_name, e->send_by, e->send_within_days,
                              e->recipients, e->nrecipients,   true};
        return true;
    }
    /* Recorded before the terms were kept: the best there is, today's. */
    const sr_guidance *g = sr_guidance_for_year(a, d, templates_dir, p, year);
    if (!g)
        return false;
    out->guidance = g->id;
    out->guidance_name = g->name;
    out->send_within_days = g->send_within_days;
    out->send_by = sr_ymd_add_days(e->date, g->send_within_days);
    out->recipients = sr_guidance_recipients(a, g, p, &out->nrecipients);
    return true;
}
