/* Unit tests for overlay: a partnership's own template files layered over
 * the defaults (entries replaced by id, added, placed with `after:`,
 * sections changed field by field), problems reported at the layered
 * file's own line; and the report's file names from the partnership. */
#include "testutil.h"

#include "data/overlay.h"
#include "metrics/catalogue.h"

static const sr_overlay_list lists[] = {
    {"sections", "id", true, true, "section"},
    {"metrics", "id", false, true, "metric"},
    {0},
};

static sr_ynode *parse(tworld *w, const char *name, const char *text)
{
    sr_ylimits lim = sr_ylimits_default();
    sr_ynode *n = sr_yaml_load(w->a, &w->d, tw_source(w, name, text), &lim);
    assert_non_null(n);
    return n;
}

/* The ids of the entries under key, joined with spaces. */
static const char *ids(tworld *w, const sr_ynode *root, const char *key)
{
    const sr_ynode *l = sr_ymap_get(root, key);
    assert_non_null(l);
    sr_buf b = SR_BUF_INIT;
    for (size_t i = 0; i < l->n; i++)
        sr_buf_printf(&b, "%s%s", i ? " " : "", sr_ynode_text(sr_ymap_get(l->items[i], "id")));
    const char *s = sr_arena_strdup(w->a, sr_buf_str(&b));
    sr_buf_free(&b);
    return s;
}

static const sr_ynode *entry(const sr_ynode *root, const char *key, const char *id)
{
    const sr_ynode *l = sr_ymap_get(root, key);
    for (size_t i = 0; l && i < l->n; i++)
        if (strcmp(sr_ynode_text(sr_ymap_get(l->items[i], "id")), id) == 0)
            return l->items[i];
    return NULL;
}

static const char base_report[] = "format: 1\n"
                                  "title: Report\n"
                                  "sections:\n"
                                  "  - id: introduction\n"
                                  "    title: Introduction\n"
                                  "    narrative: introduction.md\n"
                                  "  - id: area\n"
                                  "    title: The area\n"
                                  "    narrative: area.md\n"
                                  "  - id: concern\n"
                                  "    title: How to report a concern\n";

static void a_section_changes_only_the_fields_given(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_ynode *base = parse(&w, "report-templates/report.yaml", base_report);
    sr_ynode *layer = parse(&w, "data/templates/report.yaml",
                            "sections:\n"
                            "  - id: introduction\n"
                            "    title: Introduction from the Independent Chair\n");
    sr_ynode *r = sr_yoverlay(w.a, &w.d, base, layer, lists);
    assert_string_equal(ids(&w, r, "sections"), "introduction area concern");
    const sr_ynode *e = entry(r, "sections", "introduction");
    assert_string_equal(sr_ynode_text(sr_ymap_get(e, "title")),
                        "Introduction from the Independent Chair");
    /* The field not given is the default's, from the default's file. */
    const sr_ynode *nf = sr_ymap_get(e, "narrative");
    assert_string_equal(sr_ynode_text(nf), "introduction.md");
    assert_string_equal(nf->loc.src->name, "report-templates/report.yaml");
    assert_int_equal(nf->loc.line, 6);
    assert_string_equal(sr_ymap_get(e, "title")->loc.src->name, "data/templates/report.yaml");
    /* Other top-level keys are the default's; the inputs are unchanged. */
    assert_string_equal(sr_ynode_text(sr_ymap_get(r, "title")), "Report");
    assert_string_equal(
        sr_ynode_text(sr_ymap_get(entry(base, "sections", "introduction"), "title")),
        "Introduction");
    assert_int_equal(w.d.n, 0);
    tw_free(&w);
}

static void new_sections_go_at_the_end_or_after_the_one_named(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_ynode *base = parse(&w, "report-templates/report.yaml", base_report);
    sr_ynode *layer = parse(&w, "data/templates/report.yaml",
                            "title: Our report\n"
                            "sections:\n"
                            "  - id: appendix\n"
                            "    title: Appendix\n"
                            "  - id: board\n"
                            "    after: introduction\n"
                            "    title: The board\n"
                            "  - id: groups\n"
                            "    title: The groups\n"
                            "  - id: concern\n"
                            "    after: introduction\n");
    sr_ynode *r = sr_yoverlay(w.a, &w.d, base, layer, lists);
    /* `groups` follows `board`, placed by after:; `concern` is moved. */
    assert_string_equal(ids(&w, r, "sections"), "introduction concern board groups area appendix");
    assert_null(sr_ymap_get(entry(r, "sections", "board"), "after"));
    assert_string_equal(sr_ynode_text(sr_ymap_get(entry(r, "sections", "concern"), "title")),
                        "How to report a concern");
    assert_string_equal(sr_ynode_text(sr_ymap_get(r, "title")), "Our report");
    assert_int_equal(w.d.n, 0);
    tw_free(&w);
}

