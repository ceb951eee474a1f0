/* Unit tests for src/data/benchmarks and src/metrics/bench: time periods,
 * the CSV reader (quotes, line ends, places), recognising a table by its
 * header, the DfE's symbols, the comparison (England, the region, the
 * neighbours' mean of those with a figure, the rank with ties), the note
 * on the February 2025 revision, and the finding when the submissions
 * disagree with the DfE. The files are made up. */
#include "testutil.h"

#include "data/benchmarks.h"
#include "data/dataset.h"
#include "metrics/bench.h"
#include "metrics/catalogue.h"

static const char *src_path(const char *rel)
{
    static char path[2][4096];
    static int k;
    const char *src = getenv("SSCP_SOURCE_DIR");
    k ^= 1;
    snprintf(path[k], sizeof path[k], "%s/%s", src ? src : ".", rel);
    return path[k];
}

static const char *printed(sr_diags *d)
{
    static char *out;
    free(out);
    size_t n;
    FILE *f = open_memstream(&out, &n);
    sr_diags_sort(d);
    sr_diags_print_text(d, f, false);
    fclose(f);
    return out;
}

/* The C4 2023 header, and rows after it. */
static const char c4_header[] =
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name,category,Section47,Section47_rate,"
    "Section47_child,Section47_child_rate,ICPC,ICPC_rate,ICPC_child,ICPC_child_rate,"
    "Duration_0-10_days,Duration_11-15_days,Duration_16-20_days,Duration_21+_days,"
    "Duration_25th_Percentile,Duration_median,Duration_75th_Percentile\r\n";

/* A row of C4 for 2019-20 (time_period 2020). */
static void c4_row(sr_buf *b, const char *level, const char *code, const char *name,
                   const char *s47, const char *rate)
{
    bool la = strcmp(level, "Local authority") == 0, nat = strcmp(level, "National") == 0;
    sr_buf_printf(b,
                  "2020,Reporting year,%s,E92000001,England,%s,%s,,%s,\"%s\",Total,%s,%s,x,x,1,"
                  "1.0,x,x,z,z,z,z,z,z,z\r\n",
                  level, nat ? "" : "E12000002", nat ? "" : "North West", la ? code : "",
                  la ? name : "", s47, rate);
}

/* The release's last time period (2023 for C4 of 2023): England's row. */
static void c4_end(sr_buf *b)
{
    sr_buf_puts(b, "2023,Reporting year,National,E92000001,England,,,,,,Total,1,1.0,x,x,1,1.0,x,x,"
                   "z,z,z,z,z,z,z\r\n");
}

static const sr_bench_spec *bundled_spec(sr_arena *a, sr_diags *d)
{
    const sr_bench_spec *s = sr_bench_spec_load(a, d, src_path("report-templates"), NULL);
    assert_non_null(s);
    return s;
}

static void time_periods_are_read_as_the_project_counts_years(void **state)
{
    (void)state;
    assert_int_equal(sr_bench_year("2023", SR_BT_REPORTING), 2022);
    assert_int_equal(sr_bench_year("202324", SR_BT_FINANCIAL), 2023);
    assert_int_equal(sr_bench_year("199900", SR_BT_FINANCIAL), 1999);
    assert_int_equal(sr_bench_year("202325", SR_BT_FINANCIAL), 0);
    assert_int_equal(sr_bench_year("202324", SR_BT_REPORTING), 0);
    assert_int_equal(sr_bench_year("2023", SR_BT_FINANCIAL), 0);
    assert_int_equal(sr_bench_year("20x3", SR_BT_REPORTING), 0);
    assert_int_equal(sr_bench_year("", SR_BT_REPORTING), 0);
}

static void quoted_cells_and_line_ends_keep_their_places(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    const sr_bench_spec *spec = bundled_spec(a, &d);
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    c4_row(&b, "National", "", "", "198790", "167.7");
    /* A name with a comma and a quote in it, then a blank line, then a row
     * ending with a bare line feed. */
    c4_row(&b, "Local authority", "E08000007", "Stockport, \"\"the\"\" borough", "727", "115.6");
    sr_buf_puts(&b, "\r\n");
    c4_row(&b, "Local authority", "E08000991", "Ashmoor", "c", "c");
    c4_end(&b);
    char *text = sr_buf_take(&b);
    const sr_source *src = sr_diags_add_source(&d, "c4.csv", text, strlen(text));
    const sr_bfile *f = sr_bench_parse(a, &d, spec, src);
    assert_string_equal(printed(&d), "");
    assert_non_null(f);
    assert_string_equal(f->e->id, "c4-2023");
    assert_int_equal(f->nrows, 4);
    const sr_brow *r = sr_bfile_row(f, 2019, SR_BGEO_LA, "E08000007");
    assert_non_null(r);
    assert_int_equal(r->line, 3);
    assert_string_equal(r->name, "Stockport, \"the\" borough");
    const sr_bcell *rate = &r->cells[f->map_col[1]];
    assert_string_equal(rate->text, "115.6");
    assert_int_equal(rate->line, 3);
    /* After the quoted name, which is 29 characters as written. */
    const char *line = "2020,Reporting year,Local authority,E92000001,England,E12000002,North "
                       "West,,E08000007,\"Stockport, \"\"the\"\" borough\",Total,727,";
    assert_int_equal(rate->col, strlen(line) + 1);
    assert_int_equal(sr_bfile_row(f, 2019, SR_BGEO_LA, "E08000991")->line, 5);
    assert_non_null(sr_bfile_row(f, 2019, SR_BGEO_NATIONAL, NULL));
    assert_null(sr_bfile_row(f, 2018, SR_BGEO_NATIONAL, NULL));
    sr_diags_free(&d);
    sr_arena_free(a);
}

