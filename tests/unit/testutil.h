/* Helpers shared by the unit tests: load YAML text as a submission or a
 * partnership, and print diagnostics to a string to compare exactly. */
#ifndef SR_TESTUTIL_H
#define SR_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include <unistd.h>
#include "core/diag.h"
#include "data/loader.h"
#include "data/partnership.h"

typedef struct {
    sr_arena *a;
    sr_diags d;
    sr_partnership *p;
    sr_year y;
    char *out; /* last printed diagnostics */
} tworld;

static const char test_partnership[] =
    "format: 1\n"
    "partnership: {name: Test SCP, short_name: TSCP, area: Test}\n"
    "partners:\n"
    "  - {id: council, name: Test Council, statutory: yes}\n"
    "  - {id: police, name: Test Police, statutory: yes}\n"
    "  - {id: icb, names: {2019-20: Test CCG, 2022-23: Test ICB}}\n"
    "  - {id: cafcass, name: Cafcass, submits: [finance]}\n"
    "population: {children_0_17: {2019-20: 60000}}\n";

static inline sr_source *tw_source(tworld *w, const char *name, const char *text)
{
    return sr_diags_add_source(&w->d, name, sr_xstrdup(text), strlen(text));
}

static inline void tw_init(tworld *w, int year)
{
    memset(w, 0, sizeof *w);
    w->a = sr_arena_new();
    sr_diags_init(&w->d);
    w->p =
        sr_partnership_load_source(w->a, &w->d, tw_source(w, "partnership.yaml", test_partnership));
    assert_non_null(w->p);
    sr_year_init(&w->y, year);
}

/* Loads text as a submission named name in a folder for `year` (0: none). */
static inline void tw_load(tworld *w, const char *name, const char *text, int folder_year)
{
    sr_loader l = {w->a, &w->d, w->p, NULL};
    sr_load_submission_source(&l, &w->y, tw_source(w, name, text), folder_year);
}

static inline void tw_check_year(tworld *w)
{
    sr_loader l = {w->a, &w->d, w->p, NULL};
    sr_year_check(&l, &w->y);
}

/* All diagnostics as plain text, as `validate` prints them. */
static inline const char *tw_text(tworld *w)
{
    free(w->out);
    size_t n;
    FILE *f = open_memstream(&w->out, &n);
    sr_diags_sort(&w->d);
    sr_diags_print_text(&w->d, f, false);
    fclose(f);
    return w->out;
}

static inline void tw_free(tworld *w)
{
    free(w->out);
    sr_year_free(&w->y);
    sr_diags_free(&w->d);
    sr_arena_free(w->a);
}

/* Asserts that the printed diagnostics contain needle. */
#define assert_diag(w, needle)                                                                     \
    do {                                                                                           \
        const char *txt_ = tw_text(w);                                                             \
        if (!strstr(txt_, (needle)))                                                               \
            fail_msg("expected diagnostics to contain:\n%s\n--- got:\n%s", (needle), txt_);        \
    } while (0)

#endif
