/* Unit tests for the writers every command shares: YAML (data/yamlout, on
 * libyaml's emitter), JSON (core/json), CSV fields (core/csv), and the
 * records written with them (the publication record, the build record). Each YAML value that could
 * be misread is written, read back with the program's own reader, and must be the same text. */
#include "testutil.h"

#include "core/csv.h"
#include "core/json.h"
#include "data/yamlout.h"
#include "data/ynode.h"
#include "publish/publication.h"
#include "publish/record.h"

#include <sys/stat.h>
#include <unistd.h>

/* Values that plain style, or careless quoting, would change. */
static const char *const hostile[] = {
    "Quote \" inside",
    "Back\\slash",
    "Colon: then text",
    "ends with a colon:",
    "Line one\nline two",
    "- leading dash",
    "-",
    "? question",
    "# not a comment",
    "a # b",
    "Null",
    "null",
    "~",
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "y",
    "not available",
    "[x]",
    "{a: b}",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "%directive",
    "@at",
    "`tick",
    "'single'",
    "2019-20",
    "2019-06-11",
    "12:30",
    "0x1F",
    "1e5",
    ".inf",
    "+44 161 000 0000",
    "1,234",
    " leading space",
    "trailing space ",
    "",
    "Tab\there",
    "Caf\xc3\xa9 \xe2\x80\x94 na\xc3\xafve \xf0\x9f\x98\x80",
    "Line\xe2\x80\xa8"
    "separator",
    "No\xc2\xa0"
    "break",
    "Plain text, with a comma",
    "How would you rate this session?",
    "Step up to children's social care",
};

/* Writes `key: value` with each hostile value (block, then inside a flow
 * mapping), loads it back and checks every value. */
static void yaml_values_read_back_as_written(void **state)
{
    (void)state;
    size_t n = sizeof hostile / sizeof *hostile;
    for (int style = 0; style < 3; style++) {
        sr_buf b = SR_BUF_INIT;
        sr_yout w;
        sr_yout_init(&w, &b);
        sr_yout_comment(&w, "A comment\nof two lines");
        sr_yout_map(&w);
        sr_yout_key(&w, "values");
        sr_yout_seq(&w);
        for (size_t i = 0; i < n; i++) {
            sr_yout_item(&w);
            if (style == 2) {
                sr_yout_flow_map(&w);
                sr_yout_key(&w, "v");
                sr_yout_text(&w, hostile[i]);
                sr_yout_end(&w);
            } else {
                sr_yout_map(&w);
                sr_yout_key(&w, "v");
                if (style == 0)
                    sr_yout_text(&w, hostile[i]);
                else
                    sr_yout_quoted(&w, hostile[i]);
                sr_yout_note(&w, 40, "a note\nthat cannot end early");
                sr_yout_end(&w);
            }
        }
        sr_yout_end(&w);
        sr_yout_end(&w);
        if (!sr_yout_finish(&w))
            fail_msg("%s", sr_yout_error(&w));
        assert_null(sr_yout_error(&w));

        sr_arena *a = sr_arena_new();
        sr_diags d;
        sr_diags_init(&d);
        sr_source *src = sr_diags_add_source(&d, "out.yaml", sr_xstrdup(b.data), b.len);
        sr_ylimits lim = sr_ylimits_default();
        sr_ynode *root = sr_yaml_load(a, &d, src, &lim);
        if (!root || d.n)
            fail_msg("style %d: the output does not load:\n%s", style, b.data);
        const sr_ynode *seq = sr_ymap_get(root, "values");
        assert_non_null(seq);
        assert_int_equal(seq->n, n);
        for (size_t i = 0; i < n; i++) {
            const sr_ynode *v = sr_ymap_get(seq->items[i], "v");
            assert_non_null(v);
            if (sr_ynode_is_null(v) || strcmp(v->text, hostile[i]) != 0)
                fail_msg("style %d: `%s` read back as `%s` from:\n%s", style, hostile[i], v->text,
                         b.data);
        }
        sr_diags_free(&d);
        sr_arena_free(a);
        sr_buf_free(&b);
    }
}

/* The exact forms other files and tests rely on. */
/* Nothing in a comment can end its line: last year's value or a partner's
 * name copied into one, holding a line or paragraph separator, a next-line
 * character or a carriage return, stays inside the comment. */
