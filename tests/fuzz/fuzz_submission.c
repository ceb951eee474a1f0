/* Fuzz target: one submission, loaded and checked as `validate FILE` does,
 * its diagnostics printed, and a template written from its figures as
 * `template` and `new-year` do with last year's file. */
#include "fuzz.h"

#include "core/buf.h"
#include "data/loader.h"
#include "data/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0; /* the loader refuses files over 4 MiB before parsing */
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_partnership *p = fuzz_partnership_load(a, &d);
    sr_year y;
    sr_year_init(&y, 2019);
    sr_loader l = {a, &d, p, NULL};
    sr_load_submission_source(&l, &y, fuzz_source(&d, "data/2019-20/fuzz.yaml", data, size), 2019);
    sr_year_check(&l, &y);
    fuzz_print(&d);
    for (size_t i = 0; i < p->npartners; i++) {
        sr_buf t = SR_BUF_INIT;
        sr_template_write(&t, p, &p->partners[i], 2020, &y.figs);
        sr_buf_free(&t);
    }
    sr_year_free(&y);
    sr_diags_free(&d);
    sr_arena_free(a);
    return 0;
}
