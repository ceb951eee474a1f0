/* Unit tests for src/data/ynode.c: positions, duplicate keys, limits that
 * make hostile YAML harmless, and plain-English syntax errors. */
#include "testutil.h"

#include "data/ynode.h"

#include <time.h>

static sr_ynode *parse(tworld *w, const char *text)
{
    sr_ylimits lim = sr_ylimits_default();
    return sr_yaml_load(w->a, &w->d, tw_source(w, "t.yaml", text), &lim);
}

static void nodes_remember_line_and_column(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    sr_ynode *r = parse(&w, "format: 1\nreferrals:\n  by_quarter:\n    q1: \"897\"\n");
    assert_non_null(r);
    assert_int_equal(r->kind, SR_Y_MAP);
    sr_ynode *q1 = sr_ymap_get(sr_ymap_get(sr_ymap_get(r, "referrals"), "by_quarter"), "q1");
    assert_non_null(q1);
    assert_string_equal(q1->text, "897");
    assert_true(q1->quoted);
    assert_int_equal(q1->loc.line, 4);
    assert_int_equal(q1->loc.col, 9);
    assert_int_equal(q1->loc.len, 5); /* the quotes are underlined too */
    tw_free(&w);
}

static void null_scalars_are_recognised(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    sr_ynode *r = parse(&w, "a:\nb: ~\nc: null\nd: \"\"\ne: 0\n");
    assert_true(sr_ynode_is_null(sr_ymap_get(r, "a")));
    assert_true(sr_ynode_is_null(sr_ymap_get(r, "b")));
    assert_true(sr_ynode_is_null(sr_ymap_get(r, "c")));
    assert_false(sr_ynode_is_null(sr_ymap_get(r, "d"))); /* quoted: a value */
    assert_false(sr_ynode_is_null(sr_ymap_get(r, "e")));
    tw_free(&w);
}

static void duplicate_keys_name_both_lines(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    assert_non_null(parse(&w, "q1: 10\nq2: 20\nq1: 30\n"));
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w, "t.yaml:3:1: error: duplicate key `q1`: it is already given on line 1\n");
    assert_diag(&w, "note: first given at t.yaml:1:1\n");
    tw_free(&w);
}

static void duplicate_keys_found_in_large_mappings(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    sr_buf b = SR_BUF_INIT;
    for (int i = 0; i < 5000; i++)
        sr_buf_printf(&b, "k%d: %d\n", i, i);
    sr_buf_puts(&b, "k4321: again\n");
    assert_non_null(parse(&w, sr_buf_str(&b)));
    assert_int_equal(w.d.errors, 1);
    assert_diag(&w,
                "t.yaml:5001:1: error: duplicate key `k4321`: it is already given on line 4322");
    sr_buf_free(&b);
    tw_free(&w);
}

static void deep_nesting_is_refused(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    sr_buf b = SR_BUF_INIT;
    for (int i = 0; i < 10000; i++)
        sr_buf_putc(&b, '[');
    for (int i = 0; i < 10000; i++)
        sr_buf_putc(&b, ']');
    assert_null(parse(&w, sr_buf_str(&b)));
    assert_diag(&w, "t.yaml:1:33: error: lists and mappings are nested more than 32 levels deep "
                    "here");
    sr_buf_free(&b);
    tw_free(&w);
}

static void alias_bomb_is_refused_quickly(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    /* "Billion laughs": 10^9 values if expanded. */
    const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    clock_t t0 = clock();
    assert_null(parse(&w, bomb));
    assert_true(clock() - t0 < CLOCKS_PER_SEC);
    assert_diag(&w, "error: aliases (`*name`) here expand to more than 200000 values");
    tw_free(&w);
}

static void too_many_aliases_are_refused(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, "a: &a 1\nb: [");
    for (int i = 0; i < 101; i++)
        sr_buf_puts(&b, "*a, ");
    sr_buf_puts(&b, "*a]\n");
    assert_null(parse(&w, sr_buf_str(&b)));
    assert_diag(&w, "error: the file uses more than 100 aliases (`*name`)");
    sr_buf_free(&b);
    tw_free(&w);
}