static void comments_cannot_end_early(void **state)
{
    (void)state;
    static const char *const breaks[] = {"\xe2\x80\xa8", "\xe2\x80\xa9", "\xc2\x85", "\r"};
    for (size_t i = 0; i < sizeof breaks / sizeof *breaks; i++) {
        char text[128];
        snprintf(text, sizeof text, "2019-20: Quarter 4%sto_assessment: 5%%", breaks[i]);
        sr_buf b = SR_BUF_INIT;
        sr_yout w;
        sr_yout_init(&w, &b);
        sr_yout_comment(&w, text);
        sr_yout_map(&w);
        sr_yout_key(&w, "period"), sr_yout_null(&w), sr_yout_note(&w, 20, text);
        sr_yout_end(&w);
        assert_true(sr_yout_finish(&w));
        sr_arena *a = sr_arena_new();
        sr_diags d;
        sr_diags_init(&d);
        sr_source *src = sr_diags_add_source(&d, "out.yaml", sr_xstrdup(b.data), b.len);
        sr_ylimits lim = sr_ylimits_default();
        sr_ynode *root = sr_yaml_load(a, &d, src, &lim);
        if (!root || d.n || root->n != 1)
            fail_msg("break %zu: the comment ended early:\n%s", i, b.data);
        assert_null(sr_ymap_get(root, "to_assessment"));
        sr_diags_free(&d);
        sr_arena_free(a);
        sr_buf_free(&b);
    }
}

static void yaml_layout_is_the_project_s(void **state)
{
    (void)state;
    sr_buf b = SR_BUF_INIT;
    sr_yout w;
    sr_yout_init(&w, &b);
    sr_yout_map(&w);
    sr_yout_key(&w, "format"), sr_yout_int(&w, 1);
    sr_yout_key(&w, "year"), sr_yout_token(&w, "2019-20");
    sr_yout_key(&w, "final"), sr_yout_token(&w, "yes");
    sr_yout_key(&w, "title"), sr_yout_text(&w, "Null");
    sr_yout_key(&w, "plain"), sr_yout_text(&w, "Basic awareness");
    sr_yout_key(&w, "blank"), sr_yout_null(&w);
    sr_yout_key(&w, "noted"), sr_yout_null(&w), sr_yout_note(&w, 20, "fill in");
    sr_yout_key(&w, "none"), sr_yout_flow_seq(&w), sr_yout_end(&w);
    sr_yout_key(&w, "files"), sr_yout_seq(&w);
    sr_yout_item(&w), sr_yout_flow_map(&w);
    sr_yout_key(&w, "name"), sr_yout_quoted(&w, "a \"b\".pdf");
    sr_yout_key(&w, "bytes"), sr_yout_int(&w, 12);
    sr_yout_end(&w);
    sr_yout_item(&w), sr_yout_map(&w);
    sr_yout_key(&w, "event"), sr_yout_token(&w, "published");
    sr_yout_key(&w, "list"), sr_yout_seq(&w);
    sr_yout_item(&w), sr_yout_text(&w, "- one");
    sr_yout_end(&w);
    sr_yout_end(&w);
    sr_yout_end(&w);
    sr_yout_key(&w, "section"), sr_yout_map(&w), sr_yout_note(&w, 20, "a section");
    sr_yout_key(&w, "q1"), sr_yout_null(&w);
    sr_yout_end(&w);
    sr_yout_key(&w, "nothing"), sr_yout_map(&w), sr_yout_note(&w, 20, "left blank");
    sr_yout_end(&w);
    sr_yout_comment(&w, "break: {date: YYYY-MM-DD}"), sr_yout_note(&w, -3, "an offer");
    sr_yout_end(&w);
    assert_true(sr_yout_finish(&w));
    assert_string_equal(b.data, "format: 1\n"
                                "year: 2019-20\n"
                                "final: yes\n"
                                "title: \"Null\"\n"
                                "plain: Basic awareness\n"
                                "blank:\n"
                                "noted:              # fill in\n"
                                "none: []\n"
                                "files:\n"
                                "  - {name: \"a \\\"b\\\".pdf\", bytes: 12}\n"
                                "  - event: published\n"
                                "    list:\n"
                                "      - \"- one\"\n"
                                "section:            # a section\n"
                                "  q1:\n"
                                "nothing:            # left blank\n"
                                "# break: {date: YYYY-MM-DD}   # an offer\n");
    sr_buf_free(&b);

    /* Items appended to a sequence already in a file, two spaces in. */
    sr_buf_clear(&b);
    sr_yout_init(&w, &b);
    sr_yout_indent(&w, 2);
    sr_yout_seq(&w);
    sr_yout_item(&w), sr_yout_map(&w);
    sr_yout_key(&w, "event"), sr_yout_token(&w, "published");
    sr_yout_key(&w, "url"), sr_yout_quoted(&w, "https://example.org/a b");
    sr_yout_end(&w);
    sr_yout_end(&w);
    assert_true(sr_yout_finish(&w));
    assert_string_equal(b.data, "  - event: published\n    url: \"https://example.org/a b\"\n");
    sr_buf_free(&b);
}