static void a_header_with_a_renamed_column_names_the_closest_one(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    const sr_bench_spec *spec = bundled_spec(a, &d);
    char *h = sr_xstrdup(c4_header);
    memcpy(strstr(h, "Section47_rate"), "Section47_Rat_", 14);
    const sr_source *src = sr_diags_add_source(&d, "c4.csv", h, strlen(h));
    assert_null(sr_bench_parse(a, &d, spec, src));
    const char *out = printed(&d);
    assert_non_null(strstr(out, "c4.csv:1:1: error: the column `Section47_rate` of C4 Section 47s "
                                "and Initial Child Protection Conferences by local authority "
                                "(Reporting year 2023) is missing"));
    assert_non_null(strstr(out, "error: `Section47_Rat_` is not a column of C4"));
    assert_non_null(strstr(out, "hint: the closest known column is `Section47_rate`"));
    assert_int_equal(d.errors, 2);
    sr_diags_free(&d);
    sr_arena_free(a);
}

static void a_figure_with_a_thousands_separator_is_refused(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    const sr_bench_spec *spec = bundled_spec(a, &d);
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    c4_row(&b, "National", "", "", "\"198,790\"", "167.7");
    c4_row(&b, "Regional", "", "", "31980", "1e3");
    c4_end(&b);
    char *text = sr_buf_take(&b);
    const sr_source *src = sr_diags_add_source(&d, "c4.csv", text, strlen(text));
    assert_null(sr_bench_parse(a, &d, spec, src));
    const char *out = printed(&d);
    assert_non_null(strstr(out, "c4.csv:2:"));
    assert_non_null(strstr(out, "error: `198,790` in `Section47` is not a number"));
    assert_non_null(strstr(out, "without thousands separators"));
    assert_non_null(strstr(out, "c4.csv:3:"));
    assert_non_null(strstr(out, "`1e3` in `Section47_rate`"));
    sr_diags_free(&d);
    sr_arena_free(a);
}

static void a_later_release_with_the_same_columns_is_not_taken_for_the_earlier(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    const sr_bench_spec *spec = bundled_spec(a, &d);
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    c4_row(&b, "National", "", "", "198790", "167.7");
    sr_buf_puts(&b, "2025,Reporting year,National,E92000001,England,,,,,,Total,1,1.0,x,x,1,1.0,"
                    "x,x,z,z,z,z,z,z,z\r\n");
    char *text = sr_buf_take(&b);
    const sr_source *src = sr_diags_add_source(&d, "c4.csv", text, strlen(text));
    assert_null(sr_bench_parse(a, &d, spec, src));
    assert_non_null(strstr(printed(&d), "c4.csv:1:1: error: this file has the columns of "
                                        "`c4-2023` (C4 Section 47s and Initial Child Protection "
                                        "Conferences by local authority, Reporting year 2023), "
                                        "but its latest time period is 2025, where the entry's "
                                        "is 2023 (`last_period`)"));
    assert_non_null(strstr(printed(&d), "this looks like a later release"));
    sr_diags_free(&d);
    sr_arena_free(a);
}

/* A comparison computed from a file of C4 for 2019-20, for one metric. */
typedef struct {
    sr_arena *a;
    sr_diags d;
    sr_partnership p;
    sr_metric_def def, others[2];
    sr_mrow row, other_rows[2];
    sr_metric mt[3];
    sr_metrics m;
    sr_bench_data bd;
    const sr_bench_cmp *c;
} tcmp;

/* The `region:` of partnership.yaml for compare(), or NULL. */
static const char *compare_region;

static void compare(tcmp *t, const char *csv, const char *const *neighbours, size_t nn)
{
    memset(t, 0, sizeof *t);
    t->a = sr_arena_new();
    sr_diags_init(&t->d);
    const sr_bench_spec *spec = bundled_spec(t->a, &t->d);
    const sr_source *src = sr_diags_add_source(&t->d, "c4.csv", sr_xstrdup(csv), strlen(csv));
    const sr_bfile *f = sr_bench_parse(t->a, &t->d, spec, src);
    assert_non_null(f);
    static const char *area[] = {"E08000007"};
    t->p.has_benchmarks = true;
    t->p.bench_las = area;
    t->p.nbench_las = 1;
    t->p.bench_region = compare_region;
    t->p.neighbours = (const char **)neighbours;
    t->p.nneighbours = nn;
    t->p.neighbours_as_of = "2025-05";
    t->def = (sr_metric_def){
        .id = "s47-enquiries-rate", .label = "Section 47 enquiries per 10,000", .unit = SR_U_RATE};
    t->row.cells[0].v = (sr_mval){.avail = SR_AVAILABLE, .num = 1156, .den = 10};
    t->mt[0] = (sr_metric){.def = &t->def, .rows = &t->row, .nrows = 1};
    /* The table's other metrics, with no local figure. */
    t->others[0] = (sr_metric_def){.id = "s47-enquiries", .label = "S47", .unit = SR_U_COUNT};
    t->others[1] = (sr_metric_def){.id = "s47-to-icpc", .label = "ICPC", .unit = SR_U_COUNT};
    for (size_t i = 0; i < 2; i++) {
        t->other_rows[i].cells[0].v.avail = SR_NOT_AVAILABLE;
        t->mt[i + 1] = (sr_metric){.def = &t->others[i], .rows = &t->other_rows[i], .nrows = 1};
    }
    t->m = (sr_metrics){.years = {2019}, .nyears = 1, .metrics = t->mt, .nmetrics = 3};
    t->bd = (sr_bench_data){.spec = spec, .p = &t->p, .files = (sr_bfile *)f, .nfiles = 1};
    sr_bench *b = sr_bench_compute(t->a, &t->bd, &t->m, &t->d);
    t->c = sr_bench_find(b, "s47-enquiries-rate", 2019);
    assert_non_null(t->c);
}

