/* Unit tests for src/doc: the builder on a small data folder written here
 * (links, a nested list, a table with a stated baseline, a hidden count, a
 * chart shared by its section and the chart files, the annex, headers with
 * units, the population rates are of, printed columns that say nothing
 * left out and shorthand explained where first used), and the walker on
 * trees made by hand. */
#include "testutil.h"

#include "chart/spec.h"
#include "data/dataset.h"
#include "doc/build.h"
#include "doc/compare.h"
#include "metrics/catalogue.h"
#include "metrics/metrics.h"
#include "metrics/suppress.h"

#include <sys/stat.h>

/* ---- a data folder ---------------------------------------------------------------- */

static void put(const char *dir, const char *name, const char *text)
{
    char *path = sr_path_join(dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    free(path);
}

static char *sub(const char *dir, const char *name)
{
    char *path = sr_path_join(dir, name);
    assert_int_equal(sr_make_dirs(path), 0);
    return path;
}

typedef struct {
    char root[64];
    char *data, *templates;
    sr_dataset ds;
    sr_catalogue *cat;
    sr_metrics *m;
    sr_chart_specs *specs;
    sr_document *doc;
} dworld;

static const sr_guidance no_duties = {.short_name = "Test guidance"};

static const char partnership[] =
    "format: 1\n"
    "partnership: {name: Test SCP, short_name: TSCP, area: Testshire, email: tscp@example.org}\n"
    "partners:\n"
    "  - {id: council, name: Test Council, statutory: yes}\n"
    "  - {id: police, name: Test Police, statutory: yes}\n"
    "population:\n"
    "  children_0_17: {2018-19: 20000, 2019-20: 20100}\n"
    "  source: an estimate made up for this test\n"
    "options:\n"
    "  disclosure_control: yes\n"
    "  suppression_threshold: 5\n";

static const char submission[] =
    "format: 1\n"
    "partner: council\n"
    "year: 2019-20\n"
    "performance:\n"
    "  child_protection:\n"
    "    plans_started_by_category: {emotional_abuse: 31, neglect: 22, physical_abuse: 2,\n"
    "                                sexual_abuse: 0}\n"
    "    plans_started: 55\n"
    "  measures:\n"
    "    - id: maar\n"
    "      label: Cases presented to the panel\n"
    "      count: 8\n"
    "      baseline: {year: 2017-18, count: 26}\n"
    "attendance:\n"
    "  meetings:\n"
    "    - {body: Executive, date: 2019-06-01, attended: [council], apologies: [police]}\n"
    "training:\n"
    "  evaluations:\n"
    "    - title: Neglect courses\n"
    "      ratings:\n"
    "        - {label: Good, score: 4, count: 30}\n"
    "        - {label: Poor, count: 2}\n";

static const char narrative[] =
    "Read [the guidance](https://example.org/guide), write to <help@example.org>,\n"
    "[ring us](<+44 161 123 4567>) or [mail us](team@example.org). Not [this](javascript:x).\n"
    "See [](https://example.org/empty) and [the caf\xc3\xa9](<https://example.org/a "
    "b/caf\xc3\xa9>).\n"
    "\n"
    "- one\n"
    "  - one and a half\n"
    "- two\n";

static const char report[] =
    "format: 1\n"
    "title: \"{{partnership}} annual report {{year}}\"\n"
    "sections:\n"
    "  - id: intro\n"
    "    title: Introduction\n"
    "    narrative: intro.md\n"
    "    blocks: [\"table maar\", \"chart plans\", \"table summary\", \"table plans\"]\n"
    "  - id: empty\n"
    "    title: Nothing\n"
    "    narrative: empty.md\n"
    "    optional: yes\n";

static const char metrics[] =
    "format: 1\n"
    "metrics:\n"
    "  - {id: maar, label: MAAR, unit: count, value: \"performance.measures[maar].count\",\n"
    "     baseline: \"performance.measures[maar].baseline\"}\n"
    "  - {id: plans, label: Plans by category, unit: count,\n"
    "     each: \"performance.child_protection.plans_started_by_category.*\"}\n"
    "  - {id: started, label: Plans, unit: count,\n"
    "     sum: [\"performance.child_protection.plans_started_by_category.*\"],\n"
    "     total: performance.child_protection.plans_started}\n"
    "  - {id: plans-rate, label: \"Plans per 10,000 children\", unit: rate,\n"
    "     rate: [performance.child_protection.plans_started]}\n"
    "tables:\n"
    "  - {id: plans-table, total: started, parts: [plans]}\n";

static const char charts[] = "format: 1\n"
                             "charts:\n"
                             "  - id: plans\n"
                             "    kind: bar\n"
                             "    title: Plans by category\n"
                             "    metric: plans\n"
                             "    width: 480\n"
                             "    height: 260\n";

/* The words of intro.md and, when not NULL, of the optional empty.md; with
 * dw_errors_allowed, a build with errors is no failure (dw_build's caller
 * looks at them). */
static const char *dw_intro = narrative, *dw_optional = NULL, *dw_charts = charts;
static const char *dw_report = report;
static const sr_chart_bench *dw_bench = NULL;
static bool dw_errors_allowed = false;
static bool dw_final = false;

static void dw_build(dworld *w)
{
    memset(w, 0, sizeof *w);
    snprintf(w->root, sizeof w->root, "/tmp/sscp-doc-XXXXXX");
    assert_non_null(mkdtemp(w->root));
    w->data = sub(w->root, "data");
    w->templates = sub(w->root, "templates");
    put(w->templates, "report.yaml", dw_report);
    put(w->templates, "metrics.yaml", metrics);
    put(w->templates, "charts.yaml", dw_charts);
    put(w->data, "partnership.yaml", partnership);
    char *year = sub(w->data, "2019-20");
    char *narr = sub(year, "narrative");
    put(year, "council.yaml", submission);
    put(narr, "intro.md", dw_intro);
    if (dw_optional)
        put(narr, "empty.md", dw_optional);
    free(narr);
    free(year);
    sr_dataset_load(&w->ds, w->data, 2019, SR_MAX_YEARS);
    w->cat = sr_catalogue_load_layered(w->ds.a, &w->ds.d, w->templates, w->data);
    assert_non_null(w->cat);
    w->m = sr_metrics_compute(w->ds.a, w->cat, w->ds.p, 2019, w->ds.have, w->ds.nyears);
    sr_suppress(w->m, w->cat, w->ds.p->suppression_threshold);
    w->specs = sr_chart_specs_load(w->ds.a, &w->ds.d, w->templates, w->data, w->cat, &w->ds);
    assert_non_null(w->specs);
    sr_doc_options o = {.data_dir = w->data,
                        .templates_dir = w->templates,
                        .guidance = &no_duties,
                        .final = dw_final,
                        .bench = dw_bench};
    w->doc = sr_doc_build(w->ds.a, &w->ds.d, &o, &w->ds, w->cat, w->m, w->specs);
    if (!w->doc || (w->ds.d.errors && !dw_errors_allowed)) {
        sr_diags_print_text(&w->ds.d, stderr, false);
        fail_msg("the document was not built");
    }
}

static void dw_free(dworld *w)
{
    sr_dataset_free(&w->ds);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", w->root);
    assert_int_equal(system(cmd), 0);
    free(w->data);
    free(w->templates);
}

static const sr_dnode *kid(const sr_dnode *n, size_t i, sr_dkind k)
{
    assert_non_null(n);
    if (i >= n->nkids)
        fail_msg("node has %zu kids, not %zu", n->nkids, i + 1);
    assert_int_equal(n->kids[i]->kind, k);
    return n->kids[i];
}

/* The first node of kind k under n, depth first, or NULL. */
static const sr_dnode *find(const sr_dnode *n, sr_dkind k)
{
    sr_doc_iter *it = sr_doc_iter_new(n);
    const sr_dnode *r = NULL;
    while (!r && sr_doc_iter_next(it) != SR_EV_DONE)
        if (sr_doc_iter_node(it)->kind == k)
            r = sr_doc_iter_node(it);
    sr_doc_iter_free(it);
    return r;
}

static const char *printed(const sr_dtable *t, size_t r, size_t c)
{
    static char buf[256];
    sr_dcell_print(t, r, c, buf, sizeof buf);
    return buf;
}

/* ---- the builder ------------------------------------------------------------------ */

static void the_root_holds_sections_then_the_annex_and_the_chart_files(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    const sr_dnode *root = w.doc->root;
    assert_int_equal(root->kind, SR_D_DOCUMENT);
    assert_int_equal(root->nkids, 3); /* the optional section without words is left out */
    const sr_dnode *sec = kid(root, 0, SR_D_SECTION);
    assert_string_equal(sec->text, "Introduction");
    assert_string_equal(sec->number, "1");
    assert_true(sec->written);
    kid(root, 1, SR_D_ANNEX);
    kid(root, 2, SR_D_CHART_FILES);
    assert_true(sr_doc_left_out(w.doc, "empty"));
    assert_string_equal(w.doc->title, "Test SCP annual report 2019-20");
    assert_string_equal(w.doc->cover_title, "Annual report 2019-20");
    assert_string_equal(w.doc->period, "1 April 2019 to 31 March 2020");
    assert_string_equal(w.doc->footer, w.doc->title);
    assert_string_equal(w.doc->contact, "tscp@example.org");
    assert_string_equal(w.doc->annex_title,
                        "Test SCP: data tables for Testshire, 1 April 2019 to 31 March 2020");
    assert_int_equal(w.doc->nannex_cover, 6); /* the population rates are of, last */
    assert_string_equal(w.doc->annex_cover[3], "Contact: tscp@example.org");
    dw_free(&w);
}

static void links_are_nodes_with_their_address(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    const sr_dnode *p = kid(w.doc->root->kids[0], 0, SR_D_PARAGRAPH);
    /* The links, in order; cmark may split the words between them. */
    const sr_dnode *links[8];
    size_t nl = 0, spaces = 0;
    for (size_t i = 0; i < p->nkids; i++) {
        if (p->kids[i]->kind == SR_D_LINK && nl < 8)
            links[nl++] = p->kids[i];
        spaces += p->kids[i]->kind == SR_D_TEXT && strcmp(p->kids[i]->text, " ") == 0;
        assert_int_not_equal(p->kids[i]->kind, SR_D_LINEBREAK);
    }
    assert_int_equal(nl, 6);
    assert_int_equal(spaces, 2); /* the soft breaks are spaces */
    assert_string_equal(links[0]->url, "https://example.org/guide");
    assert_string_equal(kid(links[0], 0, SR_D_TEXT)->text, "the guidance");
    assert_string_equal(links[1]->url, "mailto:help@example.org"); /* an autolink */
    assert_string_equal(kid(links[1], 0, SR_D_TEXT)->text, "help@example.org");
    assert_string_equal(links[2]->url, "tel:+441611234567");
    assert_string_equal(kid(links[2], 0, SR_D_TEXT)->text, "ring us");
    assert_string_equal(links[3]->url, "mailto:team@example.org");
    /* Any other scheme: just the words. */
    for (size_t i = 0; i < p->nkids; i++)
        assert_false(p->kids[i]->url && strstr(p->kids[i]->url, "javascript"));
    assert_non_null(strstr(p->text, "Not this."));
    assert_string_equal(p->text,
                        "Read the guidance, write to help@example.org, ring us or mail us. "
                        "Not this. See https://example.org/empty and the caf\xc3\xa9.");
    /* A link without words shows its address; an address is written as a
     * URI (spaces and letters beyond ASCII percent-encoded), the same for
     * every output. */
    assert_string_equal(links[4]->url, "https://example.org/empty");
    assert_string_equal(kid(links[4], 0, SR_D_TEXT)->text, "https://example.org/empty");
    assert_string_equal(links[5]->url, "https://example.org/a%20b/caf%C3%A9");
    dw_free(&w);
}

static void lists_nest(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    const sr_dnode *list = kid(w.doc->root->kids[0], 1, SR_D_LIST);
    assert_false(list->ordered);
    assert_int_equal(list->nkids, 2);
    const sr_dnode *one = kid(list, 0, SR_D_ITEM);
    assert_string_equal(kid(kid(one, 0, SR_D_PARAGRAPH), 0, SR_D_TEXT)->text, "one");
    const sr_dnode *inner = kid(one, 1, SR_D_LIST);
    assert_int_equal(inner->nkids, 1);
    assert_string_equal(kid(kid(inner, 0, SR_D_ITEM), 0, SR_D_PARAGRAPH)->text, "one and a half");
    assert_string_equal(kid(kid(list, 1, SR_D_ITEM), 0, SR_D_PARAGRAPH)->text, "two");
    dw_free(&w);
}

static void a_stated_baseline_has_a_column_of_its_own(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    const sr_dtable *t = kid(w.doc->root->kids[0], 2, SR_D_TABLE)->table;
    assert_string_equal(t->caption, "MAAR");
    assert_int_equal(t->ncols, 6);
    assert_int_equal(t->nrows, 1);
    assert_string_equal(t->cols[0].head, "Measure");
    assert_null(t->cols[0].data_head);
    assert_string_equal(t->cols[1].head, "2018-19");
    /* All [x]: not printed, and the note says so; the workbook has it. */
    assert_int_equal(t->cols[1].shown, SR_OUT_DATA);
    assert_string_equal(t->note, "The 2018-19 figures are not available.");
    assert_string_equal(t->cols[2].head, "2019-20");
    assert_int_equal(t->cols[3].kind, SR_COL_VALUE);
    assert_true(t->cols[3].baseline);
    assert_string_equal(t->cols[3].head, "Baseline (2017-18)");
    assert_int_equal(t->cols[3].year, 2017);
    assert_int_equal(t->cols[3].shown, SR_OUT_ALL);
    assert_int_equal(t->cols[4].kind, SR_COL_CHANGE);
    assert_int_equal(t->cols[4].cur, 2);
    assert_int_equal(t->cols[4].prev, 1);
    assert_int_equal(t->cols[4].base, 3);
    assert_int_equal(t->cols[5].kind, SR_COL_CHANGE_PCT);
    assert_string_equal(printed(t, 0, 0), "MAAR");
    assert_string_equal(printed(t, 0, 1), "[x]"); /* no year before: not the baseline */
    assert_string_equal(printed(t, 0, 2), "8");
    assert_string_equal(printed(t, 0, 3), "26");
    assert_true(sr_dtable_cell(t, 0, 4)->cmp->from_baseline);
    assert_string_equal(printed(t, 0, 4), "down 69.2% from 26 in 2017-18");
    assert_string_equal(printed(t, 0, 5), "-69.2%");
    /* The summary gives the baseline and its year in the workbook's columns. */
    const sr_dtable *s = kid(w.doc->root->kids[0], 4, SR_D_TABLE)->table;
    assert_int_equal(s->ncols, 9);
    assert_string_equal(printed(s, 0, 0), "MAAR");
    assert_string_equal(printed(s, 0, 6), "2017-18");
    assert_string_equal(printed(s, 0, 7), "26");
    /* Why it is compared with 2017-18 is a note, not words in the cell. */
    const sr_dcell *nc = sr_dtable_cell(s, 0, 8);
    assert_int_equal(nc->nnotes, 1);
    assert_string_equal(printed(s, 0, 8), sr_arena_printf(w.ds.a, "[note %d]", nc->notes[0]));
    assert_string_equal(w.doc->notes[nc->notes[0] - 1],
                        "MAAR: compared with 2017-18, the baseline the partner gave, not with "
                        "the year before.");
    assert_int_equal(s->cols[4].base, 7);
    assert_true(s->cols[4].words);
    dw_free(&w);
}

static void a_hidden_count_is_a_hidden_cell(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    /* The plans' sheet in the annex: physical abuse (2) is hidden, and one
     * more so it cannot be worked out from the total. */
    const sr_dnode *annex = sr_dnode_find(w.doc->root, SR_D_ANNEX);
    const sr_dtable *t = NULL;
    for (size_t i = 0; i < annex->nkids; i++)
        if (strcmp(annex->kids[i]->table->sheet, "Plans") == 0)
            t = annex->kids[i]->table;
    assert_non_null(t);
    assert_string_equal(t->title, "Plans by category, 2019-20");
    bool found = false;
    for (size_t r = 0; r < t->nrows; r++) {
        if (strcmp(sr_dtable_cell(t, r, 0)->text, "Physical abuse") != 0)
            continue;
        found = true;
        const sr_dcell *c = sr_dtable_cell(t, r, 2);
        assert_int_equal(c->kind, SR_CELL_VALUE);
        assert_true(c->v.suppressed);
        assert_string_equal(printed(t, r, 2), "[c]");
    }
    assert_true(found);
    /* The notes: shorthand first; disclosure control's, referred to by
     * the sheet that hides a figure. */
    assert_true(w.doc->nnotes >= 2);
    size_t dn = 0;
    for (size_t i = 0; i < w.doc->nnotes; i++)
        if (strstr(w.doc->notes[i], "Counts from 1 to 5 are hidden as [c]"))
            dn = i + 1;
    assert_true(dn >= 2);
    char ref[32];
    snprintf(ref, sizeof ref, "[note %zu]", dn);
    assert_non_null(t->desc);
    assert_non_null(strstr(t->desc, ref));
    dw_free(&w);
}

/* Key figures in a year with no year before: the tiles give the figures
 * only, the figure says once that there is nothing to compare with, and
 * its table has no Change or Year before column. */
static void key_figures_without_a_year_before_say_so_once(void **state)
{
    (void)state;
    dw_charts = "format: 1\n"
                "charts:\n"
                "  - {id: key, kind: kpi, title: Key figures, metrics: [started, plans-rate],\n"
                "     width: 480, height: 120}\n";
    dworld w;
    dw_build(&w);
    dw_charts = charts;
    const sr_dnode *files = sr_dnode_find(w.doc->root, SR_D_CHART_FILES);
    assert_int_equal(files->nkids, 1);
    const sr_dfigure *f = kid(files, 0, SR_D_FIGURE)->figure;
    assert_int_equal(f->chart->kind, SR_CHART_KPI);
    assert_int_equal(f->chart->ncat, 2);
    assert_null(f->chart->notes);
    assert_null(f->chart->before);
    assert_string_equal(f->note, "There are no 2018-19 figures to compare with.");
    assert_null(strstr(f->alt, "compare"));
    const sr_dtable *t = f->data;
    assert_non_null(t);
    assert_int_equal(t->ncols, 2);
    assert_string_equal(t->cols[0].head, "Measure");
    assert_string_equal(t->cols[1].head, "2019-20");
    assert_string_equal(printed(t, 0, 1), "55");
    dw_free(&w);
}

static void a_chart_is_built_once_for_its_section_and_its_file(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    const sr_dnode *f = kid(w.doc->root->kids[0], 3, SR_D_FIGURE);
    const sr_dnode *files = sr_dnode_find(w.doc->root, SR_D_CHART_FILES);
    assert_int_equal(files->nkids, 1);
    const sr_dnode *g = kid(files, 0, SR_D_FIGURE);
    assert_ptr_equal(f->figure, g->figure);
    assert_string_equal(f->figure->id, "plans");
    assert_non_null(f->figure->chart);
    assert_non_null(f->figure->alt);
    assert_true(f->figure->width == 480 && f->figure->height == 260);
    assert_null(find(w.doc->root, SR_D_NOTE));
    dw_free(&w);
}

/* A chart's figures as a table: a row per category (its label the row
 * header), a column per series, each cell the value as the chart labels
 * it; what the HTML shows under the chart and the PDF in its appendix. */
static void a_chart_carries_its_figures_as_a_table(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    const sr_dfigure *f = kid(w.doc->root->kids[0], 3, SR_D_FIGURE)->figure;
    const sr_chart *c = f->chart;
    const sr_dtable *t = f->data;
    assert_non_null(t);
    assert_true(c->ncat > 0 && c->nseries > 0);
    assert_string_equal(t->caption, c->title);
    assert_int_equal(t->ncols, 1 + c->nseries);
    assert_int_equal(t->nrows, c->ncat);
    assert_int_equal(t->cols[0].kind, SR_COL_LABEL);
    /* The row headers are headed by what they are: never an empty header. */
    assert_string_equal(t->cols[0].head, "Category"); /* "Plans by category" */
    for (size_t s = 0; s < c->nseries; s++) {
        assert_string_equal(t->cols[1 + s].head, c->series[s].name);
        assert_true(sr_dcol_numeric(&t->cols[1 + s])); /* set right-aligned */
        assert_true(t->cols[1 + s].shown & SR_OUT_PRINT);
    }
    for (size_t i = 0; i < c->ncat; i++) {
        assert_string_equal(printed(t, i, 0), c->categories[i]);
        for (size_t s = 0; s < c->nseries; s++)
            assert_string_equal(printed(t, i, 1 + s), c->series[s].values[i].label);
    }
    dw_free(&w);
}

static const sr_dtable *sheet_of(const sr_document *doc, const char *name)
{
    const sr_dnode *annex = sr_dnode_find(doc->root, SR_D_ANNEX);
    for (size_t i = 0; annex && i < annex->nkids; i++)
        if (strcmp(annex->kids[i]->table->sheet, name) == 0)
            return annex->kids[i]->table;
    fail_msg("no sheet %s", name);
    return NULL;
}

static void the_annex_has_its_sheets_in_order(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    const sr_dnode *annex = sr_dnode_find(w.doc->root, SR_D_ANNEX);
    const char *want[] = {"Summary", "Plans", "Attendance", "Evaluations"};
    assert_int_equal(annex->nkids, 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(annex->kids[i]->table->sheet, want[i]);
    /* The report's summary and the annex's are one table. */
    assert_ptr_equal(kid(w.doc->root->kids[0], 4, SR_D_TABLE)->table, annex->kids[0]->table);
    const sr_dtable *t = sheet_of(w.doc, "Attendance");
    assert_string_equal(t->title, "Attendance at partnership meetings, 2019-20");
    assert_int_equal(t->ncols, 5);
    assert_int_equal(t->nrows, 2);
    const char *rows[2][5] = {
        {"Executive", "1 June 2019", "Test Council", "council", "Attended"},
        {"Executive", "1 June 2019", "Test Police", "police", "Sent apologies"}};
    for (size_t r = 0; r < 2; r++)
        for (size_t c = 0; c < 5; c++)
            assert_string_equal(printed(t, r, c), rows[r][c]);
    /* The evaluations' tallies, with disclosure control. */
    t = sheet_of(w.doc, "Evaluations");
    /* It hides a figure: it refers to the note that says how. */
    assert_string_equal(t->desc, "What attendees answered, as tallies. [note 1] [note 4]");
    assert_non_null(strstr(w.doc->notes[3], "Counts from 1 to 5 are hidden as [c]"));
    assert_int_equal(t->nrows, 2);
    assert_string_equal(printed(t, 0, 0), "Neglect courses");
    assert_string_equal(printed(t, 0, 1), "Good");
    assert_string_equal(printed(t, 0, 2), "4");
    assert_string_equal(printed(t, 1, 2), "[z]"); /* no score on the form */
    assert_string_equal(printed(t, 1, 3), "[c]"); /* 2 answers: hidden */
    assert_true(sr_dtable_cell(t, 1, 3)->v.suppressed);
    assert_int_equal(sr_dtable_cell(t, 1, 3)->v.num, 0); /* the count is not in the tree */
    dw_free(&w);
}

static const sr_dnode *node_with_table(const sr_dnode *root, const sr_dtable *t)
{
    sr_doc_iter *it = sr_doc_iter_new(root);
    const sr_dnode *r = NULL;
    while (!r && sr_doc_iter_next(it) != SR_EV_DONE)
        if (sr_doc_iter_node(it)->kind == SR_D_TABLE && sr_doc_iter_node(it)->table == t)
            r = sr_doc_iter_node(it);
    sr_doc_iter_free(it);
    return r;
}

static void headers_give_units_and_first_columns_what_they_hold(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    /* A metric with `each`: its first column is what its label says the
     * rows are by. */
    const sr_dtable *p = sheet_of(w.doc, "Plans");
    assert_string_equal(p->cols[0].head, "Category");
    assert_null(p->cols[0].data_head);
    /* A count has no unit to give. */
    assert_string_equal(p->cols[2].head, "2019-20");
    assert_null(p->cols[2].data_head);
    /* The summary: a rate's row refers to the note on the population,
     * which gives the population of each year and its source; the note
     * under the printed table says it too. */
    const sr_dtable *s = sheet_of(w.doc, "Summary");
    assert_string_equal(s->cols[0].head, "Measure");
    const char *pop = "Rates are per 10,000 children aged 0 to 17. The child population used is "
                      "20,100 for 2019-20 and 20,000 for 2018-19. Source: An estimate made up "
                      "for this test.";
    bool rate_row = false;
    for (size_t r = 0; r < s->nrows; r++) {
        if (strcmp(printed(s, r, 0), "Plans per 10,000 children") != 0)
            continue;
        rate_row = true;
        const sr_dcell *nc = sr_dtable_cell(s, r, 8);
        assert_int_equal(nc->nnotes, 1);
        assert_string_equal(w.doc->notes[nc->notes[0] - 1], pop);
    }
    assert_true(rate_row);
    assert_non_null(s->note);
    assert_non_null(strstr(s->note, pop));
    /* And the workbook's cover gives it. */
    bool on_cover = false;
    for (size_t i = 0; i < w.doc->nannex_cover; i++)
        on_cover |= strcmp(w.doc->annex_cover[i], pop) == 0;
    assert_true(on_cover);
    dw_free(&w);
}

static void print_leaves_out_columns_that_say_nothing_and_explains_shorthand_once(void **state)
{
    (void)state;
    dworld w;
    dw_build(&w);
    /* Plans by category: no 2018-19 figures, so neither that column nor
     * the changes are printed; the note says why, once. The workbook keeps
     * every column. */
    const sr_dtable *p = sheet_of(w.doc, "Plans");
    assert_non_null(node_with_table(w.doc->root->kids[0], p));
    assert_int_equal(p->cols[1].shown, SR_OUT_DATA);
    assert_int_equal(p->cols[2].shown, SR_OUT_ALL);
    assert_int_equal(p->cols[3].shown, SR_OUT_DATA);
    assert_int_equal(p->cols[4].shown, SR_OUT_DATA);
    assert_string_equal(printed(p, 0, 3), "[x]");
    /* [c] is printed in this table, but explained under the chart before
     * it, the first to show it. */
    assert_string_equal(p->note, "There are no 2018-19 figures to compare with.");
    const sr_dfigure *f = kid(w.doc->root->kids[0], 3, SR_D_FIGURE)->figure;
    assert_non_null(f->note);
    assert_non_null(strstr(f->note, "[c] means the figure is hidden to protect small numbers"));
    /* The summary: no 2018-19 figure anywhere, but a change from a
     * baseline, so the change column is printed; the rows with nothing to
     * compare with say [x] there, not the same words on each row, and the
     * note says why once. [x] is first printed here: explained here. */
    const sr_dtable *s = sheet_of(w.doc, "Summary");
    assert_int_equal(s->cols[2].shown & SR_OUT_PRINT, 0);
    assert_int_equal(s->cols[3].shown & SR_OUT_PRINT, SR_OUT_PRINT);
    assert_int_equal(s->cols[4].shown & SR_OUT_PRINT, SR_OUT_PRINT);
    assert_string_equal(printed(s, 0, 4), "down 69.2% from 26 in 2017-18");
    assert_string_equal(printed(s, 1, 4), "[x]");
    assert_string_equal(printed(s, 2, 4), "[x]");
    assert_null(strstr(s->note, "[c] means"));
    const char *want = "[x] means the figure is not available. The 2018-19 figures are not "
                       "available. Where the change is [x], there is no 2018-19 figure to compare "
                       "with.";
    size_t nl = strlen(s->note), wl = strlen(want);
    assert_true(nl >= wl);
    assert_string_equal(s->note + nl - wl, want);
    dw_free(&w);
}

/* ---- the walker ------------------------------------------------------------------- */

static sr_dnode *mk(sr_arena *a, sr_dnode *parent, sr_dkind k, const char *text)
{
    sr_dnode *n = sr_dnode_new_text(a, k, text);
    if (parent)
        sr_dnode_add(a, parent, n);
    return n;
}

static void walk(const sr_dnode *root, const char *skip, sr_buf *out)
{
    sr_doc_iter *it = sr_doc_iter_new(root);
    sr_doc_event ev;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        const sr_dnode *n = sr_doc_iter_node(it);
        const sr_dnode *p = sr_doc_iter_parent(it);
        sr_buf_printf(out, "%s%s/%zu/%s ", ev == SR_EV_ENTER ? "+" : "-", n->text,
                      sr_doc_iter_depth(it), p ? p->text : "^");
        if (ev == SR_EV_ENTER && skip && strcmp(n->text, skip) == 0)
            sr_doc_iter_skip(it);
    }
    assert_int_equal(sr_doc_iter_next(it), SR_EV_DONE);
    sr_doc_iter_free(it);
}

static void the_walker_enters_and_exits_in_order(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_dnode *root = mk(a, NULL, SR_D_DOCUMENT, "doc");
    sr_dnode *sec = mk(a, root, SR_D_SECTION, "sec");
    sr_dnode *p = mk(a, sec, SR_D_PARAGRAPH, "p");
    mk(a, p, SR_D_TEXT, "t1");
    sr_dnode *em = mk(a, p, SR_D_EMPH, "em");
    mk(a, em, SR_D_TEXT, "t2");
    mk(a, sec, SR_D_LIST, "list"); /* no kids, but may have: entered and left */
    mk(a, sec, SR_D_TABLE, "table");
    mk(a, root, SR_D_ANNEX, "annex");
    sr_buf b = SR_BUF_INIT;
    walk(root, NULL, &b);
    assert_string_equal(sr_buf_str(&b), "+doc/0/^ +sec/1/doc +p/2/sec +t1/3/p +em/3/p +t2/4/em "
                                        "-em/3/p -p/2/sec +list/2/sec -list/2/sec +table/2/sec "
                                        "-sec/1/doc +annex/1/doc -annex/1/doc -doc/0/^ ");
    sr_buf_free(&b);
    b = (sr_buf)SR_BUF_INIT;
    walk(root, "p", &b);
    assert_string_equal(sr_buf_str(&b), "+doc/0/^ +sec/1/doc +p/2/sec -p/2/sec +list/2/sec "
                                        "-list/2/sec +table/2/sec -sec/1/doc +annex/1/doc "
                                        "-annex/1/doc -doc/0/^ ");
    sr_buf_free(&b);
    /* A walker rooted inside the tree sees that subtree only. */
    b = (sr_buf)SR_BUF_INIT;
    walk(p, NULL, &b);
    assert_string_equal(sr_buf_str(&b), "+p/0/^ +t1/1/p +em/1/p +t2/2/em -em/1/p -p/0/^ ");
    sr_buf_free(&b);
    /* A leaf root, and no root. */
    b = (sr_buf)SR_BUF_INIT;
    walk(p->kids[0], NULL, &b);
    assert_string_equal(sr_buf_str(&b), "+t1/0/^ ");
    sr_buf_free(&b);
    sr_doc_iter *it = sr_doc_iter_new(NULL);
    assert_int_equal(sr_doc_iter_next(it), SR_EV_DONE);
    sr_doc_iter_free(it);
    sr_arena_free(a);
}

static void the_walker_goes_any_depth(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    enum { DEPTH = 10000 };
    sr_dnode *root = sr_dnode_new(a, SR_D_QUOTE), *n = root;
    for (int i = 1; i < DEPTH; i++)
        n = sr_dnode_add(a, n, sr_dnode_new(a, SR_D_QUOTE));
    sr_dnode_add(a, n, sr_dnode_new_text(a, SR_D_TEXT, "deep"));
    sr_doc_iter *it = sr_doc_iter_new(root);
    size_t enters = 0, exits = 0, deepest = 0;
    sr_doc_event ev;
    while ((ev = sr_doc_iter_next(it)) != SR_EV_DONE) {
        if (ev == SR_EV_ENTER)
            enters++;
        else
            exits++;
        size_t d = sr_doc_iter_depth(it);
        if (d > deepest)
            deepest = d;
        if (sr_doc_iter_node(it)->kind == SR_D_TEXT)
            assert_ptr_equal(sr_doc_iter_parent(it), n);
    }
    sr_doc_iter_free(it);
    assert_int_equal(enters, DEPTH + 1);
    assert_int_equal(exits, DEPTH);
    assert_int_equal(deepest, DEPTH);
    sr_arena_free(a);
}

/* ---- the narrative: comments, encodings, nesting ---------------------------------- */

static void dw_reset(void)
{
    dw_intro = narrative;
    dw_optional = NULL;
    dw_errors_allowed = false;
    dw_final = false;
    dw_report = report;
    dw_charts = charts;
    dw_bench = NULL;
}

/* The diagnostic whose message holds text, or NULL. */
static const sr_diag *diag_with(const sr_diags *d, const char *text)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->v[i].msg, text))
            return &d->v[i];
    return NULL;
}