static void a_metric_with_a_default_id_replaces_it_whole(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_ynode *base = parse(&w, "report-templates/metrics.yaml",
                           "format: 1\n"
                           "metrics:\n"
                           "  - {id: referrals, label: Referrals, unit: count, value: r.n, "
                           "break: r.break}\n"
                           "  - {id: contacts, label: Contacts, unit: count, value: c.n}\n");
    sr_ynode *layer = parse(&w, "data/templates/metrics.yaml",
                            "metrics:\n"
                            "  - {id: referrals, label: Referrals (new system), unit: count, "
                            "value: r.m}\n"
                            "  - {id: panel, label: Panel cases, unit: count, value: p.n}\n");
    sr_ynode *r = sr_yoverlay(w.a, &w.d, base, layer, lists);
    assert_string_equal(ids(&w, r, "metrics"), "referrals contacts panel");
    const sr_ynode *e = entry(r, "metrics", "referrals");
    assert_string_equal(sr_ynode_text(sr_ymap_get(e, "value")), "r.m");
    assert_null(sr_ymap_get(e, "break")); /* replaced, not merged */
    tw_free(&w);
}

static void after_naming_nothing_is_an_error_in_the_layered_file(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_ynode *base = parse(&w, "report-templates/report.yaml", base_report);
    sr_ynode *layer = parse(&w, "data/templates/report.yaml",
                            "sections:\n"
                            "  - id: board\n"
                            "    title: The board\n"
                            "    after: introdution\n");
    sr_ynode *r = sr_yoverlay(w.a, &w.d, base, layer, lists);
    assert_string_equal(ids(&w, r, "sections"), "introduction area concern board");
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "data/templates/report.yaml:4:12: error: `after: introdution` names no "
                    "section of the template");
    assert_diag(&w, "hint: did you mean `introduction`?");
    tw_free(&w);
}

static void after_may_name_a_section_the_file_adds_further_on(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_ynode *base = parse(&w, "report-templates/report.yaml", base_report);
    sr_ynode *layer = parse(&w, "data/templates/report.yaml",
                            "sections:\n"
                            "  - id: b0\n"
                            "    title: B zero\n"
                            "    after: b1\n"
                            "  - id: b0-more\n"
                            "    title: More of B zero\n"
                            "  - id: b1\n"
                            "    title: B one\n"
                            "    after: introduction\n"
                            "  - id: b2\n"
                            "    title: B two\n");
    sr_ynode *r = sr_yoverlay(w.a, &w.d, base, layer, lists);
    /* b0 (and b0-more, which follows it in the file) wait for b1. */
    assert_string_equal(ids(&w, r, "sections"), "introduction b1 b0 b0-more b2 area concern");
    assert_int_equal(w.d.n, 0);
    tw_free(&w);
}

static void two_sections_each_after_the_other_are_an_error(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_ynode *base = parse(&w, "report-templates/report.yaml", base_report);
    sr_ynode *layer = parse(&w, "data/templates/report.yaml",
                            "sections:\n"
                            "  - id: b0\n"
                            "    title: B zero\n"
                            "    after: b1\n"
                            "  - id: b1\n"
                            "    title: B one\n"
                            "    after: b0\n");
    sr_ynode *r = sr_yoverlay(w.a, &w.d, base, layer, lists);
    assert_string_equal(ids(&w, r, "sections"), "introduction area concern b0 b1");
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "data/templates/report.yaml:4:12: error: `after: b1` names a section that is "
                    "itself placed after this one");
    assert_diag(&w, "hint: place one of them after a section of the template instead");
    tw_free(&w);
}

/* Writes text to dir/name. */
static void put(const char *dir, const char *name, const char *text)
{
    char *p = sr_path_join(dir, name);
    assert_int_equal(sr_write_file_atomic(p, text, strlen(text)), 0);
    free(p);
}