static void tcmp_free(tcmp *t)
{
    sr_diags_free(&t->d);
    sr_arena_free(t->a);
}

static void the_mean_is_of_the_neighbours_with_a_figure_and_ties_share_a_rank(void **state)
{
    (void)state;
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    c4_row(&b, "National", "", "", "198790", "167.7");
    c4_row(&b, "Regional", "", "", "31980", "200.6");
    c4_row(&b, "Local authority", "E08000007", "Stockport", "727", "115.6");
    c4_row(&b, "Local authority", "E08000991", "Ashmoor", "900", "115.6");
    c4_row(&b, "Local authority", "E08000992", "Brackenford", "c", "c");
    c4_row(&b, "Local authority", "E08000993", "Calderbridge", "800", "120.1");
    c4_row(&b, "Local authority", "E08000994", "Dunhollow", "z", "z");
    c4_row(&b, "Local authority", "E08000995", "Eastwick", "600", "90");
    c4_end(&b);
    static const char *nb[] = {"E08000991", "E08000992", "E08000993",
                               "E08000994", "E08000995", "E08000996"};
    char *csv = sr_buf_take(&b);
    tcmp t;
    compare(&t, csv, nb, 6);
    free(csv);
    const sr_bench_cmp *c = t.c;
    assert_string_equal(c->area.shown, "115.6");
    assert_int_equal(c->area.v.num, 1156);
    assert_int_equal(c->area.v.den, 10);
    assert_string_equal(c->area.src.file, "c4.csv");
    assert_int_equal(c->area.src.line, 4);
    assert_string_equal(c->area.src.column, "Section47_rate");
    assert_string_equal(c->england.name, "England");
    assert_string_equal(c->england.shown, "167.7");
    assert_string_equal(c->region.name, "North West");
    assert_string_equal(c->region.shown, "200.6");
    assert_int_equal(c->nneighbours, 6);
    assert_int_equal(c->neighbours[1].sym, SR_BSYM_C);
    assert_string_equal(c->neighbours[1].shown, "[c]");
    assert_true(c->neighbours[1].v.suppressed);
    assert_int_equal(c->neighbours[3].sym, SR_BSYM_Z);
    assert_int_equal(c->neighbours[3].v.avail, SR_NOT_APPLICABLE);
    assert_int_equal(c->neighbours[5].sym, SR_BSYM_MISSING);
    assert_string_equal(c->neighbours[5].shown, "[x]");
    assert_string_equal(c->neighbours[2].shown, "120.1");
    /* Published with fewer places than the table's: the same value. */
    assert_string_equal(c->neighbours[4].shown, "90.0");
    /* (115.6 + 120.1 + 90) / 3, exactly. */
    assert_int_equal(c->nmean, 3);
    assert_true((sr_i128)c->neighbours_mean.num * 3 * 10 == (sr_i128)3257 * c->neighbours_mean.den);
    assert_string_equal(c->neighbours_mean_shown, "108.6");
    /* 120.1 first; the area and Ashmoor share second; Eastwick fourth. */
    assert_int_equal(c->rank, 2);
    assert_int_equal(c->rank_of, 4);
    /* A 2019-20 rate from a release before the February 2025 revision. */
    assert_non_null(c->break_note);
    assert_non_null(strstr(c->break_note, "revised in February 2025"));
    assert_false(c->local_differs);
    assert_int_equal(t.d.warnings, 0);
    tcmp_free(&t);
}

static void a_local_figure_that_differs_is_a_finding_naming_both(void **state)
{
    (void)state;
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    c4_row(&b, "National", "", "", "198790", "167.7");
    c4_row(&b, "Local authority", "E08000007", "Stockport", "727", "115.9");
    c4_end(&b);
    char *csv = sr_buf_take(&b);
    tcmp t;
    compare(&t, csv, NULL, 0);
    free(csv);
    assert_true(t.c->local_differs);
    assert_int_equal(t.d.warnings, 1);
    const char *out = printed(&t.d);
    assert_non_null(strstr(out, "c4.csv:3:"));
    assert_non_null(strstr(out, "warning: Section 47 enquiries per 10,000 in 2019-20: the "
                                "submissions give 115.6, but the DfE's C4 Section 47s and "
                                "Initial Child Protection Conferences by local authority "
                                "(Reporting year 2023) gives 115.9 for Stockport"));
    /* No region in the area's row: [x], and no neighbours: no mean. */
    assert_int_equal(t.c->region.sym, SR_BSYM_MISSING);
    assert_int_equal(t.c->nmean, 0);
    assert_string_equal(t.c->neighbours_mean_shown, "[x]");
    assert_int_equal(t.c->rank, 1);
    assert_int_equal(t.c->rank_of, 1);
    tcmp_free(&t);
}

/* A row of C4 for another year. */
static void c4_row_in(sr_buf *b, const char *period, const char *level, const char *code,
                      const char *rate)
{
    bool la = strcmp(level, "Local authority") == 0, nat = strcmp(level, "National") == 0;
    sr_buf_printf(b,
                  "%s,Reporting year,%s,E92000001,England,%s,%s,,%s,%s,Total,1,%s,x,x,1,1.0,x,"
                  "x,z,z,z,z,z,z,z\r\n",
                  period, level, nat ? "" : "E12000002", nat ? "" : "North West", la ? code : "",
                  la ? "Area" : "", rate);
}