static void comments_never_reach_the_tree(void **state)
{
    (void)state;
    dw_intro = "Before <!-- secret one --> after.\n"
               "\n"
               "<!-- TODO: secret two, {{value:no-such-metric}} -->\n"
               "\n"
               "<!--\n"
               "secret three\n"
               "-->\n"
               "\n"
               "Last <!-- a -- secret four --> words.<!--->\n";
    dw_optional = "<!-- only a comment: the section is left out -->\n";
    dworld w;
    dw_build(&w);
    const sr_dnode *sec = w.doc->root->kids[0];
    assert_string_equal(kid(sec, 0, SR_D_PARAGRAPH)->text, "Before after.");
    assert_string_equal(kid(sec, 1, SR_D_PARAGRAPH)->text, "Last words.");
    assert_int_equal(kid(sec, 2, SR_D_TABLE)->kind, SR_D_TABLE); /* the blocks follow */
    sr_doc_iter *it = sr_doc_iter_new(w.doc->root);
    while (sr_doc_iter_next(it) != SR_EV_DONE) {
        const char *t = sr_doc_iter_node(it)->text;
        assert_true(!t || (!strstr(t, "secret") && !strstr(t, "<!--")));
    }
    sr_doc_iter_free(it);
    assert_true(sec->written);
    assert_true(sr_doc_left_out(w.doc, "empty"));
    assert_null(diag_with(&w.ds.d, "no-such-metric")); /* a comment's placeholder is none */
    dw_free(&w);
    dw_reset();
}

