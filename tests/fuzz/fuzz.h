/* Shared by the fuzz targets: a fixed partnership for the submissions to
 * refer to, and a sink for the diagnostics, which are printed (as text and
 * as JSON) so that the caret and snippet code sees every odd input too. */
#ifndef SR_FUZZ_H
#define SR_FUZZ_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/partnership.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sample partnership's ids, names and submits, so that fuzzed files
 * can name real partners and reach the checks past the header. */
static const char fuzz_partnership[] =
    "format: 1\n"
    "partnership: {name: Fuzz SCP, short_name: FSCP, area: Fuzz, email: a@b.c}\n"
    "partners:\n"
    "  - {id: smbc, name: Council, short_name: SMBC, statutory: yes,\n"
    "     submits: [finance, attendance, referrals, performance, training]}\n"
    "  - {id: gmp, name: Police, statutory: yes}\n"
    "  - {id: ccg, names: {2013-14: CCG, 2022-23: ICB}, statutory: yes}\n"
    "  - {id: sft, name: Trust}\n"
    "  - {id: ssab, name: Adult Board, submits: [performance]}\n"
    "population: {children_0_17: {2018-19: 62540, 2019-20: 62912}}\n"
    "options: {disclosure_control: yes, suppression_threshold: 5}\n";

/* A copy of text[0..len) with a NUL after it, registered with d (which
 * owns and frees it). */
static inline sr_source *fuzz_source(sr_diags *d, const char *name, const uint8_t *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        abort();
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';
    return sr_diags_add_source(d, name, copy, len);
}

static inline sr_partnership *fuzz_partnership_load(sr_arena *a, sr_diags *d)
{
    sr_partnership *p = sr_partnership_load_source(a, d,
                                                   fuzz_source(d, "partnership.yaml",
                                                               (const uint8_t *)fuzz_partnership,
                                                               sizeof fuzz_partnership - 1));
    if (!p)
        abort(); /* the fixed partnership must always load */
    return p;
}

static inline void fuzz_print(sr_diags *d)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    if (!sink)
        abort();
    sr_diags_sort(d);
    sr_diags_print_text(d, sink, true);
    sr_diags_print_json(d, sink);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
