/* template: blank submissions from the schema, see template.h. */
#include "data/template.h"

#include "core/arena.h"
#include "core/fmt.h"
#include "data/schema_defs.h"
#include "data/yamlout.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMMENT_COLUMN 40

typedef struct {
    sr_yout *w; /* the one YAML writer */
    const sr_figures *prev;
    const char *partner;
    char prev_year[16];
} tctx;

static const sr_figure *prev_fig(const tctx *t, const char *path)
{
    if (!t->prev)
        return NULL;
    const sr_figure *f = sr_figures_get(t->prev, path);
    return f && f->submitter && strcmp(f->submitter, t->partner) == 0 ? f : NULL;
}

/* Distinct item ids under `path[` in last year's figures, in order. */
static size_t prev_items(const tctx *t, const char *path, char ***ids)
{
    *ids = NULL;
    if (!t->prev)
        return 0;
    size_t n = 0, plen = strlen(path);
    for (size_t i = 0; i < t->prev->n; i++) {
        const sr_figure *f = &t->prev->v[i];
        if (!f->submitter || strcmp(f->submitter, t->partner) != 0)
            continue;
        if (strncmp(f->path, path, plen) != 0 || f->path[plen] != '[')
            continue;
        const char *s = f->path + plen + 1, *e = strchr(s, ']');
        if (!e)
            continue;
        size_t len = (size_t)(e - s);
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = strlen((*ids)[k]) == len && strncmp((*ids)[k], s, len) == 0;
        if (seen)
            continue;
        *ids = sr_xrealloc(*ids, (n + 1) * sizeof **ids);
        (*ids)[n] = sr_xmalloc(len + 1);
        memcpy((*ids)[n], s, len);
        (*ids)[n][len] = '\0';
        n++;
    }
    return n;
}

/* True when last year gave one of the alternatives under path. */
static bool prev_fig_of_alternative(const tctx *t, const char *path, const char *const *one_of)
{
    for (; one_of && *one_of; one_of++) {
        char p[600];
        snprintf(p, sizeof p, "%s.%s", path, *one_of);
        if (prev_fig(t, p))
            return true;
    }
    return false;
}

/* An optional mapping of plain values with a required one (a baseline, a
 * period): written out blank, a request would give errors for lines the
 * partner never touched, so it is offered as a comment instead. */
static bool offered_as_comment(const sr_field *f)
{
    if (f->type->kind != SR_S_MAP || (f->flags & SR_REQUIRED) || !f->type->fields)
        return false;
    bool required = false;
    for (const sr_field *g = f->type->fields; g->key; g++) {
        if (g->type->kind < SR_S_COUNT)
            return false;
        required |= (g->flags & SR_REQUIRED) != 0;
    }
    return required;
}

/* True when the entry holding path had `key` last year (a measure's
 * percent, for its baseline). */
static bool parent_has(const tctx *t, const char *path, const char *key)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return false;
    char p[600];
    snprintf(p, sizeof p, "%.*s.%s", (int)(dot - path), path, key);
    return prev_fig(t, p) != NULL;
}

static const char *placeholder(sr_skind k)
{
    switch (k) {
    case SR_S_DATE:
        return "YYYY-MM-DD";
    case SR_S_YEAR:
        return "YYYY-YY";
    case SR_S_PERCENT:
        return "N%";
    case SR_S_COUNT:
    case SR_S_MONEY:
        return "N";
    default:
        return "\"...\"";
    }
}

static bool in_list(const char *const *l, const char *key)
{
    for (; l && *l; l++)
        if (strcmp(*l, key) == 0)
            return true;
    return false;
}

/* `# key: {a: ..., b: ...}   # doc`, with last year's values where they
 * still hold (a baseline's year and figure) and placeholders otherwise;
 * last year's dates are shown in brackets, as figures are. */