static void yaml_refuses_invalid_utf8_and_misuse(void **state)
{
    (void)state;
    sr_buf b = SR_BUF_INIT;
    sr_yout w;
    sr_yout_init(&w, &b);
    sr_yout_map(&w);
    sr_yout_key(&w, "name"), sr_yout_text(&w, "Caf\xe9"
                                              "");
    sr_yout_end(&w);
    assert_false(sr_yout_finish(&w));
    assert_string_equal(sr_yout_error(&w),
                        "a value is not valid UTF-8 text, so it cannot be written");
    sr_buf_free(&b);

    sr_yout_init(&w, &b);
    sr_yout_map(&w);
    sr_yout_key(&w, "open");
    assert_false(sr_yout_finish(&w));
    assert_non_null(sr_yout_error(&w));
    sr_buf_free(&b);

    sr_buf_clear(&b);
    assert_true(sr_yaml_text(&b, "yes"));
    assert_string_equal(b.data, "\"yes\"");
    sr_buf_clear(&b);
    assert_true(sr_yaml_text(&b, "Line\nbreak"));
    assert_string_equal(b.data, "\"Line\\nbreak\"");
    sr_buf_clear(&b);
    assert_false(sr_yaml_text(&b, "\xff"));
    /* A control character is never written, as the reader refuses it. */
    assert_false(sr_yaml_text(&b, "Bell\a and escape \x1b]0;title\a"));
    assert_false(sr_yaml_text(&b, "Next\xc2\x85line"));
    assert_false(sr_yaml_text(&b, "Windows\r\nline"));
    sr_buf_free(&b);
    sr_yout_init(&w, &b);
    sr_yout_map(&w);
    sr_yout_key(&w, "name"), sr_yout_text(&w, "Bell\a");
    sr_yout_end(&w);
    assert_false(sr_yout_finish(&w));
    assert_string_equal(
        sr_yout_error(&w),
        "a value holds a control character (U+0007), which a YAML file may not hold");
    sr_buf_free(&b);
}

static const char *csv(const char *s)
{
    static char *out;
    size_t n;
    free(out);
    FILE *f = open_memstream(&out, &n);
    sr_csv_field(f, s, true);
    fclose(f);
    return out;
}