static void a_few_aliases_are_fine(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    sr_ynode *r = parse(&w, "a: &v 12\nb: *v\n");
    assert_non_null(r);
    assert_string_equal(sr_ymap_get(r, "b")->text, "12");
    assert_int_equal(w.d.errors, 0);
    tw_free(&w);
}

static void undefined_alias_is_explained(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    assert_null(parse(&w, "a: 1\nb: *nope\n"));
    assert_diag(&w, "t.yaml:2:4: error: ");
    assert_diag(&w, "refers to");
    tw_free(&w);
}

static void invalid_utf8_names_the_byte_and_place(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    assert_null(parse(&w, "a: 1\nlabel: caf\xe9s\n"));
    assert_diag(&w, "t.yaml:2:11: error: the file is not valid UTF-8 text (byte 0xE9)\n");
    assert_diag(&w, "hint: save the file with the UTF-8 encoding");
    tw_free(&w);
}

static void nul_byte_is_an_error_not_a_truncation(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    static const char text[] = "a: 1\nb: x\0y\n";
    sr_source *s = sr_diags_add_source(
        &w.d, "n.yaml", memcpy(sr_xmalloc(sizeof text), text, sizeof text), sizeof text - 1);
    sr_ylimits lim = sr_ylimits_default();
    assert_null(sr_yaml_load(w.a, &w.d, s, &lim));
    assert_diag(&w, "n.yaml:2:5: error: the file contains a control character (byte 0x00)");
    tw_free(&w);
}

static void tabs_for_indentation_are_explained(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    assert_null(parse(&w, "referrals:\n\ttotal: 5\n"));
    assert_diag(&w, "t.yaml:2:1: error: a tab character is used for indentation\n");
    assert_diag(&w, "hint: indent with spaces only; YAML does not allow tabs");
    tw_free(&w);
}

static void colon_in_plain_text_is_explained(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    assert_null(parse(&w, "label: Staffing: costs\n"));
    assert_diag(&w, "t.yaml:1:16: error: unexpected `:` (a colon followed by a space starts a "
                    "key)\n");
    assert_diag(&w, "label: \"Staffing: costs\"");
    tw_free(&w);
}

static void empty_file_and_second_document(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    assert_null(parse(&w, "# only a comment\n"));
    assert_diag(&w, "t.yaml: error: the file is empty\n");
    tw_free(&w);
    tw_init(&w, 0);
    assert_null(parse(&w, "a: 1\n---\nb: 2\n"));
    assert_diag(&w, "t.yaml:2:1: error: the file holds more than one YAML document\n");
    tw_free(&w);
}

static void keys_must_be_scalars(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    assert_null(parse(&w, "? [a, b]\n: 1\n"));
    assert_diag(&w, "t.yaml:1:3: error: a key must be a single word or text, not a list\n");
    tw_free(&w);
}

static void overlong_values_are_refused(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 0);
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, "label: ");
    for (int i = 0; i < 70000; i++)
        sr_buf_putc(&b, 'x');
    sr_buf_putc(&b, '\n');
    assert_null(parse(&w, sr_buf_str(&b)));
    assert_diag(&w, "t.yaml:1:8: error: this value is 70000 bytes long; the most allowed is 65536");
    sr_buf_free(&b);
    tw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nodes_remember_line_and_column),
        cmocka_unit_test(null_scalars_are_recognised),
        cmocka_unit_test(duplicate_keys_name_both_lines),
        cmocka_unit_test(duplicate_keys_found_in_large_mappings),
        cmocka_unit_test(deep_nesting_is_refused),
        cmocka_unit_test(alias_bomb_is_refused_quickly),
        cmocka_unit_test(too_many_aliases_are_refused),
        cmocka_unit_test(a_few_aliases_are_fine),
        cmocka_unit_test(undefined_alias_is_explained),
        cmocka_unit_test(invalid_utf8_names_the_byte_and_place),
        cmocka_unit_test(nul_byte_is_an_error_not_a_truncation),
        cmocka_unit_test(tabs_for_indentation_are_explained),
        cmocka_unit_test(colon_in_plain_text_is_explained),
        cmocka_unit_test(empty_file_and_second_document),
        cmocka_unit_test(keys_must_be_scalars),
        cmocka_unit_test(overlong_values_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