static void offer(tctx *t, const sr_field *f, const char *path)
{
    sr_buf shown = SR_BUF_INIT, before = SR_BUF_INIT, note = SR_BUF_INIT;
    const char *const *one_of = f->type->one_of;
    bool chose = false, any_prev = false;
    for (const sr_field *g = f->type->fields; g->key; g++) {
        char p[600];
        snprintf(p, sizeof p, "%s.%s", path, g->key);
        const sr_figure *pf = prev_fig(t, p);
        bool alt = in_list(one_of, g->key);
        if (alt && !pf && (chose || prev_fig_of_alternative(t, path, one_of)))
            continue; /* one of the alternatives is enough */
        if (alt && !pf && !chose && g[1].key && in_list(one_of, g[1].key) &&
            parent_has(t, path, g[1].key) && !parent_has(t, path, g->key))
            continue; /* the entry's own figure is the next one (a percentage) */
        if (alt)
            chose = true;
        sr_buf_printf(&shown, "%s%s: ", shown.len ? ", " : "", g->key);
        /* A figure or year as last year's file had it (validated); never a
         * date, which would be last year's. */
        if (!(pf && pf->v.avail == SR_AVAILABLE && pf->v.text && g->type->kind != SR_S_DATE &&
              sr_yaml_token(&shown, pf->v.text))) {
            sr_buf_puts(&shown, placeholder(g->type->kind));
            if (pf && pf->v.text && g->type->kind == SR_S_DATE) {
                sr_buf_printf(&before, "%s%s %.60s", any_prev ? ", " : "", g->key, pf->v.text);
                any_prev = true;
            }
        }
    }
    sr_buf_printf(&note, "%s", f->doc);
    if (one_of && one_of[0] && one_of[1])
        sr_buf_printf(&note, "; give `%s` or `%s`", one_of[0], one_of[1]);
    if (any_prev)
        sr_buf_printf(&note, " (%s: %s)", t->prev_year, sr_buf_str(&before));
    sr_buf line = SR_BUF_INIT;
    sr_buf_printf(&line, "%s: {%s}", f->key, sr_buf_str(&shown));
    sr_yout_comment(t->w, sr_buf_str(&line));
    sr_yout_note(t->w, COMMENT_COLUMN, sr_buf_str(&note));
    sr_buf_free(&line);
    sr_buf_free(&shown);
    sr_buf_free(&before);
    sr_buf_free(&note);
}

static void emit_fields(tctx *t, const sr_schema *s, const char *path, bool item, bool with_values);

static bool is_identity(const sr_schema *s, const char *key)
{
    for (const char *const *k = s->identity; k && *k; k++)
        if (strcmp(*k, key) == 0)
            return true;
    return false;
}

/* A blank figure's comment: its doc and last year's figure as it was
 * written, so it can be copied as is. */
static void figure_note(tctx *t, const sr_field *f, const sr_figure *pf)
{
    if (!pf) {
        sr_yout_note(t->w, COMMENT_COLUMN, f->doc);
        return;
    }
    char note[600];
    snprintf(note, sizeof note, "%s (%s: %.60s)", f->doc, t->prev_year,
             pf->v.text ? pf->v.text : "");
    sr_yout_note(t->w, COMMENT_COLUMN, note);
}

/* Writes one key (and what is under it); returns false if it was left out. */
static bool emit_field(tctx *t, const sr_schema *parent, const sr_field *f, const char *path,
                       bool with_values)
{
    sr_yout *w = t->w;
    char fpath[512];
    snprintf(fpath, sizeof fpath, "%s%s%s", path, path[0] ? "." : "", f->key);
    const sr_schema *ty = f->type;
    const sr_figure *pf = prev_fig(t, fpath);
    if (with_values && ty->kind >= SR_S_COUNT && !(f->flags & SR_REQUIRED) && !pf) {
        /* In an entry carried from last year, an optional value it did not
         * have (a label, a score) would only be a blank to delete. */
        return false;
    }
    if (ty->kind == SR_S_MAP && offered_as_comment(f)) {
        /* Left blank, its required parts would be errors: offered as a
         * line to uncomment, like `break`. */
        offer(t, f, fpath);
        return true;
    }
    sr_yout_key(w, f->key);
    if (ty->kind == SR_S_MAP) {
        sr_yout_map(w);
        sr_yout_note(w, COMMENT_COLUMN, f->doc);
        emit_fields(t, ty, fpath, false, with_values);
        sr_yout_end(w);
        return true;
    }
    if (ty->kind == SR_S_LIST && ty->item->kind != SR_S_MAP) {
        sr_yout_flow_seq(w);
        sr_yout_end(w);
        sr_yout_note(w, COMMENT_COLUMN, f->doc);
        return true;
    }
    if (ty->kind == SR_S_LIST) {
        sr_yout_seq(w);
        sr_yout_note(w, COMMENT_COLUMN, f->doc);
        char **ids;
        size_t n = prev_items(t, fpath, &ids);
        if (n == 0) {
            /* One blank entry to copy. */
            emit_fields(t, ty->item, fpath, true, false);
        }
        for (size_t i = 0; i < n; i++) {
            char ipath[600];
            snprintf(ipath, sizeof ipath, "%s[%s]", fpath, ids[i]);
            emit_fields(t, ty->item, ipath, true, true);
            free(ids[i]);
        }
        free(ids);
        sr_yout_end(w);
        return true;
    }
    if (ty->kind == SR_S_DICT) {
        sr_yout_note(w, COMMENT_COLUMN, f->doc);
        return true;
    }
    /* A scalar: the names and labels of a known entry keep last year's text
     * (they rarely change); figures are left blank, last year's shown.
     * Dates are left blank too, even where they name an entry (a
     * meeting): last year's fall outside this year. */
    if (with_values && pf && pf->v.avail == SR_AVAILABLE && ty->kind != SR_S_DATE &&
        (is_identity(parent, f->key) || pf->v.kind == SR_V_TEXT || pf->v.kind == SR_V_ID)) {
        sr_yout_text(w, pf->v.text);
        return true;
    }
    figure_note(t, f, pf);
    return true;
}

