/* guidance: reading and choosing guidance editions, see guidance.h. */
#include "data/guidance.h"

#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "core/suggest.h"
#include "data/loader.h"
#include "data/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the edition file's schema ------------------------------------------------ */

static const sr_schema texts_t = {.kind = SR_S_LIST, .item = &sr_s_text};
static const sr_schema requirement_id_t = {
    .kind = SR_S_ENUM,
    .values = (const char *const[]){"sign-off", "scrutiny", "contributions", NULL}};

/* Every fact carries whether it was checked, and against what. */
#define FACT_FIELDS                                                                                \
    {"confirmed", &sr_s_bool, SR_REQUIRED,                                                         \
     "yes when checked against a quotation of the guidance, no when not"},                         \
        {"source", &sr_s_text, SR_REQUIRED, "where it was checked, or `none to hand`"},            \
    {                                                                                              \
        "note", &sr_s_text, 0, "what is known, for a fact still to be checked"                     \
    }

static const sr_schema in_force_t = {
    .kind = SR_S_MAP,
    .what = "when the edition came into force",
    .fields = (const sr_field[]){{"date", &sr_s_date, SR_REQUIRED, "the date, YYYY-MM-DD"},
                                 FACT_FIELDS,
                                 {0}},
};
static const sr_schema duty_t = {
    .kind = SR_S_MAP,
    .what = "a duty",
    .identity = (const char *const[]){"id", NULL},
    .fields =
        (const sr_field[]){
            {"id", &sr_s_id, SR_REQUIRED,
             "a short id; report.yaml's `statutory:` maps it to sections"},
            {"text", &sr_s_text, SR_REQUIRED, "what the report must contain, in words"},
            FACT_FIELDS,
            {0},
        },
};
static const sr_schema duties_t = {.kind = SR_S_LIST, .item = &duty_t};
static const sr_schema requirement_t = {
    .kind = SR_S_MAP,
    .what = "a requirement",
    .identity = (const char *const[]){"id", NULL},
    .fields =
        (const sr_field[]){
            {"id", &requirement_id_t, SR_REQUIRED, "sign-off, scrutiny or contributions"},
            FACT_FIELDS,
            {0},
        },
};
static const sr_schema requirements_t = {.kind = SR_S_LIST, .item = &requirement_t};
static const sr_schema recipient_t = {
    .kind = SR_S_MAP,
    .what = "a recipient",
    .identity = (const char *const[]){"id", NULL},
    .fields =
        (const sr_field[]){
            {"id", &sr_s_id, SR_REQUIRED, "a short id, used with publish --sent"},
            {"name", &sr_s_text, SR_REQUIRED, "the organisation's name"},
            {"email", &sr_s_text, 0,
             "its address; leave it out when not known, and partnership.yaml must give it"},
            FACT_FIELDS,
            {0},
        },
};
static const sr_schema recipients_t = {.kind = SR_S_LIST, .item = &recipient_t};
static const sr_schema send_t = {
    .kind = SR_S_MAP,
    .what = "the deadline for sending copies",
    .fields = (const sr_field[]){{"days", &sr_s_count, SR_REQUIRED, "days after publication"},
                                 FACT_FIELDS,
                                 {0}},
};
static const sr_schema words_t = {
    .kind = SR_S_MAP,
    .what = "the words used about the edition",
    .fields =
        (const sr_field[]){
            {"contents", &sr_s_text, SR_REQUIRED, "status's heading over the duties"},
            {"deadline", &sr_s_text, SR_REQUIRED, "the manifest's comment after `send_by:`"},
            {"covering_note", &sr_s_text, SR_REQUIRED, "a sentence of the email to each recipient"},
            {"keywords", &texts_t, 0, "added to the PDF's keywords"},
            {0},
        },
};
static const sr_schema edition_t = {
    .kind = SR_S_MAP,
    .what = "a guidance edition",
    .fields =
        (const sr_field[]){
            {"format", &sr_s_format, SR_REQUIRED, "write 1"},
            {"id", &sr_s_id, SR_REQUIRED, "the edition's id: the file's name without .yaml"},
            {"name", &sr_s_text, SR_REQUIRED, "its full title"},
            {"short_name", &sr_s_text, SR_REQUIRED, "the title used in messages"},
            {"in_force", &in_force_t, SR_REQUIRED, "when it came into force"},
            {"applies_from", &sr_s_year, SR_REQUIRED,
             "the first reporting year it governs when partnership.yaml names no edition"},
            {"duties", &duties_t, SR_REQUIRED, "what the yearly report must contain"},
            {"requires", &requirements_t, 0, "what it asks beyond words in the report"},
            {"recipients", &recipients_t, SR_REQUIRED, "who must be sent the published report"},
            {"send_within", &send_t, SR_REQUIRED, "how soon after publication"},
            {"words", &words_t, SR_REQUIRED, "the words used about the edition"},
            {0},
        },
};