static void a_rate_beside_one_from_before_the_revision_has_a_note(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    const sr_bench_spec *spec = bundled_spec(a, &d);
    /* A later release of C4, with the same columns and revised rates. */
    sr_bench_spec *later = sr_arena_alloc(a, sizeof *later);
    later->v = sr_arena_alloc(a, sizeof *later->v);
    for (size_t i = 0; i < spec->n; i++)
        if (strcmp(spec->v[i].id, "c4-2023") == 0)
            later->v[0] = spec->v[i];
    later->v[0].id = "c4-2025";
    later->v[0].release = "Reporting year 2025";
    later->v[0].revised = true;
    later->v[0].last_year = 2024;
    later->n = 1;
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    c4_row_in(&b, "2023", "National", "", "160.0");
    c4_row_in(&b, "2023", "Local authority", "E08000007", "150.0");
    char *t1 = sr_buf_take(&b);
    sr_buf_puts(&b, c4_header);
    c4_row_in(&b, "2024", "National", "", "170.0");
    c4_row_in(&b, "2024", "Local authority", "E08000007", "155.0");
    c4_row_in(&b, "2025", "National", "", "171.0");
    char *t2 = sr_buf_take(&b);
    sr_bfile files[2];
    const sr_bfile *f1 =
        sr_bench_parse(a, &d, spec, sr_diags_add_source(&d, "c4-2023.csv", t1, strlen(t1)));
    const sr_bfile *f2 =
        sr_bench_parse(a, &d, later, sr_diags_add_source(&d, "c4-2025.csv", t2, strlen(t2)));
    assert_string_equal(printed(&d), "");
    assert_non_null(f1);
    assert_non_null(f2);
    assert_string_equal(f2->e->id, "c4-2025");
    files[0] = *f1, files[1] = *f2;
    static const char *area[] = {"E08000007"};
    sr_partnership p = {.has_benchmarks = true, .bench_las = area, .nbench_las = 1};
    sr_metric_def def = {.id = "s47-enquiries-rate", .label = "S47 rate", .unit = SR_U_RATE};
    sr_mrow row = {0};
    sr_metric mt = {.def = &def, .rows = &row, .nrows = 1};
    sr_metrics m = {.years = {2023, 2022}, .nyears = 2, .metrics = &mt, .nmetrics = 1};
    sr_bench_data bd = {.spec = spec, .p = &p, .files = files, .nfiles = 2};
    sr_bench *bench = sr_bench_compute(a, &bd, &m, &d);
    const sr_bench_cmp *now = sr_bench_find(bench, "s47-enquiries-rate", 2023),
                       *before = sr_bench_find(bench, "s47-enquiries-rate", 2022);
    assert_non_null(now);
    assert_non_null(before);
    assert_string_equal(now->area.src.release, "Reporting year 2025");
    assert_string_equal(before->area.src.release, "Reporting year 2023");
    assert_non_null(strstr(before->break_note, "rates for 2022-23 were revised in February 2025"));
    assert_non_null(strstr(now->break_note, "the rates for 2022-23 beside these are from before "
                                            "the February 2025 revision"));
    /* Apart, for outputs that show one year and those that show two. */
    assert_true(before->pre_revision);
    assert_null(before->year_before_note);
    assert_false(now->pre_revision);
    assert_ptr_equal(now->year_before_note, now->break_note);
    sr_diags_free(&d);
    sr_arena_free(a);
}

static void the_fixture_compares_every_metric_it_maps(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", src_path("tests/fixtures/benchmarks"));
    sr_dataset ds;
    assert_int_equal(sr_dataset_load(&ds, dir, 2019, SR_MAX_YEARS), SR_DS_OK);
    sr_catalogue *cat = sr_catalogue_load_layered(ds.a, &ds.d, src_path("report-templates"), dir);
    assert_non_null(cat);
    sr_metrics *m = sr_metrics_compute(ds.a, cat, ds.p, 2019, ds.have, ds.nyears);
    const sr_bench_spec *spec = sr_bench_spec_load(ds.a, &ds.d, src_path("report-templates"), dir);
    assert_non_null(spec);
    sr_bench_data *bd = sr_bench_load(ds.a, &ds.d, spec, dir, ds.p);
    assert_int_equal(bd->nfiles, 5);
    sr_bench *b = sr_bench_compute(ds.a, bd, m, &ds.d);
    static const char *const ids[] = {"referrals", "s47-enquiries-rate", "cp-plans-rate",
                                      "children-in-need-rate", "looked-after-rate"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        const sr_bench_cmp *c = sr_bench_find(b, ids[i], 2019);
        assert_non_null(c);
        assert_string_equal(c->area.name, "Stockport");
        assert_non_null(c->england.src.file);
        assert_string_equal(c->region.name, "North West");
        assert_int_equal(c->nneighbours, 10);
    }
    /* Whole-number rates for children looked after, as published. */
    assert_string_equal(sr_bench_find(b, "looked-after-rate", 2019)->area.shown, "61");
    assert_int_equal(sr_bench_find(b, "looked-after-rate", 2019)->places, 0);
    assert_true(sr_bench_find(b, "s47-to-icpc", 2019)->local_differs);
    assert_null(sr_bench_find(b, "income", 2019));
    /* Mapped, though no comparison for a year: the DfE publishes it. */
    assert_true(sr_bench_maps(b, "s47-enquiries-rate"));
    assert_null(sr_bench_find(b, "s47-enquiries-rate", 2030));
    assert_false(sr_bench_maps(b, "income"));
    assert_true(sr_bench_maps(b, "referrals-rate"));
    assert_false(sr_bench_maps(NULL, "referrals"));
    size_t nf;
    sr_bench_files(b, &nf);
    assert_int_equal(nf, 5);
    sr_dataset_free(&ds);
}

/* A figure with more decimal places than the table's `places` would be
 * shown rounded again, as the DfE never published it: an error naming the
 * cell and the entry. */