static void the_catalogue_reports_a_layered_entry_at_its_own_line(void **state)
{
    (void)state;
    char root[] = "/tmp/sscp-overlay-XXXXXX";
    assert_non_null(mkdtemp(root));
    char *tpl = sr_path_join(root, "t"), *data = sr_path_join(root, "d"),
         *own = sr_path_join(data, SR_LAYER_DIR);
    assert_int_equal(sr_make_dirs(tpl), 0);
    assert_int_equal(sr_make_dirs(own), 0);
    put(tpl, "metrics.yaml",
        "format: 1\n"
        "metrics:\n"
        "  - {id: referrals, label: Referrals, unit: count, value: referrals.total}\n");
    put(own, "metrics.yaml",
        "# our own\n"
        "metrics:\n"
        "  - id: panel\n"
        "    label: Panel cases\n"
        "    unit: pounds\n"
        "    value: performance.early_help.assessments_started\n");
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    assert_null(sr_catalogue_load_layered(a, &d, tpl, data));
    assert_int_equal(d.errors, 1);
    char loc[512];
    sr_loc_format(d.v[0].loc, loc, sizeof loc);
    char *want = sr_path_join(own, "metrics.yaml");
    char expect[600];
    snprintf(expect, sizeof expect, "%s:5:11", want);
    assert_string_equal(loc, expect);
    free(want);

    /* Fixed, the layered metric is in the catalogue after the default. */
    sr_diags_free(&d);
    sr_diags_init(&d);
    put(own, "metrics.yaml",
        "metrics:\n"
        "  - {id: panel, label: Panel cases, unit: count, value: "
        "performance.early_help.assessments_started}\n");
    sr_catalogue *c = sr_catalogue_load_layered(a, &d, tpl, data);
    assert_non_null(c);
    assert_int_equal(c->nmetrics, 2);
    assert_string_equal(c->metrics[1].id, "panel");
    /* A layered file of comments only changes nothing. */
    put(own, "metrics.yaml", "# Our own measures will go here.\n\n");
    c = sr_catalogue_load_layered(a, &d, tpl, data);
    assert_non_null(c);
    assert_int_equal(c->nmetrics, 1);
    assert_int_equal(d.n, 0);
    /* Without a layered file, the defaults alone. */
    char *none = sr_path_join(root, "none");
    c = sr_catalogue_load_layered(a, &d, tpl, none);
    assert_non_null(c);
    assert_int_equal(c->nmetrics, 1);
    free(none);
    sr_diags_free(&d);
    sr_arena_free(a);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    free(tpl);
    free(data);
    free(own);
}

static const char *stem_of(tworld *w, const char *about)
{
    char text[512];
    snprintf(text, sizeof text,
             "format: 1\npartnership: {%s}\n"
             "partners:\n  - {id: council, name: Test Council, statutory: yes}\n"
             "population: {children_0_17: {2019-20: 60000}}\n",
             about);
    sr_partnership *p = sr_partnership_load_source(w->a, &w->d, tw_source(w, "p.yaml", text));
    return p ? sr_partnership_file_stem(w->a, p) : NULL;
}

static void file_names_come_from_the_partnership(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    assert_string_equal(stem_of(&w, "name: Stockport SCP, short_name: SSCP, area: Stockport"),
                        "sscp");
    assert_string_equal(stem_of(&w, "name: Stoke SCP, short_name: Stoke SCP, area: Stoke"),
                        "stoke-scp");
    assert_string_equal(stem_of(&w, "name: F SCP, short_name: \"F & W (SCP)\", area: F"),
                        "f-w-scp");
    assert_string_equal(
        stem_of(&w, "name: F SCP, short_name: FSCP, area: F, file_name: fenbridge-scp"),
        "fenbridge-scp");
    assert_int_equal(w.d.errors, 0);
    assert_null(stem_of(&w, "name: F SCP, short_name: FSCP, area: F, file_name: Fenbridge SCP"));
    assert_diag(&w, "p.yaml:2:66: error: `Fenbridge SCP` cannot start the report's file names");
    assert_diag(&w, "hint: use lower-case letters a-z, digits and hyphens, such as "
                    "`fenbridge-scp`");
    tw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_section_changes_only_the_fields_given),
        cmocka_unit_test(new_sections_go_at_the_end_or_after_the_one_named),
        cmocka_unit_test(a_metric_with_a_default_id_replaces_it_whole),
        cmocka_unit_test(after_naming_nothing_is_an_error_in_the_layered_file),
        cmocka_unit_test(after_may_name_a_section_the_file_adds_further_on),
        cmocka_unit_test(two_sections_each_after_the_other_are_an_error),
        cmocka_unit_test(the_catalogue_reports_a_layered_entry_at_its_own_line),
        cmocka_unit_test(file_names_come_from_the_partnership),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