static void a_file_of_only_comments_is_not_written(void **state)
{
    (void)state;
    dw_intro = "<!-- TODO: ask the chair -->\n\n<!-- and the police -->\n";
    dworld w;
    dw_build(&w);
    const sr_dnode *sec = w.doc->root->kids[0];
    assert_false(sec->written);
    assert_int_equal(w.doc->missing_narratives, 1);
    assert_int_equal(kid(sec, 0, SR_D_NOTE)->kind, SR_D_NOTE);
    const sr_diag *g = diag_with(&w.ds.d, "has only comments, no words");
    assert_non_null(g);
    assert_int_equal(g->sev, SR_WARNING);
    assert_non_null(strstr(g->loc.src->name, "intro.md"));
    dw_free(&w);
    dw_reset();
}

static void a_comment_never_closed_is_an_error_at_its_place(void **state)
{
    (void)state;
    dw_intro = "Words.\n\nMore <!-- never closed\n\nThe rest.\n";
    dw_errors_allowed = true;
    dworld w;
    dw_build(&w);
    const sr_diag *g = diag_with(&w.ds.d, "is never closed");
    assert_non_null(g);
    assert_int_equal(g->sev, SR_ERROR);
    assert_int_equal(g->loc.line, 3);
    assert_int_equal(g->loc.col, 6);
    dw_free(&w);
    dw_reset();
}