static void a_figure_with_more_places_than_published_is_refused(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    const sr_bench_spec *spec = bundled_spec(a, &d);
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    c4_row(&b, "National", "", "", "198790", "167.75");
    c4_end(&b);
    char *text = sr_buf_take(&b);
    const sr_source *src = sr_diags_add_source(&d, "c4.csv", text, strlen(text));
    assert_null(sr_bench_parse(a, &d, spec, src));
    const char *out = printed(&d);
    assert_non_null(strstr(out, "c4.csv:2:"));
    assert_non_null(strstr(out, "error: `167.75` in `Section47_rate` has 2 decimal places, but "
                                "entry `c4-2023` of benchmarks.yaml says the DfE publishes it "
                                "to 1 (`places: 1`)"));
    assert_non_null(strstr(out, "never rounded again"));
    sr_diags_free(&d);
    sr_arena_free(a);
}

/* Messages a data lead meets on a real file: a space after a column's
 * name, a byte of Windows-1252, a file of the wrong form of time period
 * (a limit on the errors shown, with a count of the rest). */
static void real_files_get_messages_that_say_what_is_wrong(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    const sr_bench_spec *spec = bundled_spec(a, &d);
    /* A space after la_name. */
    sr_buf b = SR_BUF_INIT;
    const char *la = strstr(c4_header, "la_name");
    sr_buf_printf(&b, "%.*sla_name %s", (int)(la - c4_header), c4_header, la + 7);
    c4_row(&b, "National", "", "", "198790", "167.7");
    c4_end(&b);
    char *text = sr_buf_take(&b);
    const sr_source *src = sr_diags_add_source(&d, "spaced.csv", text, strlen(text));
    assert_null(sr_bench_parse(a, &d, spec, src));
    const char *out = printed(&d);
    assert_non_null(strstr(out, "spaced.csv:1:"));
    assert_non_null(strstr(out, "error: the header has a space after `la_name`: the DfE's files "
                                "have none"));
    assert_null(strstr(out, "renamed"));
    sr_diags_free(&d);

    /* Windows-1252's dash. */
    sr_diags_init(&d);
    b = (sr_buf)SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    sr_buf_puts(&b, "2020,Reporting year,National,E92000001,England \x96 all,");
    text = sr_buf_take(&b);
    src = sr_diags_add_source(&d, "cp1252.csv", text, strlen(text));
    assert_null(sr_bench_parse(a, &d, spec, src));
    out = printed(&d);
    assert_non_null(strstr(out, "cp1252.csv:2:48: error: this file is not text in UTF-8: the "
                                "byte here, 0x96, is not UTF-8 text"));
    assert_non_null(strstr(out, "Windows-1252"));
    sr_diags_free(&d);

    /* Financial years in a table of reporting years: 20 shown, the rest
     * counted. */
    sr_diags_init(&d);
    b = (sr_buf)SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    for (int i = 0; i < 25; i++)
        sr_buf_puts(&b, "201920,Reporting year,National,E92000001,England,,,,,,Total,1,1.0,x,x,1,"
                        "1.0,x,x,z,z,z,z,z,z,z\r\n");
    c4_end(&b);
    text = sr_buf_take(&b);
    src = sr_diags_add_source(&d, "fy.csv", text, strlen(text));
    assert_null(sr_bench_parse(a, &d, spec, src));
    out = printed(&d);
    assert_int_equal(d.errors, 21);
    assert_non_null(strstr(out, "fy.csv:2:1: error: `201920` is not a time period of this table"));
    assert_non_null(strstr(out, "`201920` is a financial year (2019-20), but entry `c4-2023`"));
    assert_non_null(strstr(out, "fy.csv:21:1: error"));
    assert_null(strstr(out, "fy.csv:22:1: error"));
    assert_non_null(strstr(out, "5 more rows have a wrong field count, time period"));
    sr_diags_free(&d);

    /* The header and no rows. */
    sr_diags_init(&d);
    text = sr_xstrdup(c4_header);
    src = sr_diags_add_source(&d, "header.csv", text, strlen(text));
    assert_null(sr_bench_parse(a, &d, spec, src));
    assert_non_null(strstr(printed(&d), "header.csv:1:1: error: this file has the header of "
                                        "`c4-2023` (C4 Section 47s and Initial Child Protection "
                                        "Conferences by local authority, Reporting year 2023), "
                                        "but no rows"));
    sr_diags_free(&d);
    sr_arena_free(a);
}

/* The area with no row for the year: its name and region from its other
 * rows, the region's figure still shown, and a warning at the file. */
static void the_region_and_name_come_from_any_row_of_the_area(void **state)
{
    (void)state;
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    c4_row(&b, "National", "", "", "198790", "167.7");
    c4_row(&b, "Regional", "", "", "31980", "200.6");
    c4_row(&b, "Local authority", "E08000991", "Ashmoor", "900", "115.6");
    c4_end(&b);
    sr_buf_puts(&b, "2023,Reporting year,Local authority,E92000001,England,E12000002,North West,,"
                    "E08000007,Stockport,Total,1,1.0,x,x,1,1.0,x,x,z,z,z,z,z,z,z\r\n");
    static const char *nb[] = {"E08000991"};
    char *csv = sr_buf_take(&b);
    tcmp t;
    compare(&t, csv, nb, 1);
    free(csv);
    const sr_bench_cmp *c = t.c;
    assert_int_equal(c->area.sym, SR_BSYM_MISSING);
    assert_string_equal(c->area.name, "Stockport");
    assert_string_equal(c->region.code, "E12000002");
    assert_string_equal(c->region.name, "North West");
    assert_string_equal(c->region.shown, "200.6");
    const char *out = printed(&t.d);
    assert_non_null(strstr(out, "c4.csv:2:1: warning: this file gives England's figures for "
                                "2019-20 (time period 2020), but has no row for Stockport "
                                "(E08000007)"));
    tcmp_free(&t);

    /* The region partnership.yaml gives wins over the rows'. */
    compare_region = "E12000003";
    b = (sr_buf)SR_BUF_INIT;
    sr_buf_puts(&b, c4_header);
    c4_row(&b, "National", "", "", "198790", "167.7");
    c4_row(&b, "Regional", "", "", "31980", "200.6");
    c4_row(&b, "Local authority", "E08000007", "Stockport", "727", "115.6");
    c4_end(&b);
    csv = sr_buf_take(&b);
    compare(&t, csv, nb, 1);
    free(csv);
    compare_region = NULL;
    assert_string_equal(t.c->region.code, "E12000003");
    assert_int_equal(t.c->region.sym, SR_BSYM_MISSING);
    assert_string_equal(t.c->region.shown, "[x]");
    tcmp_free(&t);
}

