/* figures: the figure store, see figures.h. */
#include "data/figures.h"

#include "core/arena.h"
#include "core/fmt.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sr_figures_init(sr_figures *f)
{
    memset(f, 0, sizeof *f);
}

void sr_figures_free(sr_figures *f)
{
    free(f->v);
    free(f->slots);
    memset(f, 0, sizeof *f);
}

static size_t hash_path(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void rehash(sr_figures *f)
{
    size_t n = f->nslots ? f->nslots * 2 : 256;
    free(f->slots);
    f->slots = sr_xcalloc(n, sizeof *f->slots);
    f->nslots = n;
    for (size_t i = 0; i < f->n; i++) {
        size_t h = hash_path(f->v[i].path) & (n - 1);
        while (f->slots[h])
            h = (h + 1) & (n - 1);
        f->slots[h] = i + 1;
    }
}

const sr_figure *sr_figures_get(const sr_figures *f, const char *path)
{
    if (!f->nslots)
        return NULL;
    size_t h = hash_path(path) & (f->nslots - 1);
    while (f->slots[h]) {
        const sr_figure *g = &f->v[f->slots[h] - 1];
        if (strcmp(g->path, path) == 0)
            return g;
        h = (h + 1) & (f->nslots - 1);
    }
    return NULL;
}

const sr_figure *sr_figures_add(sr_figures *f, const sr_figure *fig)
{
    const sr_figure *old = sr_figures_get(f, fig->path);
    if (old)
        return old;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 64;
        f->v = sr_xrealloc(f->v, f->cap * sizeof *f->v);
    }
    f->v[f->n++] = *fig;
    if ((f->n + 1) * 2 > f->nslots) {
        rehash(f);
    } else {
        size_t h = hash_path(fig->path) & (f->nslots - 1);
        while (f->slots[h])
            h = (h + 1) & (f->nslots - 1);
        f->slots[h] = f->n;
    }
    return NULL;
}

bool sr_path_match(const char *p, const char *s)
{
    while (*p) {
        if (*p == '*') {
            p++;
            /* Try every split within the current segment. */
            for (;;) {
                if (sr_path_match(p, s))
                    return true;
                if (!*s || *s == '.' || *s == '[' || *s == ']')
                    return false;
                s++;
            }
        }
        if (*p != *s)
            return false;
        p++, s++;
    }
    return *s == '\0';
}

bool sr_figures_sum(const sr_figures *f, const char *pattern, const sr_source *src, int64_t *sum,
                    size_t *count, size_t *missing)
{
    *sum = 0;
    *count = *missing = 0;
    bool ok = true;
    for (size_t i = 0; i < f->n; i++) {
        const sr_figure *g = &f->v[i];
        if (src && g->loc.src != src)
            continue;
        if (g->v.kind != SR_V_COUNT && g->v.kind != SR_V_MONEY)
            continue;
        if (!sr_path_match(pattern, g->path))
            continue;
        (*count)++;
        if (g->v.avail != SR_AVAILABLE) {
            (*missing)++;
            continue;
        }
        if (!ok || __builtin_add_overflow(*sum, g->v.i, sum)) {
            *sum = INT64_MAX; /* more than any real figure: never a wrapped value */
            ok = false;
        }
    }
    return ok;
}

void sr_value_format(const sr_value *v, char *buf, size_t size)
{
    if (v->avail == SR_NOT_AVAILABLE) {
        snprintf(buf, size, "not available");
        return;
    }
    if (v->avail == SR_NOT_APPLICABLE) {
        snprintf(buf, size, "not applicable");
        return;
    }
    if (v->avail == SR_INVALID) {
        snprintf(buf, size, "invalid");
        return;
    }
    switch (v->kind) {
    case SR_V_COUNT:
        sr_fmt_count(v->i, buf, size);
        break;
    case SR_V_MONEY:
        sr_fmt_money(v->i, buf, size);
        break;
    case SR_V_PERCENT:
        sr_fmt_percent(v->i, buf, size);
        break;
    case SR_V_DATE:
        sr_fmt_date((int32_t)v->i, buf, size);
        break;
    case SR_V_YEAR:
        sr_fmt_year((int)v->i, buf, size);
        break;
    case SR_V_BOOL:
        snprintf(buf, size, "%s", v->i ? "yes" : "no");
        break;
    case SR_V_INT:
        snprintf(buf, size, "%lld", (long long)v->i);
        break;
    case SR_V_TEXT:
    case SR_V_ID:
        snprintf(buf, size, "%s", v->text ? v->text : "");
        break;
    }
}

/* The length of the typographic apostrophe, quotation mark or space at p
 * (‘ ’ ‛ ʼ “ ” „, no-break and other Unicode spaces), which a name may be
 * written with as well as ' " and a space; 0 for anything else. */
static size_t typographic(const unsigned char *p)
{
    if (p[0] == 0xC2 && p[1] == 0xA0) /* U+00A0 no-break space */
        return 2;
    if (p[0] == 0xCA && p[1] == 0xBC) /* U+02BC modifier letter apostrophe */
        return 2;
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2] != 0) {
        unsigned c = p[2];
        /* U+2000 to U+200B spaces, U+2018 to U+201F quotation marks, U+202F */
        if ((c >= 0x80 && c <= 0x8B) || (c >= 0x98 && c <= 0x9F) || c == 0xAF)
            return 3;
    }
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) /* U+3000 ideographic space */
        return 3;
    return 0;
}

void sr_slug(const char *text, char *buf, size_t size)
{
    size_t o = 0;
    bool dash = false;
    if (size == 0)
        return;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        size_t t = typographic(p);
        if (t) {
            dash = true;
            p += t - 1;
        } else if (isalnum(*p) || *p >= 0x80) {
            if (o + (dash && o > 0 ? 2 : 1) >= size)
                break;
            if (dash && o > 0)
                buf[o++] = '-';
            dash = false;
            buf[o++] = (char)tolower(*p);
        } else {
            dash = true;
        }
    }
    buf[o] = '\0';
}