static void a_narrative_that_is_not_utf8_is_an_error_at_its_place(void **state)
{
    (void)state;
    dw_intro = "Fine.\nThe partnership\x92s work.\n";
    dw_errors_allowed = true;
    dworld w;
    dw_build(&w);
    assert_int_equal(w.ds.d.errors, 1);
    const sr_diag *g = diag_with(&w.ds.d, "not valid UTF-8 text (byte 0x92)");
    assert_non_null(g);
    assert_int_equal(g->sev, SR_ERROR);
    assert_int_equal(g->loc.line, 2);
    assert_int_equal(g->loc.col, 16);
    assert_non_null(strstr(g->hint, "Windows-1252"));
    assert_false(w.doc->root->kids[0]->written);
    dw_free(&w);
    dw_reset();
}

/* The deepest node under root. */
static size_t depth_of(const sr_dnode *root)
{
    size_t deepest = 0;
    sr_doc_iter *it = sr_doc_iter_new(root);
    while (sr_doc_iter_next(it) != SR_EV_DONE)
        if (sr_doc_iter_depth(it) > deepest)
            deepest = sr_doc_iter_depth(it);
    sr_doc_iter_free(it);
    return deepest;
}

static void twenty_nested_quotations_are_twenty_deep(void **state)
{
    (void)state;
    char md[128] = "";
    for (int i = 0; i < 20; i++)
        strcat(md, "> ");
    strcat(md, "deep\n");
    dw_intro = md;
    dworld w;
    dw_build(&w);
    const sr_dnode *n = w.doc->root->kids[0];
    for (int i = 0; i < 20; i++)
        n = kid(n, 0, SR_D_QUOTE);
    assert_string_equal(kid(n, 0, SR_D_PARAGRAPH)->text, "deep");
    assert_null(diag_with(&w.ds.d, "nested more than"));
    dw_free(&w);
    dw_reset();
}