static void no_benchmarks_is_nothing(void **state)
{
    (void)state;
    size_t n = 7;
    assert_null(sr_bench_all(NULL, &n));
    assert_int_equal(n, 0);
    assert_null(sr_bench_find(NULL, "referrals", 2019));
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    assert_null(sr_bench_compute(a, NULL, NULL, &d));
    assert_false(sr_bench_wanted(NULL, src_path("data")));
    sr_diags_free(&d);
    sr_arena_free(a);
}

/* ---- rates worked out, and local authorities together ------------------ */

static const char c1_header[] =
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name,category,referral_count,rereferral_count,"
    "rereferral_percent,no_further_action_count,no_further_action_percent,not_in_need_count,"
    "not_in_need_percent,referral_child_count,rereferral_child_count,rereferral_child_percent\r\n";
static const char cla_header[] =
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,"
    "children_count,rate_per_10000\r\n";

/* A C1 row of 2019-20 (code "" for England's), and a CLA row. */
static void c1_row(sr_buf *b, const char *period, const char *code, const char *referrals,
                   const char *percent)
{
    bool nat = !code[0];
    sr_buf_printf(b,
                  "%s,Reporting year,%s,E92000001,England,%s,%s,,%s,%s,Total,%s,x,%s,x,x,x,x,x,x,"
                  "x\r\n",
                  period, nat ? "National" : "Local authority", nat ? "" : "E12000002",
                  nat ? "" : "North West", code, nat ? "" : code, referrals, percent);
}

static void cla_row(sr_buf *b, const char *period, const char *code, const char *pop,
                    const char *rate)
{
    bool nat = !code[0];
    sr_buf_printf(b,
                  "%s,Reporting year,%s,E92000001,England,%s,%s,,%s,%s,Children looked after at "
                  "31 March,%s,x,%s\r\n",
                  period, nat ? "National" : "Local authority", nat ? "" : "E12000002",
                  nat ? "" : "North West", nat ? "" : code, code, pop, rate);
}

typedef struct {
    sr_arena *a;
    sr_diags d;
    sr_partnership p;
    sr_metric_def defs[5];
    sr_mrow rows[5];
    sr_metric mt[5];
    sr_metrics m;
    sr_bfile files[2];
    sr_bench_data bd;
    sr_bench *b;
} tc1;

/* The comparisons of a C1 and a CLA file for the area `las` (nlas of
 * them), with no local figures. */
static void compare_c1(tc1 *t, const char *c1, const char *cla, const char **las, size_t nlas)
{
    memset(t, 0, sizeof *t);
    t->a = sr_arena_new();
    sr_diags_init(&t->d);
    const sr_bench_spec *spec = bundled_spec(t->a, &t->d);
    const char *texts[2] = {c1, cla}, *names[2] = {"c1.csv", "cla.csv"};
    for (size_t i = 0; i < 2; i++) {
        const sr_source *src =
            sr_diags_add_source(&t->d, names[i], sr_xstrdup(texts[i]), strlen(texts[i]));
        const sr_bfile *f = sr_bench_parse(t->a, &t->d, spec, src);
        if (!f)
            fail_msg("%s", printed(&t->d));
        t->files[i] = *f;
    }
    t->p.has_benchmarks = true;
    t->p.area = "Two Vales";
    t->p.bench_las = las;
    t->p.nbench_las = nlas;
    static const char *const ids[] = {"referrals", "referrals-rate", "repeat-referrals",
                                      "looked-after-rate", "looked-after"};
    static const sr_unit units[] = {SR_U_COUNT, SR_U_RATE, SR_U_PERCENTAGE, SR_U_RATE, SR_U_COUNT};
    for (size_t i = 0; i < 5; i++) {
        t->defs[i] = (sr_metric_def){.id = ids[i], .label = ids[i], .unit = units[i]};
        t->rows[i].cells[0].v.avail = SR_NOT_AVAILABLE;
        t->mt[i] = (sr_metric){.def = &t->defs[i], .rows = &t->rows[i], .nrows = 1};
    }
    t->m = (sr_metrics){.years = {2019}, .nyears = 1, .metrics = t->mt, .nmetrics = 5};
    t->bd = (sr_bench_data){.spec = spec, .p = &t->p, .files = t->files, .nfiles = 2};
    t->b = sr_bench_compute(t->a, &t->bd, &t->m, &t->d);
}

static const sr_bench_cmp *c1_find(const tc1 *t, const char *id)
{
    const sr_bench_cmp *c = sr_bench_find(t->b, id, 2019);
    assert_non_null(c);
    return c;
}

/* C1 publishes no rate of referrals: it is the count per 10,000 of the
 * CLA table's population of children, for the same area and year, to the
 * places benchmarks.yaml gives; a count's symbol is the rate's, and no
 * population makes it [x] with the reason. */