/* ---- reading ----------------------------------------------------------------------- */

static bool fact_confirmed(const sr_ynode *n)
{
    const char *t = sr_ynode_text(sr_ymap_get(n, "confirmed"));
    return t && (strcmp(t, "yes") == 0 || strcmp(t, "true") == 0);
}

static int32_t ymd_of(const char *s)
{
    int y, m, d;
    char extra;
    if (!s || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
        return 0;
    return y * 10000 + m * 100 + d;
}

const sr_guidance *sr_guidance_load(sr_arena *a, sr_diags *d, const char *path)
{
    const sr_source *src;
    sr_ynode *root = sr_load_yaml_file_hinted(
        a, d, path,
        "an edition of the statutory guidance gives its name, when it came into force, what the "
        "report must contain and who is sent it: start from a copy of an edition that came with "
        "sscp-report, in its report-templates/guidance/",
        &src);
    if (!root || !sr_schema_check_file(a, d, src, &edition_t, root))
        return NULL;
    sr_guidance *g = sr_arena_alloc(a, sizeof *g);
    g->path = sr_arena_strdup(a, path);
    g->id = sr_ynode_text(sr_ymap_get(root, "id"));
    /* The id is how publication records and partnership.yaml name the file. */
    char *base = sr_arena_strdup(a, sr_basename(path));
    char *dot = strrchr(base, '.');
    if (dot)
        *dot = '\0';
    if (strcmp(base, g->id) != 0) {
        sr_diag *e = sr_diag_add(d, SR_ERROR, sr_ynode_loc(sr_ymap_get(root, "id")),
                                 "the edition's id `%s` is not its file's name, %s", g->id,
                                 sr_basename(path));
        if (sr_valid_id(base))
            sr_diag_hint(e, "name the file %s.yaml, or write `id: %s`", g->id, base);
        else /* such as "old copy.yaml": not a name an id can have */
            sr_diag_hint(e,
                         "name the file %s.yaml: an edition's file is named by its id, in "
                         "lower-case letters, digits and hyphens",
                         g->id);
        return NULL;
    }
    g->name = sr_ynode_text(sr_ymap_get(root, "name"));
    g->short_name = sr_ynode_text(sr_ymap_get(root, "short_name"));
    const sr_ynode *inf = sr_ymap_get(root, "in_force");
    g->in_force = ymd_of(sr_ynode_text(sr_ymap_get(inf, "date")));
    g->nunconfirmed += !fact_confirmed(inf);
    g->applies_from = sr_year_from_name(sr_ynode_text(sr_ymap_get(root, "applies_from")));
    g->applies_from_loc = sr_ynode_loc(sr_ymap_get(root, "applies_from"));

    const sr_ynode *du = sr_ymap_get(root, "duties");
    size_t n = du && du->kind == SR_Y_SEQ ? du->n : 0;
    g->duties = sr_arena_alloc(a, (n ? n : 1) * sizeof *g->duties);
    for (size_t i = 0; i < n; i++) {
        const sr_ynode *e = du->items[i];
        sr_guidance_duty *x = &g->duties[g->nduties++];
        x->id = sr_ynode_text(sr_ymap_get(e, "id"));
        x->text = sr_ynode_text(sr_ymap_get(e, "text"));
        x->confirmed = fact_confirmed(e);
        x->loc = e->loc;
        g->nunconfirmed += !x->confirmed;
    }
    const sr_ynode *rq = sr_ymap_get(root, "requires");
    for (size_t i = 0; rq && rq->kind == SR_Y_SEQ && i < rq->n; i++) {
        const char *id = sr_ynode_text(sr_ymap_get(rq->items[i], "id"));
        g->needs_sign_off |= strcmp(id, "sign-off") == 0;
        g->needs_scrutiny |= strcmp(id, "scrutiny") == 0;
        g->needs_contributions |= strcmp(id, "contributions") == 0;
        g->nunconfirmed += !fact_confirmed(rq->items[i]);
    }
    const sr_ynode *rl = sr_ymap_get(root, "recipients");
    n = rl && rl->kind == SR_Y_SEQ ? rl->n : 0;
    g->recipients = sr_arena_alloc(a, (n ? n : 1) * sizeof *g->recipients);
    for (size_t i = 0; i < n; i++) {
        const sr_ynode *e = rl->items[i];
        sr_guidance_recipient *r = &g->recipients[g->nrecipients++];
        r->id = sr_ynode_text(sr_ymap_get(e, "id"));
        r->name = sr_ynode_text(sr_ymap_get(e, "name"));
        r->email = sr_ynode_text(sr_ymap_get(e, "email"));
        if (!sr_email_check(d, sr_ymap_get(e, "email"), "the recipient's email"))
            return NULL;
        r->confirmed = fact_confirmed(e);
        r->loc = e->loc;
        g->nunconfirmed += !r->confirmed;
    }
    const sr_ynode *sw = sr_ymap_get(root, "send_within");
    g->send_within_days = atoi(sr_ynode_text(sr_ymap_get(sw, "days")));
    g->nunconfirmed += !fact_confirmed(sw);
    const sr_ynode *w = sr_ymap_get(root, "words");
    g->words_contents = sr_ynode_text(sr_ymap_get(w, "contents"));
    g->words_deadline = sr_ynode_text(sr_ymap_get(w, "deadline"));
    g->words_covering_note = sr_ynode_text(sr_ymap_get(w, "covering_note"));
    const sr_ynode *kw = sr_ymap_get(w, "keywords");
    n = kw && kw->kind == SR_Y_SEQ ? kw->n : 0;
    g->keywords = sr_arena_alloc(a, (n ? n : 1) * sizeof *g->keywords);
    for (size_t i = 0; i < n; i++)
        g->keywords[g->nkeywords++] = sr_ynode_text(kw->items[i]);
    return g;
}

bool sr_guidance_list(sr_arena *a, sr_diags *d, const char *templates_dir, const sr_guidance ***out,
                      size_t *n)
{
    char *dir = sr_path_join(templates_dir, "guidance");
    char **names = sr_list_dir(dir, ".yaml");
    size_t count = 0;
    for (char **p = names; p && *p; p++)
        count++;
    const sr_guidance **v = sr_arena_alloc(a, (count ? count : 1) * sizeof *v);
    size_t k = 0;
    for (char **p = names; p && *p; p++) {
        char *path = sr_path_join(dir, *p);
        const sr_guidance *g = sr_guidance_load(a, d, path);
        free(path);
        if (!g)
            continue;
        size_t at = k++; /* in order of applies_from; names break ties */
        while (at > 0 && v[at - 1]->applies_from > g->applies_from) {
            v[at] = v[at - 1];
            at--;
        }
        v[at] = g;
    }
    sr_free_names(names);
    *out = v;
    *n = k;
    /* Two editions from the same year: which governs it is not decided. */
    bool clash = false;
    for (size_t i = 1; i < k; i++) {
        if (v[i]->applies_from != v[i - 1]->applies_from)
            continue;
        char y[16];
        sr_fmt_year(v[i]->applies_from, y, sizeof y);
        sr_diag *e = sr_diag_add(d, SR_ERROR, v[i]->applies_from_loc,
                                 "%s and %s both apply from %s, so which of them governs a year "
                                 "is not decided",
                                 sr_basename(v[i]->path), sr_basename(v[i - 1]->path), y);
        sr_diag_related(e, v[i - 1]->applies_from_loc, "%s applies from %s",
                        sr_basename(v[i - 1]->path), y);
        sr_diag_hint(e, "give each edition its own first year in `applies_from`, or remove "
                        "the one not wanted from the folder");
        clash = true;
    }
    if (k == 0 && count == 0) {
        sr_source *src = sr_diags_add_source(d, dir, NULL, 0);
        sr_diag_hint(sr_diag_add(d, SR_ERROR, (sr_loc){src, 0, 0, 0},
                                 "there is no guidance edition in this folder"),
                     "the editions of the statutory guidance are files such as "
                     "working-together-2023.yaml; copy the folder `guidance` from the "
                     "report-templates that came with sscp-report");
    }
    free(dir);
    return k > 0 && !clash;
}

/* The error for an edition partnership.yaml names that templates_dir does
 * not have; ids are those it has. */
static void unknown_edition(sr_diags *d, const char *templates_dir, const sr_guidance_choice *named,
                            const char *const *ids, size_t n)
{
    char *dir = sr_path_join(templates_dir, "guidance");
    sr_diag *g = sr_diag_add(d, SR_ERROR, named->loc, "there is no guidance edition `%s` in %s",
                             named->id, dir);
    free(dir);
    const char *best = sr_suggest(named->id, ids, n);
    sr_buf list = SR_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        sr_buf_printf(&list, "%s%s", i ? ", " : "", ids[i]);
    if (best)
        sr_diag_hint(g, "did you mean `%s`?", best);
    else if (n)
        sr_diag_hint(g, "the editions there are: %s", sr_buf_str(&list));
    else
        sr_diag_hint(g, "the folder has no edition: copy the editions that came with "
                        "sscp-report into it");
    sr_buf_free(&list);
}

size_t sr_guidance_check_choices(sr_diags *d, const char *templates_dir, const sr_partnership *p)
{
    if (!p || !p->nguidance)
        return 0;
    char *dir = sr_path_join(templates_dir, "guidance");
    bool there = sr_path_kind_of(dir) == SR_PATH_DIR;
    char **names = there ? sr_list_dir(dir, ".yaml") : NULL;
    free(dir);
    if (!there)
        return 0;
    size_t n = 0;
    for (char **q = names; q && *q; q++)
        n++;
    /* An edition's id is its file's name (sr_guidance_load insists). */
    char **ids = sr_xcalloc(n ? n : 1, sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        ids[i] = sr_xstrdup(names[i]);
        char *dot = strrchr(ids[i], '.');
        if (dot)
            *dot = '\0';
    }
    size_t problems = 0;
    for (size_t i = 0; i < p->nguidance; i++) {
        bool found = false;
        for (size_t j = 0; j < n && !found; j++)
            found = strcmp(ids[j], p->guidance[i].id) == 0;
        if (!found) {
            unknown_edition(d, templates_dir, &p->guidance[i], (const char *const *)ids, n);
            problems++;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    sr_free_names(names);
    return problems;
}

const sr_guidance *sr_guidance_for_year(sr_arena *a, sr_diags *d, const char *templates_dir,
                                        const sr_partnership *p, int year)
{
    const sr_guidance **v;
    size_t n;
    if (!sr_guidance_list(a, d, templates_dir, &v, &n))
        return NULL;
    const sr_guidance_choice *named = NULL;
    for (size_t i = 0; p && i < p->nguidance; i++)
        if (p->guidance[i].from_year <= year)
            named = &p->guidance[i];
    if (named) {
        const char **ids = sr_arena_alloc(a, n * sizeof *ids);
        for (size_t i = 0; i < n; i++) {
            if (strcmp(v[i]->id, named->id) == 0)
                return v[i];
            ids[i] = v[i]->id;
        }
        unknown_edition(d, templates_dir, named, ids, n);
        return NULL;
    }
    const sr_guidance *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (v[i]->applies_from <= year)
            best = v[i];
    if (!best) {
        char y[16], first[16];
        sr_fmt_year(year, y, sizeof y);
        sr_fmt_year(v[0]->applies_from, first, sizeof first);
        sr_diag_hint(sr_diag_add(d, SR_ERROR,
                                 p ? (sr_loc){sr_diags_add_source(d, p->path, NULL, 0), 0, 0, 0}
                                   : (sr_loc){0},
                                 "no guidance edition governs %s: the earliest, %s, applies from "
                                 "%s",
                                 y, v[0]->id, first),
                     "name the edition to report %s under in partnership.yaml, as `guidance: %s` "
                     "under `partnership:`",
                     y, v[0]->id);
    }
    return best;
}

bool sr_guidance_recipient_unused(const sr_guidance *g, const sr_recipient *r)
{
    if (r->name)
        return false;
    for (size_t i = 0; i < g->nrecipients; i++)
        if (strcmp(g->recipients[i].id, r->id) == 0)
            return false;
    return true;
}

sr_recipient *sr_guidance_recipients(sr_arena *a, const sr_guidance *g, const sr_partnership *p,
                                     size_t *n)
{
    size_t cap = g->nrecipients + (p ? p->nrecipients : 0);
    sr_recipient *v = sr_arena_alloc(a, (cap ? cap : 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < g->nrecipients; i++)
        v[k++] = (sr_recipient){g->recipients[i].id, g->recipients[i].name, g->recipients[i].email,
                                g->recipients[i].loc};
    for (size_t i = 0; p && i < p->nrecipients; i++) {
        const sr_recipient *c = &p->recipients[i];
        sr_recipient *to = NULL;
        for (size_t j = 0; j < k && !to; j++)
            if (strcmp(v[j].id, c->id) == 0)
                to = &v[j];
        if (!to) {
            /* Only an address, for a recipient this edition does not have:
             * it is for another edition's years (the DfE's address, given
             * for Working Together 2023, in a year under 2018), not this. */
            if (sr_guidance_recipient_unused(g, c))
                continue;
            to = &v[k++];
            *to = (sr_recipient){c->id, NULL, NULL, c->loc};
        }
        if (c->name)
            to->name = c->name;
        if (c->email) {
            to->email = c->email;
            to->loc = c->loc;
        }
    }
    *n = k;
    return v;
}