static void nesting_of_any_depth_is_bounded_and_keeps_its_words(void **state)
{
    (void)state;
    static const char *const opens[] = {">", "- ", "> - ", "*a "};
    for (size_t k = 0; k < sizeof opens / sizeof *opens; k++) {
        size_t n = 200000, len = strlen(opens[k]);
        char *md = malloc(n * len + 16);
        assert_non_null(md);
        for (size_t i = 0; i < n; i++)
            memcpy(md + i * len, opens[k], len);
        strcpy(md + n * len, " bottom\n");
        dw_intro = md;
        dworld w;
        dw_build(&w);
        /* document > section > nesting > paragraph > text */
        assert_true(depth_of(w.doc->root) <= SR_DOC_MAX_NESTING + 4);
        const sr_diag *g = diag_with(&w.ds.d, "nested more than 48 deep here");
        if (k < 3) { /* emphasis never closed is words, not nesting */
            assert_non_null(g);
            assert_int_equal(g->sev, SR_WARNING);
            assert_int_equal(g->loc.line, 1);
        }
        bool found = false;
        sr_doc_iter *it = sr_doc_iter_new(w.doc->root);
        while (sr_doc_iter_next(it) != SR_EV_DONE) {
            const sr_dnode *t = sr_doc_iter_node(it);
            found |= t->kind == SR_D_TEXT && strstr(t->text, "bottom") != NULL;
        }
        sr_doc_iter_free(it);
        assert_true(found);
        dw_free(&w);
        free(md);
    }
    dw_reset();
}