static void a_rate_the_dfe_does_not_publish_is_worked_out_from_its_count(void **state)
{
    (void)state;
    sr_buf c1 = SR_BUF_INIT, cla = SR_BUF_INIT;
    sr_buf_puts(&c1, c1_header);
    c1_row(&c1, "2020", "", "642980", "22.6");
    c1_row(&c1, "2020", "E08000007", "3243", "21.4");
    c1_row(&c1, "2020", "E08000991", "c", "c");
    c1_row(&c1, "2020", "E08000992", "2900", "19.0");
    c1_row(&c1, "2025", "", "632830", "22.6");
    sr_buf_puts(&cla, cla_header);
    cla_row(&cla, "2020", "", "11700000", "67");
    cla_row(&cla, "2020", "E08000007", "62912", "61");
    cla_row(&cla, "2020", "E08000991", "50000", "70");
    cla_row(&cla, "2020", "E08000992", "x", "x");
    cla_row(&cla, "2025", "", "11800000", "67");
    static const char *area[] = {"E08000007"};
    static const char *nb[] = {"E08000991", "E08000992"};
    tc1 t;
    char *c1s = sr_buf_take(&c1), *clas = sr_buf_take(&cla);
    compare_c1(&t, c1s, clas, area, 1);
    t.p.neighbours = nb;
    t.p.nneighbours = 2;
    t.b = sr_bench_compute(t.a, &t.bd, &t.m, &t.d);
    const sr_bench_cmp *c = c1_find(&t, "referrals-rate");
    assert_true(c->per_10000);
    /* 3,243 * 10,000 / 62,912 = 515.48 */
    assert_string_equal(c->area.shown, "515.5");
    assert_int_equal(c->area.how, SR_BHOW_PER_10000);
    assert_int_equal(c->area.nparts, 2);
    assert_string_equal(c->area.parts[0].src.file, "c1.csv");
    assert_int_equal(c->area.parts[0].src.line, 3);
    assert_string_equal(c->area.parts[0].src.column, "referral_count");
    assert_string_equal(c->area.parts[1].src.file, "cla.csv");
    assert_int_equal(c->area.parts[1].src.line, 3);
    assert_string_equal(c->area.parts[1].src.column, "population_estimate");
    /* England: 642,980 * 10,000 / 11,700,000 = 549.55 (half away from zero) */
    assert_string_equal(c->england.shown, "549.6");
    /* The count suppressed: so is the rate. */
    assert_int_equal(c->neighbours[0].sym, SR_BSYM_C);
    assert_string_equal(c->neighbours[0].shown, "[c]");
    /* No population: not available, saying why. */
    assert_int_equal(c->neighbours[1].sym, SR_BSYM_X);
    assert_string_equal(c->neighbours[1].why, "the DfE's population of children for E08000992 "
                                              "in 2019-20 is not available [x]");
    assert_int_equal(c->nmean, 0);
    assert_int_equal(c->rank, 1);
    /* The population file is one of the comparisons' sources. */
    size_t nf;
    const sr_bench_file *fs = sr_bench_files(t.b, &nf);
    assert_int_equal(nf, 2);
    assert_string_equal(fs[1].file, "cla.csv");
    /* Without the CLA file, no population: every rate [x], saying so. */
    t.bd.nfiles = 1;
    t.b = sr_bench_compute(t.a, &t.bd, &t.m, &t.d);
    c = c1_find(&t, "referrals-rate");
    assert_string_equal(c->area.shown, "[x]");
    assert_non_null(strstr(c->area.why, "no file in the benchmarks folder gives the number of "
                                        "children aged 0 to 17"));
    assert_string_equal(c->england.shown, "[x]");
    /* The count itself, as published. */
    assert_string_equal(c1_find(&t, "referrals")->area.shown, "3,243");
    assert_false(c1_find(&t, "referrals")->per_10000);
    free(c1s);
    free(clas);
    sr_diags_free(&t.d);
    sr_arena_free(t.a);
}

/* A partnership of two local authorities: counts added, rates weighted by
 * population (a worked-out rate is the counts' sum per 10,000 of the
 * populations' sum), percentages by the count they are of; a part
 * suppressed makes the whole [c], a population missing makes a rate [x]. */
