/* Fuzz target: one of the DfE's CSV files, read and checked as `validate
 * FILE.csv` does against the bundled benchmarks.yaml, its diagnostics
 * printed, then compared for a fixed area (one local authority, or two
 * together) and neighbours as `metrics` does. */
#include "fuzz.h"

#include "data/benchmarks.h"
#include "metrics/bench.h"

/* The bundled tables, read once, and freed at exit. */
static sr_arena *spec_arena;
static sr_diags spec_diags;

static void free_spec(void)
{
    sr_diags_free(&spec_diags);
    sr_arena_free(spec_arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0; /* the reader refuses files over 64 MiB before parsing */
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    static const sr_bench_spec *spec;
    if (!spec) {
        sr_diags_init(&spec_diags);
        spec_arena = sr_arena_new();
        atexit(free_spec);
        spec =
            sr_bench_spec_load(spec_arena, &spec_diags, SSCP_SOURCE_DIR "/report-templates", NULL);
        if (!spec)
            abort(); /* they must always load */
    }
    const sr_bfile *f =
        sr_bench_parse(a, &d, spec, fuzz_source(&d, "data/benchmarks/fuzz.csv", data, size));
    if (f) {
        /* One local authority, or (an odd-sized input) two compared
         * together: counts added, rates and percentages weighted. */
        static const char *area[] = {"E08000007", "E06000986"};
        static const char *nb[] = {"E08000991", "E08000992", "E06000993", "E08000994"};
        sr_partnership p = {.has_benchmarks = true,
                            .bench_las = area,
                            .nbench_las = (size & 1) ? 2 : 1,
                            .area = "Fuzzshire",
                            .neighbours = nb,
                            .nneighbours = 4,
                            .neighbours_as_of = "2025-05"};
        /* Every metric the table maps, for the two years of the fixtures. */
        size_t n = f->e->nmaps;
        sr_metric_def *defs = sr_arena_alloc(a, (n ? n : 1) * sizeof *defs);
        sr_metric *mts = sr_arena_alloc(a, (n ? n : 1) * sizeof *mts);
        sr_mrow *rows = sr_arena_alloc(a, (n ? n : 1) * sizeof *rows);
        for (size_t i = 0; i < n; i++) {
            const char *u = f->e->maps[i].unit;
            defs[i] = (sr_metric_def){.id = f->e->maps[i].metric,
                                      .label = f->e->maps[i].metric,
                                      .unit = strcmp(u, "count") == 0  ? SR_U_COUNT
                                              : strcmp(u, "rate") == 0 ? SR_U_RATE
                                                                       : SR_U_PERCENTAGE};
            rows[i].cells[0].v = (sr_mval){.avail = SR_AVAILABLE, .num = 1234, .den = 10};
            mts[i] = (sr_metric){.def = &defs[i], .rows = &rows[i], .nrows = 1};
        }
        sr_metrics m = {.years = {2019, 2018}, .nyears = 2, .metrics = mts, .nmetrics = n};
        sr_bench_data bd = {.spec = spec, .p = &p, .files = (sr_bfile *)f, .nfiles = 1};
        sr_bench *b = sr_bench_compute(a, &bd, &m, &d);
        size_t nc;
        const sr_bench_cmp *all = sr_bench_all(b, &nc);
        char words[128];
        for (size_t i = 0; i < nc; i++)
            sr_bfigure_words(&all[i].area, words, sizeof words);
    }
    fuzz_print(&d);
    sr_diags_free(&d);
    sr_arena_free(a);
    return 0;
}