static void csv_neutralises_formulas_and_keeps_figures(void **state)
{
    (void)state;
    assert_string_equal(csv("=1+1"), "'=1+1\n");
    assert_string_equal(csv("+SUM(A1)"), "'+SUM(A1)\n");
    assert_string_equal(csv("-2+3"), "'-2+3\n");
    assert_string_equal(csv("@SUM(A1)"), "'@SUM(A1)\n");
    assert_string_equal(csv("\tcmd"), "'\tcmd\n");
    assert_string_equal(csv("\rcmd"), "\"'\rcmd\"\n");
    assert_string_equal(csv("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\n");
    assert_string_equal(csv("-117"), "-117\n");
    assert_string_equal(csv("+8.7%"), "+8.7%\n");
    assert_string_equal(csv("-11.2%"), "-11.2%\n");
    assert_string_equal(csv("2664.50"), "2664.50\n");
    assert_string_equal(csv("+\xc2\xa3"
                            "7,500"),
                        "\"+\xc2\xa3"
                        "7,500\"\n");
    assert_string_equal(csv("-\xc2\xa3"
                            "1,000.50"),
                        "\"-\xc2\xa3"
                        "1,000.50\"\n");
    assert_string_equal(csv("+\xc2\xa3"
                            "SUM(A1)"),
                        "'+\xc2\xa3"
                        "SUM(A1)\n");
    assert_string_equal(csv("-"), "'-\n");
    assert_string_equal(csv("a, b"), "\"a, b\"\n");
    assert_string_equal(csv(""), "\n");
    assert_string_equal(csv("Basic awareness"), "Basic awareness\n");
    free((void *)csv("x")); /* nothing kept at the end */
}

static void json_escapes_and_lays_out(void **state)
{
    (void)state;
    sr_buf b = SR_BUF_INIT;
    sr_json j;
    sr_json_init(&j, &b);
    sr_json_object(&j, true);
    sr_json_key(&j, "text");
    sr_json_str(&j, "q\" b\\ n\n r\r t\t e\x1b bad\xff ok\xc3\xa9 over\xc0\xaf");
    sr_json_key(&j, "none"), sr_json_str(&j, NULL);
    sr_json_key(&j, "list");
    sr_json_array(&j, false);
    sr_json_int(&j, -3), sr_json_number(&j, "2664.50"), sr_json_bool(&j, true), sr_json_null(&j);
    sr_json_end(&j);
    sr_json_key(&j, "empty"), sr_json_array(&j, true), sr_json_end(&j);
    sr_json_key(&j, "rows");
    sr_json_array(&j, true);
    sr_json_object(&j, false), sr_json_key(&j, "a"), sr_json_int(&j, 1), sr_json_end(&j);
    sr_json_object(&j, false), sr_json_end(&j);
    sr_json_end(&j);
    sr_json_end(&j);
    assert_true(sr_json_finish(&j));
    assert_string_equal(b.data, "{\n"
                                "  \"text\": \"q\\\" b\\\\ n\\n r\\r t\\t e\\u001b bad\\ufffd "
                                "ok\xc3\xa9 over\\ufffd\\ufffd\",\n"
                                "  \"none\": null,\n"
                                "  \"list\": [-3, 2664.50, true, null],\n"
                                "  \"empty\": [],\n"
                                "  \"rows\": [\n"
                                "    {\"a\": 1},\n"
                                "    {}\n"
                                "  ]\n"
                                "}\n");
    sr_buf_free(&b);

    /* Out of order: a value with no key, a number that is not one. */
    sr_buf_clear(&b);
    sr_json_init(&j, &b);
    sr_json_object(&j, false);
    sr_json_int(&j, 1);
    sr_json_end(&j);
    assert_false(sr_json_finish(&j));
    sr_buf_free(&b);
    sr_json_init(&j, &b);
    sr_json_array(&j, false);
    sr_json_number(&j, "1,000");
    sr_json_end(&j);
    assert_false(sr_json_finish(&j));
    sr_buf_free(&b);
}

/* The records publish and build keep read back whole, whatever the names
 * in them hold. */
static void records_read_back_what_they_hold(void **state)
{
    (void)state;
    char dir[] = "/tmp/sr-writers-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *ydir = sr_path_join(dir, "2019-20");
    assert_int_equal(mkdir(ydir, 0700), 0);
    static const char *const names[] = {"The Office: for \"Tests\" # 1", "Back\\slash",
                                        "Next\xe2\x80\xa8"
                                        "line",
                                        "- Level 1", "Null"};
    sr_recipient to[5];
    for (int i = 0; i < 5; i++)
        to[i] = (sr_recipient){.id = "office", .name = names[i], .email = "a@b.example"};
    sr_pub_event e = {.published = true,
                      .date = 20201030,
                      .url = "https://example.org/r?a=\"1\"&b=\\x #top\xe2\x80\xa8",
                      .report = "ab12",
                      .guidance = "test-guidance",
                      .guidance_name = "Test: \"Guidance\"\nof 2001",
                      .send_by = 20201106,
                      .send_within_days = 7,
                      .recipients = to,
                      .nrecipients = 5};
    assert_int_equal(sr_publication_append(ydir, &e), 0);
    sr_pub_event sent = {.published = false, .date = 20201031, .recipient = "office"};
    assert_int_equal(sr_publication_append(ydir, &sent), 0);
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_publication *p = sr_publication_read(a, &d, ydir);
    assert_non_null(p);
    assert_int_equal(d.n, 0);
    assert_int_equal(p->n, 2);
    assert_string_equal(p->v[0].url, e.url);
    assert_string_equal(p->v[0].guidance_name, e.guidance_name);
    assert_int_equal(p->v[0].nrecipients, 5);
    for (int i = 0; i < 5; i++)
        assert_string_equal(p->v[0].recipients[i].name, names[i]);
    assert_string_equal(p->v[1].recipient, "office");

    sr_record_file out[2] = {{.name = "a \"quoted\": name.pdf", .bytes = 12},
                             {.name = "Caf\xc3\xa9 #2.html", .bytes = 3}};
    memset(out[0].sha256, 'a', 64), memset(out[1].sha256, 'b', 64);
    sr_build_record rec = {
        .year = 2019, .final = true, .built = 20201029, .outputs = out, .noutputs = 2};
    memset(rec.inputs, 'c', 64);
    assert_int_equal(sr_build_record_write(ydir, &rec), 0);
    sr_build_record *back = sr_build_record_read(a, ydir);
    assert_non_null(back);
    assert_true(back->final);
    assert_int_equal(back->noutputs, 2);
    assert_string_equal(back->outputs[0].name, out[0].name);
    assert_string_equal(back->outputs[1].name, out[1].name);
    assert_int_equal(back->outputs[0].bytes, 12);

    sr_diags_free(&d);
    sr_arena_free(a);
    char *f = sr_path_join(ydir, "publication.yaml");
    unlink(f);
    free(f);
    f = sr_path_join(ydir, "build-record.yaml");
    unlink(f);
    free(f);
    rmdir(ydir);
    rmdir(dir);
    free(ydir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(yaml_values_read_back_as_written),
        cmocka_unit_test(yaml_layout_is_the_project_s),
        cmocka_unit_test(comments_cannot_end_early),
        cmocka_unit_test(yaml_refuses_invalid_utf8_and_misuse),
        cmocka_unit_test(csv_neutralises_formulas_and_keeps_figures),
        cmocka_unit_test(json_escapes_and_lays_out),
        cmocka_unit_test(records_read_back_what_they_hold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