/* ---- the area against England and the neighbours, in words ----------------------- */

static sr_compare_fig fig(int64_t num, int64_t den, const char *shown)
{
    return (sr_compare_fig){{SR_AVAILABLE, num, den, false, false}, shown};
}

static sr_compare_fig sym(sr_avail avail, bool suppressed, const char *shown)
{
    return (sr_compare_fig){{avail, 0, 1, suppressed, false}, shown};
}

static void assert_words(const sr_compare_in *in, const char *want)
{
    char buf[256];
    sr_compare_words(in, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void comparisons_with_england_and_the_neighbours_in_words(void **state)
{
    (void)state;
    sr_compare_in in = {.unit = SR_U_RATE,
                        .places = 1,
                        .area = fig(2013, 10, "201.3"),
                        .england = fig(1916, 10, "191.6"),
                        .neighbours = fig(17524, 100, "175.2"),
                        .nmean = 10,
                        .nlisted = 10};
    assert_words(&in, "above England (191.6 per 10,000) and the neighbours' average (175.2)");
    in.neighbours = fig(2104, 10, "210.4");
    assert_words(&in, "above England (191.6 per 10,000) but below the neighbours' average (210.4)");
    /* Compared as shown: an average of 201.34 is shown 201.3, the area's figure. */
    in.neighbours = fig(20134, 100, "201.3");
    in.nmean = 9;
    assert_words(&in, "above England (191.6 per 10,000) but the same as the neighbours' average "
                      "(201.3, of 9 of the 10 neighbours)");
    in.england = fig(2013, 10, "201.3");
    assert_words(&in, "the same as England (201.3 per 10,000) and the neighbours' average "
                      "(201.3, of 9 of the 10 neighbours)");
    /* Below both; a whole-number rate (looked after children). */
    in = (sr_compare_in){.unit = SR_U_RATE,
                         .places = 0,
                         .area = fig(61, 1, "61"),
                         .england = fig(67, 1, "67"),
                         .neighbours = fig(7425, 100, "74"),
                         .nmean = 8,
                         .nlisted = 10};
    assert_words(&in, "below England (67 per 10,000) and the neighbours' average (74, of 8 of "
                      "the 10 neighbours)");
    /* A percentage carries its sign. */
    in = (sr_compare_in){.unit = SR_U_PERCENTAGE,
                         .places = 1,
                         .area = fig(251, 10, "25.1%"),
                         .england = fig(226, 10, "22.6%"),
                         .nlisted = 0};
    assert_words(&in, "above England (22.6%)");
    /* A count is compared with the neighbours only: any area's count is
     * below England's total. */
    in = (sr_compare_in){.unit = SR_U_COUNT,
                         .places = 0,
                         .area = fig(4020, 1, "4,020"),
                         .england = fig(642920, 1, "642,920"),
                         .neighbours = fig(3048, 1, "3,048"),
                         .nmean = 9,
                         .nlisted = 10};
    assert_words(&in, "above the neighbours' average (3,048, of 9 of the 10 neighbours)");
    in.nmean = 0;
    in.neighbours = sym(SR_NOT_AVAILABLE, false, "[x]");
    assert_words(&in, "not compared: a count is compared with the statistical neighbours' "
                      "average only, and no neighbour has a figure");
    in.nlisted = 0;
    assert_words(&in, "not compared: a count is compared with the statistical neighbours' "
                      "average only, and partnership.yaml lists no neighbours");
}

static void what_cannot_be_compared_is_said(void **state)
{
    (void)state;
    sr_compare_in in = {.unit = SR_U_RATE,
                        .places = 1,
                        .area = sym(SR_AVAILABLE, true, "[c]"),
                        .england = fig(1916, 10, "191.6"),
                        .neighbours = fig(1752, 10, "175.2"),
                        .nmean = 10,
                        .nlisted = 10};
    assert_words(&in, "not compared: the area's figure is not shown, to protect small numbers");
    in.area = sym(SR_NOT_AVAILABLE, false, "[x]");
    assert_words(&in, "not compared: the area's figure is not available");
    in.area = sym(SR_NOT_APPLICABLE, false, "[z]");
    assert_words(&in, "not compared: the area's figure is not applicable");
    in.area = fig(2013, 10, "201.3");
    in.england = sym(SR_NOT_AVAILABLE, false, "[x]");
    assert_words(&in, "above the neighbours' average (175.2 per 10,000); England's figure is not "
                      "available");
    in.england = fig(1916, 10, "191.6");
    in.neighbours = sym(SR_NOT_AVAILABLE, false, "[x]");
    in.nmean = 0;
    assert_words(&in, "above England (191.6 per 10,000); no neighbour has a figure");
    in.england = sym(SR_NOT_AVAILABLE, true, "[c]");
    assert_words(&in, "not compared: England's figure is not shown, to protect small numbers, "
                      "and no neighbour has a figure");
    in.nlisted = 0;
    assert_words(&in, "not compared: England's figure is not shown, to protect small numbers");
    /* A buffer too small is cut, never overrun. */
    char small[8];
    sr_compare_words(&in, small, sizeof small);
    assert_string_equal(small, "not com");
}

/* ---- the DfE's comparisons ------------------------------------------------------------ */

/* Made up for this test: the area's plans per 10,000 against England, its
 * region and three neighbours, one without a figure. */
static const sr_bench_file bench_files[] = {
    {"data/benchmarks/d1.csv", "d1-2020", "Children in need",
     "D1 Child Protection Plans by local authority", "Reporting year 2020",
     "https://example.org/d1"},
};

static sr_bfigure bench_fig(const char *code, const char *name, int64_t tenths, const char *shown,
                            unsigned line)
{
    sr_bfigure f = {.code = code, .name = name, .shown = shown};
    f.v = (sr_mval){SR_AVAILABLE, tenths, 10, false, false};
    f.src = (sr_bsource){.file = "data/benchmarks/d1.csv",
                         .line = line,
                         .col = 19,
                         .column = "CPP_At31_rate",
                         .entry = "d1-2020",
                         .publication = "Children in need",
                         .table = "D1 Child Protection Plans by local authority",
                         .release = "Reporting year 2020"};
    return f;
}

static sr_chart_bench test_bench(void)
{
    static sr_bfigure nb[3];
    static sr_bench_cmp c;
    nb[0] = bench_fig("E08000001", "Bolton", 301, "30.1", 20);
    nb[1] = bench_fig("E08000002", "Bury", 403, "40.3", 21);
    nb[2] = (sr_bfigure){.code = "E08000003",
                         .name = "Oldham",
                         .sym = SR_BSYM_C,
                         .v = {SR_AVAILABLE, 0, 1, true, false},
                         .shown = "[c]"};
    c = (sr_bench_cmp){.metric_id = "plans-rate",
                       .year = 2019,
                       .unit = SR_U_RATE,
                       .places = 1,
                       .area = bench_fig("E08000007", "Testshire", 274, "27.4", 12),
                       .england = bench_fig("E92000001", "England", 416, "41.6", 2),
                       .region = bench_fig("E12000002", "North West", 450, "45.0", 5),
                       .neighbours = nb,
                       .nneighbours = 3,
                       .neighbours_mean = {SR_AVAILABLE, 704, 20, false, false},
                       .neighbours_mean_shown = "35.2",
                       .nmean = 2,
                       .rank = 3,
                       .rank_of = 3,
                       .neighbours_as_of = "2025-05",
                       .neighbours_source = "DfE local authority interactive tool"};
    c.table = c.area.src;
    c.table.line = c.table.col = 0;
    return (sr_chart_bench){&c, 1, bench_files, 1, NULL};
}

static const char bench_report[] = "format: 1\n"
                                   "title: \"{{partnership}} annual report {{year}}\"\n"
                                   "sections:\n"
                                   "  - id: intro\n"
                                   "    title: Introduction\n"
                                   "    narrative: intro.md\n"
                                   "    blocks: [\"table summary\", \"table comparisons\", "
                                   "\"chart how\"]\n";

static const char bench_charts[] = "format: 1\n"
                                   "charts:\n"
                                   "  - id: how\n"
                                   "    kind: compare\n"
                                   "    title: How {{area}} compares\n"
                                   "    metrics: [plans-rate]\n"
                                   "    x_title: Rate per 10,000 children\n"
                                   "    width: 480\n"
                                   "    height: 120\n";

/* The text of the first paragraph under n. */
static const char *paragraph_text(const sr_dnode *n)
{
    const sr_dnode *p = find(n, SR_D_PARAGRAPH);
    assert_non_null(p);
    const sr_dnode *t = find(p, SR_D_TEXT);
    assert_non_null(t);
    return t->text;
}

/* With the DfE's figures: the summary's columns, the placeholders, the
 * dot plot and the Benchmarks sheet, whose notes name the file. */
static void the_dfe_figures_reach_the_summary_the_words_and_a_chart(void **state)
{
    (void)state;
    sr_chart_bench bench = test_bench();
    dw_bench = &bench;
    dw_report = bench_report;
    dw_charts = bench_charts;
    dw_intro = "Plans were {{compare:plans-rate}}; England {{england:plans-rate}}, the region "
               "{{region:plans-rate}}, the neighbours {{neighbours:plans-rate}}.\n";
    dworld w;
    dw_build(&w);
    assert_string_equal(paragraph_text(w.doc->root),
                        "Plans were below England (41.6 per 10,000) and the neighbours' average "
                        "(35.2, of 2 of the 3 neighbours); England 41.6, the region 45.0, the "
                        "neighbours 35.2.");
    /* The summary: England, North West and the neighbours beside the
     * year, named with their year, in the workbook only (printed, most
     * rows would be [z]). */
    const sr_dtable *t = find(w.doc->root, SR_D_TABLE)->table;
    assert_int_equal(t->ncols, 13);
    assert_string_equal(t->cols[8].head, "England 2019-20");
    assert_string_equal(t->cols[9].head, "North West 2019-20");
    assert_string_equal(t->cols[10].head, "Neighbours' average 2019-20");
    for (size_t q = 8; q < 12; q++)
        assert_int_equal(t->cols[q].shown, SR_OUT_DATA);
    assert_string_equal(t->cols[12].head, "Notes");
    bool rate_row = false;
    for (size_t r = 0; r < t->nrows; r++) {
        char buf[64];
        sr_dcell_print(t, r, 0, buf, sizeof buf);
        if (strcmp(buf, "Plans per 10,000 children") != 0) {
            /* A figure the files do not give: never an empty cell. */
            sr_dcell_print(t, r, 8, buf, sizeof buf);
            assert_string_equal(buf, "[z]");
            continue;
        }
        rate_row = true;
        sr_dcell_print(t, r, 8, buf, sizeof buf);
        assert_string_equal(buf, "41.6");
        sr_dcell_print(t, r, 10, buf, sizeof buf);
        assert_string_equal(buf, "35.2");
        sr_dcell_print(t, r, 11, buf, sizeof buf);
        assert_string_equal(buf, "3 of 3");
        const sr_dcell *n = sr_dtable_cell(t, r, 12);
        assert_true(n->nnotes >= 1);
        assert_non_null(strstr(w.doc->notes[n->notes[n->nnotes - 1] - 1],
                               "the neighbours' average is of the 2 of the 3 statistical "
                               "neighbours with a figure for 2019-20."));
    }
    assert_true(rate_row);
    /* The printed comparisons: only the measures the DfE publishes. */
    const sr_dtable *ct = NULL;
    sr_doc_iter *it = sr_doc_iter_new(w.doc->root);
    while (!ct && sr_doc_iter_next(it) != SR_EV_DONE)
        if (sr_doc_iter_node(it)->kind == SR_D_TABLE && sr_doc_iter_node(it)->table != t)
            ct = sr_doc_iter_node(it)->table;
    sr_doc_iter_free(it);
    assert_non_null(ct);
    assert_string_equal(ct->caption, "How Testshire compares with England, North West and its "
                                     "statistical neighbours, 2019-20");
    assert_int_equal(ct->nrows, 1);
    assert_string_equal(printed(ct, 0, 0), "Plans per 10,000 children");
    assert_string_equal(printed(ct, 0, 1), "27.4");
    assert_string_equal(printed(ct, 0, 4), "35.2");
    assert_string_equal(printed(ct, 0, 5), "3 of 3");
    /* The neighbours' mean cell holds the mean as shown, not more digits. */
    assert_int_equal(sr_dtable_cell(ct, 0, 4)->v.num, 352);
    assert_int_equal(sr_dtable_cell(ct, 0, 4)->v.den, 10);
    assert_non_null(strstr(ct->note, "England, North West and the statistical neighbours' "
                                     "average: the Department for Education's published figures "
                                     "(Children in need, reporting year 2020), as published"));
    assert_non_null(strstr(ct->note, "(the list of May 2025, DfE local authority interactive "
                                     "tool)"));
    assert_non_null(strstr(ct->note, "the rank is of them"));
    /* The dot plot. */
    const sr_dfigure *f = find(w.doc->root, SR_D_FIGURE)->figure;
    assert_int_equal(f->chart->kind, SR_CHART_COMPARE);
    assert_string_equal(f->chart->title, "How Testshire compares");
    assert_int_equal(f->chart->ncat, 1);
    assert_int_equal(f->chart->nseries, 4);
    assert_string_equal(f->chart->series[2].name, "North West");
    assert_string_equal(f->chart->series[3].values[0].label, "35.2");
    assert_string_equal(f->chart->source,
                        "Source: Department for Education, Children in need, reporting year "
                        "2020. Statistical neighbours: the list of May 2025, from the DfE local "
                        "authority interactive tool.");
    assert_non_null(strstr(f->alt, "Plans per 10,000 children: Testshire 27.4, England 41.6, "
                                   "North West 45.0, Statistical neighbours' average 35.2; below "
                                   "England (41.6 per 10,000)"));
    assert_string_equal(f->data->cols[0].head, "Measure");
    /* The Benchmarks sheet: each figure as published, and where it was read. */
    const sr_dnode *annex = find(w.doc->root, SR_D_ANNEX);
    const sr_dtable *bt = NULL;
    for (size_t i = 0; i < annex->nkids; i++)
        if (strcmp(annex->kids[i]->table->sheet, "Benchmarks") == 0)
            bt = annex->kids[i]->table;
    assert_non_null(bt);
    assert_string_equal(bt->title,
                        "How Testshire compares with England, its region and its statistical "
                        "neighbours");
    assert_int_equal(bt->nrows, 1);
    char buf[128];
    sr_dcell_print(bt, 0, 3, buf, sizeof buf);
    assert_string_equal(buf, "27.4");
    sr_dcell_print(bt, 0, 7, buf, sizeof buf);
    assert_string_equal(buf, "2 of 3");
    const sr_dcell *where = sr_dtable_cell(bt, 0, 9);
    assert_int_equal(where->nnotes, 1);
    char want[64];
    snprintf(want, sizeof want, "data/benchmarks/d1.csv, line 12 [note %d]", where->notes[0]);
    assert_string_equal(where->text, want);
    assert_string_equal(w.doc->notes[where->notes[0] - 1],
                        "data/benchmarks/d1.csv: Department for Education, Children in need, "
                        "table D1 Child Protection Plans by local authority, Reporting year "
                        "2020 (https://example.org/d1).");
    assert_non_null(strstr(bt->desc, want + strlen("data/benchmarks/d1.csv, line 12 ")));
    dw_free(&w);
    dw_reset();
}

/* A note on the series break is the year's own when its figures are from
 * a release before the revision; from a revised release, the note is on
 * the year before beside them, which a table of one year does not show. */
static void only_a_note_on_the_years_own_figures_goes_with_one_year(void **state)
{
    (void)state;
    sr_chart_bench bench = test_bench();
    sr_bench_cmp c = bench.v[0];
    sr_bench_entry e = {.id = "d1-2020", .revised = false};
    sr_bench_spec spec = {&e, 1};
    c.break_note = "rates for 2019-20 were revised in February 2025";
    c.pre_revision = true;
    bench.v = &c;
    assert_string_equal(sr_chart_bench_own_break(&c), c.break_note);
    /* The note on the year before beside a revised year's figures. */
    c.pre_revision = false;
    c.break_note = "the rates for 2018-19 beside these are from before the February 2025 revision";
    c.year_before_note = c.break_note;
    assert_null(sr_chart_bench_own_break(&c));
    c.break_note = NULL;
    assert_null(sr_chart_bench_own_break(&c));
    /* Which metrics a table maps: those compared, and those an entry maps. */
    assert_true(sr_chart_bench_mapped(&bench, "plans-rate"));
    assert_false(sr_chart_bench_mapped(&bench, "referrals-rate"));
    sr_bmap map = {.metric = "referrals-rate"};
    e.maps = &map;
    e.nmaps = 1;
    bench.spec = &spec;
    assert_true(sr_chart_bench_mapped(&bench, "referrals-rate"));
}

/* The DfE's files give no figure for the report's year (its release may
 * not be out yet): the dot plot and the table of comparisons are left out
 * with a warning naming the chart with its {{area}} filled, never an
 * error, in a final report too. A figure benchmarks.yaml maps but no file
 * gives for the year is [x] (not available), not [z]. */
static void no_dfe_figure_for_the_year_leaves_the_comparisons_out(void **state)
{
    (void)state;
    sr_chart_bench bench = test_bench();
    sr_bench_cmp c = bench.v[0];
    c.year = 2018;
    bench.v = &c;
    dw_bench = &bench;
    dw_report = bench_report;
    dw_charts = bench_charts;
    dw_final = true;
    dworld w;
    dw_build(&w);
    assert_null(find(w.doc->root, SR_D_FIGURE));
    const sr_diag *g = diag_with(&w.ds.d, "the chart \"How Testshire compares\" is left out");
    assert_non_null(g);
    assert_int_equal(g->sev, SR_WARNING);
    g = diag_with(&w.ds.d, "the table of comparisons with England, the region and the neighbours "
                           "is left out");
    assert_non_null(g);
    assert_int_equal(g->sev, SR_WARNING);
    /* The summary (the only table) gives [x] for the mapped rate. */
    const sr_dtable *t = find(w.doc->root, SR_D_TABLE)->table;
    bool rate_row = false;
    for (size_t r = 0; r < t->nrows; r++)
        if (strcmp(printed(t, r, 0), "Plans per 10,000 children") == 0) {
            rate_row = true;
            assert_string_equal(printed(t, r, 8), "[x]");
        } else {
            assert_string_equal(printed(t, r, 8), "[z]");
        }
    assert_true(rate_row);
    dw_free(&w);
    dw_reset();
}

/* Without the DfE's figures: a dot plot the report places is left out
 * without a word, the summary has no columns of them, and a placeholder
 * that needs them says so at its place. */
static void without_the_dfe_figures_nothing_changes(void **state)
{
    (void)state;
    dw_report = bench_report;
    dw_charts = bench_charts;
    dw_intro = "England: {{england:plans-rate}}.\n";
    dworld w;
    dw_build(&w);
    assert_null(find(w.doc->root, SR_D_FIGURE));
    assert_int_equal(find(w.doc->root, SR_D_TABLE)->table->ncols, 9);
    assert_string_equal(paragraph_text(w.doc->root), "England: not available.");
    bool said = false;
    for (size_t i = 0; i < w.ds.d.n; i++)
        said |= strstr(w.ds.d.v[i].msg, "`{{england:plans-rate}}` needs the Department for "
                                        "Education's figures for 2019-20") != NULL;
    assert_true(said);
    dw_free(&w);
    dw_reset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_root_holds_sections_then_the_annex_and_the_chart_files),
        cmocka_unit_test(links_are_nodes_with_their_address),
        cmocka_unit_test(lists_nest),
        cmocka_unit_test(a_stated_baseline_has_a_column_of_its_own),
        cmocka_unit_test(a_hidden_count_is_a_hidden_cell),
        cmocka_unit_test(a_chart_is_built_once_for_its_section_and_its_file),
        cmocka_unit_test(key_figures_without_a_year_before_say_so_once),
        cmocka_unit_test(a_chart_carries_its_figures_as_a_table),
        cmocka_unit_test(headers_give_units_and_first_columns_what_they_hold),
        cmocka_unit_test(print_leaves_out_columns_that_say_nothing_and_explains_shorthand_once),
        cmocka_unit_test(the_annex_has_its_sheets_in_order),
        cmocka_unit_test(the_walker_enters_and_exits_in_order),
        cmocka_unit_test(the_walker_goes_any_depth),
        cmocka_unit_test(comments_never_reach_the_tree),
        cmocka_unit_test(a_file_of_only_comments_is_not_written),
        cmocka_unit_test(a_comment_never_closed_is_an_error_at_its_place),
        cmocka_unit_test(a_narrative_that_is_not_utf8_is_an_error_at_its_place),
        cmocka_unit_test(twenty_nested_quotations_are_twenty_deep),
        cmocka_unit_test(nesting_of_any_depth_is_bounded_and_keeps_its_words),
        cmocka_unit_test(comparisons_with_england_and_the_neighbours_in_words),
        cmocka_unit_test(what_cannot_be_compared_is_said),
        cmocka_unit_test(the_dfe_figures_reach_the_summary_the_words_and_a_chart),
        cmocka_unit_test(only_a_note_on_the_years_own_figures_goes_with_one_year),
        cmocka_unit_test(no_dfe_figure_for_the_year_leaves_the_comparisons_out),
        cmocka_unit_test(without_the_dfe_figures_nothing_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