static void two_local_authorities_are_compared_together(void **state)
{
    (void)state;
    sr_buf c1 = SR_BUF_INIT, cla = SR_BUF_INIT;
    sr_buf_puts(&c1, c1_header);
    c1_row(&c1, "2020", "", "642980", "22.6");
    c1_row(&c1, "2020", "E06000986", "2100", "20.0");
    c1_row(&c1, "2020", "E06000987", "1844", "25.5");
    c1_row(&c1, "2021", "", "600000", "22.6");
    c1_row(&c1, "2021", "E06000986", "2000", "20.0");
    c1_row(&c1, "2021", "E06000987", "c", "c");
    c1_row(&c1, "2025", "", "632830", "22.6");
    sr_buf_puts(&cla, cla_header);
    cla_row(&cla, "2020", "", "11700000", "67");
    cla_row(&cla, "2020", "E06000986", "40000", "60");
    cla_row(&cla, "2020", "E06000987", "31930", "75");
    cla_row(&cla, "2021", "E06000986", "40100", "61");
    cla_row(&cla, "2021", "E06000987", "x", "77");
    cla_row(&cla, "2025", "", "11800000", "67");
    static const char *las[] = {"E06000986", "E06000987"};
    tc1 t;
    char *c1s = sr_buf_take(&c1), *clas = sr_buf_take(&cla);
    compare_c1(&t, c1s, clas, las, 2);
    const sr_bench_cmp *n = c1_find(&t, "referrals");
    assert_int_equal(n->area.how, SR_BHOW_COMBINED);
    assert_string_equal(n->area.name, "Two Vales");
    assert_string_equal(n->area.shown, "3,944");
    assert_int_equal(n->area.nparts, 2);
    assert_null(n->area.weights);
    assert_string_equal(n->area.parts[1].shown, "1,844");
    assert_int_equal(n->area.parts[1].src.line, 4);
    /* 3,944 * 10,000 / 71,930 = 548.32 */
    const sr_bench_cmp *r = c1_find(&t, "referrals-rate");
    assert_string_equal(r->area.shown, "548.3");
    assert_string_equal(r->area.parts[0].shown, "525.0");
    /* (20.0 * 2,100 + 25.5 * 1,844) / 3,944 = 22.57 */
    const sr_bench_cmp *pc = c1_find(&t, "repeat-referrals");
    assert_string_equal(pc->area.shown, "22.6%");
    assert_string_equal(pc->area.weights[1].shown, "1,844");
    assert_string_equal(pc->area.weights[1].src.column, "referral_count");
    /* (60 * 40,000 + 75 * 31,930) / 71,930 = 66.66 */
    const sr_bench_cmp *la = c1_find(&t, "looked-after-rate");
    assert_string_equal(la->area.shown, "67");
    assert_string_equal(la->area.weights[0].src.column, "population_estimate");
    /* The submissions' rate against the pair's: within half a unit of
     * the weighted mean (66.66) before it is rounded, no finding, though
     * 66.2 shows as 66 and the pair's as 67; 65.9 is a finding. */
    t.rows[3].cells[0].v = (sr_mval){.avail = SR_AVAILABLE, .num = 662, .den = 10};
    size_t before = t.d.warnings;
    t.b = sr_bench_compute(t.a, &t.bd, &t.m, &t.d);
    if (t.d.warnings != before)
        fail_msg("%s", printed(&t.d));
    assert_false(c1_find(&t, "looked-after-rate")->local_differs);
    t.rows[3].cells[0].v = (sr_mval){.avail = SR_AVAILABLE, .num = 659, .den = 10};
    t.b = sr_bench_compute(t.a, &t.bd, &t.m, &t.d);
    if (t.d.warnings != before + 1)
        fail_msg("%s", printed(&t.d));
    assert_true(c1_find(&t, "looked-after-rate")->local_differs);
    assert_non_null(strstr(printed(&t.d), "the submissions give 65.9, but the DfE's figures for "
                                          "Two Vales's 2 local authorities in CLA numbers"));
    t.rows[3].cells[0].v.avail = SR_NOT_AVAILABLE;
    /* A percentage typed to the places published is itself rounded: 22.5%
     * against the pair's 22.57 is no finding, 22.4% is; one worked out
     * exactly (22.52) has half a unit only. */
    static const struct {
        int64_t num, den;
        bool differs;
    } pcts[] = {{225, 10, false}, {224, 10, true}, {2252, 100, true}};
    for (size_t i = 0; i < 3; i++) {
        t.rows[2].cells[0].v =
            (sr_mval){.avail = SR_AVAILABLE, .num = pcts[i].num, .den = pcts[i].den};
        t.b = sr_bench_compute(t.a, &t.bd, &t.m, &t.d);
        assert_int_equal(c1_find(&t, "repeat-referrals")->local_differs, pcts[i].differs);
    }
    t.rows[2].cells[0].v.avail = SR_NOT_AVAILABLE;
    /* 2020-21: one part suppressed, one population missing. */
    t.m.years[0] = 2020;
    t.b = sr_bench_compute(t.a, &t.bd, &t.m, &t.d);
    assert_string_equal(sr_bench_find(t.b, "referrals", 2020)->area.shown, "[c]");
    assert_string_equal(sr_bench_find(t.b, "referrals", 2020)->area.why,
                        "the DfE's figure for E06000987 in 2020-21 is suppressed [c]");
    assert_int_equal(sr_bench_find(t.b, "referrals", 2020)->area.sym, SR_BSYM_C);
    const sr_bfigure *lr = &sr_bench_find(t.b, "looked-after-rate", 2020)->area;
    assert_string_equal(lr->shown, "[x]");
    assert_string_equal(lr->why, "the DfE's population of children for E06000987 in 2020-21 is "
                                 "not available [x]");
    free(c1s);
    free(clas);
    sr_diags_free(&t.d);
    sr_arena_free(t.a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(time_periods_are_read_as_the_project_counts_years),
        cmocka_unit_test(quoted_cells_and_line_ends_keep_their_places),
        cmocka_unit_test(a_header_with_a_renamed_column_names_the_closest_one),
        cmocka_unit_test(a_figure_with_a_thousands_separator_is_refused),
        cmocka_unit_test(a_later_release_with_the_same_columns_is_not_taken_for_the_earlier),
        cmocka_unit_test(the_mean_is_of_the_neighbours_with_a_figure_and_ties_share_a_rank),
        cmocka_unit_test(a_local_figure_that_differs_is_a_finding_naming_both),
        cmocka_unit_test(a_rate_beside_one_from_before_the_revision_has_a_note),
        cmocka_unit_test(the_fixture_compares_every_metric_it_maps),
        cmocka_unit_test(a_figure_with_more_places_than_published_is_refused),
        cmocka_unit_test(real_files_get_messages_that_say_what_is_wrong),
        cmocka_unit_test(the_region_and_name_come_from_any_row_of_the_area),
        cmocka_unit_test(no_benchmarks_is_nothing),
        cmocka_unit_test(a_rate_the_dfe_does_not_publish_is_worked_out_from_its_count),
        cmocka_unit_test(two_local_authorities_are_compared_together),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