/* The fields of the mapping open; as an entry of a list (item), a "- "
 * and the mapping first. */
static void emit_fields(tctx *t, const sr_schema *s, const char *path, bool item, bool with_values)
{
    if (item) {
        sr_yout_item(t->w);
        sr_yout_map(t->w);
    }
    for (const sr_field *f = s->fields; f && f->key; f++) {
        if (strcmp(f->key, "break") == 0) {
            /* Rare, so offered as a comment to uncomment rather than a blank. */
            sr_yout_comment(t->w, "break: {date: YYYY-MM-DD, reason: \"...\"}");
            sr_yout_note(t->w, -3, f->doc);
            continue;
        }
        emit_field(t, s, f, path, with_values);
    }
    if (item)
        sr_yout_end(t->w);
}

bool sr_template_write(sr_buf *out, const sr_partnership *p, const sr_partner *pt, int year,
                       const sr_figures *prev)
{
    char yr[16], head[600];
    sr_fmt_year(year, yr, sizeof yr);
    sr_yout w;
    sr_yout_init(&w, out);
    tctx t = {.w = &w, .prev = prev, .partner = pt->id};
    sr_fmt_year(year - 1, t.prev_year, sizeof t.prev_year);

    snprintf(head, sizeof head, "%s: figures from %s for %s.",
             p->short_name ? p->short_name : p->name, sr_partner_name_in(pt, year), yr);
    sr_yout_comment(&w, head);
    sr_yout_comment(&w, "\n"
                        "Write each figure after its colon. Counts and amounts are digits only\n"
                        "(1014, 13800.50); percentages end in % (21.4%); dates are YYYY-MM-DD.\n"
                        "Write `not available` for a figure you do not have: never 0.\n"
                        "Delete any section or line you do not send.");
    if (prev) {
        snprintf(head, sizeof head, "Figures in brackets are what you sent for %s.", t.prev_year);
        sr_yout_comment(&w, head);
    }
    sr_yout_comment(&w, "\nCheck the file before sending it:  sscp-report validate FILE");
    sr_yout_blank(&w);
    sr_yout_map(&w);
    sr_yout_key(&w, "format"), sr_yout_int(&w, 1);
    sr_yout_key(&w, "partner"), sr_yout_token(&w, pt->id);
    sr_yout_key(&w, "year"), sr_yout_token(&w, yr);
    sr_yout_key(&w, "contact"), sr_yout_note(&w, COMMENT_COLUMN, "who to ask about these figures");

    for (const sr_field *f = sr_submission_schema.fields; f->key; f++) {
        if (f->flags & SR_META)
            continue;
        /* A section only the business unit sends is written for a partner
         * whose `submits` names it, never by default. */
        bool wanted = pt->nsubmits == 0 && !(f->flags & SR_ASKED);
        for (size_t i = 0; i < pt->nsubmits; i++)
            wanted |= strcmp(pt->submits[i], f->key) == 0;
        if (!wanted)
            continue;
        sr_yout_blank(&w);
        emit_field(&t, &sr_submission_schema, f, "", false);
    }
    sr_yout_end(&w);
    return sr_yout_finish(&w);
}
