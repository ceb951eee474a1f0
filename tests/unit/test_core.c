/* Unit tests for src/core: number formatting, suggestions, diagnostics
 * printing, atomic writes, bounded reads, the refusal of links out of the
 * data folder, the clearing of killed runs' temporary files and the check
 * that a text file is UTF-8. */
#include "testutil.h"

#include "core/buf.h"
#include "core/encoding.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "core/suggest.h"
#include "data/figures.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void fmt_count_has_thousands_separators(void **state)
{
    (void)state;
    char b[SR_FMT_MAX];
    sr_fmt_count(0, b, sizeof b), assert_string_equal(b, "0");
    sr_fmt_count(999, b, sizeof b), assert_string_equal(b, "999");
    sr_fmt_count(1000, b, sizeof b), assert_string_equal(b, "1,000");
    sr_fmt_count(3653, b, sizeof b), assert_string_equal(b, "3,653");
    sr_fmt_count(1234567, b, sizeof b), assert_string_equal(b, "1,234,567");
    sr_fmt_count(-1014, b, sizeof b), assert_string_equal(b, "-1,014");
    sr_fmt_count(INT64_MIN, b, sizeof b), assert_string_equal(b, "-9,223,372,036,854,775,808");
}

static void fmt_fixed_puts_the_point_places_from_the_end(void **state)
{
    (void)state;
    char b[SR_FMT_MAX];
    sr_fmt_fixed(-12345, 1, true, b, sizeof b), assert_string_equal(b, "-1,234.5");
    sr_fmt_fixed(-12345, 1, false, b, sizeof b), assert_string_equal(b, "-1234.5");
    sr_fmt_fixed(5, 2, false, b, sizeof b), assert_string_equal(b, "0.05");
    sr_fmt_fixed(-5, 1, false, b, sizeof b), assert_string_equal(b, "-0.5");
    sr_fmt_fixed(67, 0, true, b, sizeof b), assert_string_equal(b, "67");
    sr_fmt_fixed(1916, 1, true, b, sizeof b), assert_string_equal(b, "191.6");
    sr_fmt_fixed(INT64_MIN, 0, true, b, sizeof b),
        assert_string_equal(b, "-9,223,372,036,854,775,808");
    sr_fmt_fixed(INT64_MIN, 18, false, b, sizeof b),
        assert_string_equal(b, "-9.223372036854775808");
}

static void fmt_money_shows_pence_only_when_present(void **state)
{
    (void)state;
    char b[SR_FMT_MAX];
    sr_fmt_money(18049100, b, sizeof b), assert_string_equal(b, "£180,491");
    sr_fmt_money(400050, b, sizeof b), assert_string_equal(b, "£4,000.50");
    sr_fmt_money(5, b, sizeof b), assert_string_equal(b, "£0.05");
    sr_fmt_money(-55000, b, sizeof b), assert_string_equal(b, "-£550");
}

static void fmt_percent_keeps_given_precision(void **state)
{
    (void)state;
    char b[SR_FMT_MAX];
    sr_fmt_percent(2140, b, sizeof b), assert_string_equal(b, "21.4%");
    sr_fmt_percent(554, b, sizeof b), assert_string_equal(b, "5.54%");
    sr_fmt_percent(10000, b, sizeof b), assert_string_equal(b, "100%");
    sr_fmt_percent(0, b, sizeof b), assert_string_equal(b, "0%");
    sr_fmt_percent(-1120, b, sizeof b), assert_string_equal(b, "-11.2%");
}

static void fmt_dates_and_years(void **state)
{
    (void)state;
    char b[SR_FMT_MAX];
    sr_fmt_date(20200323, b, sizeof b), assert_string_equal(b, "23 March 2020");
    sr_fmt_date(20190701, b, sizeof b), assert_string_equal(b, "1 July 2019");
    sr_fmt_year(2019, b, sizeof b), assert_string_equal(b, "2019-20");
    sr_fmt_year(2099, b, sizeof b), assert_string_equal(b, "2099-00");
}

static void suggest_finds_typos_not_strangers(void **state)
{
    (void)state;
    const char *keys[] = {"finance", "attendance", "referrals", "performance", "training"};
    assert_int_equal(sr_edit_distance("atendance", "attendance"), 1);
    assert_int_equal(sr_edit_distance("refrerals", "referrals"), 1); /* transposition */
    assert_int_equal(sr_edit_distance("Finance", "finance"), 0);
    assert_string_equal(sr_suggest("atendance", keys, 5), "attendance");
    assert_string_equal(sr_suggest("trainig", keys, 5), "training");
    assert_null(sr_suggest("budget", keys, 5));
    assert_null(sr_suggest("x", keys, 5));
}

static void slugs_keep_every_letter(void **state)
{
    (void)state;
    char b[64];
    sr_slug("smbc", b, 5), assert_string_equal(b, "smbc"); /* exactly enough room */
    sr_slug("Basic  Awareness!", b, sizeof b), assert_string_equal(b, "basic-awareness");
    sr_slug("FGM: awareness", b, sizeof b), assert_string_equal(b, "fgm-awareness");
    sr_slug("abcdef", b, 4), assert_string_equal(b, "abc"); /* cut, never overrun */
    sr_slug("a b", b, 3), assert_string_equal(b, "a");      /* no dangling dash */
    /* Typographic apostrophes, quotation marks and spaces are punctuation,
     * as their plain forms are: one name however it is typed. */
    char c[64];
    sr_slug("Children's  Safeguarding Group", b, sizeof b);
    sr_slug("Children\u2019s\u00a0safeguarding group", c, sizeof c);
    assert_string_equal(b, "children-s-safeguarding-group"), assert_string_equal(c, b);
    sr_slug("\u201cThe\u201d Board\u02bcs", c, sizeof c), assert_string_equal(c, "the-board-s");
    sr_slug("M\u00f4n", c, sizeof c), assert_string_equal(c, "m\u00f4n"); /* letters kept */
}

static void diag_prints_line_and_caret_under_the_fault(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_source *s = tw_source(&w, "gmp.yaml", "year: 2019-20\n  q1: 1,014\n");
    sr_diag *g = sr_diag_add(&w.d, SR_ERROR, (sr_loc){s, 2, 7, 5}, "expected a whole number");
    sr_diag_hint(g, "write 1014");
    assert_string_equal(tw_text(&w), "gmp.yaml:2:7: error: expected a whole number\n"
                                     "     2 |   q1: 1,014\n"
                                     "       |       ^^^^^\n"
                                     "  hint: write 1014\n");
    tw_free(&w);
}

static void diag_caret_follows_tabs_and_wide_characters(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    /* "£" is two bytes but one column: the caret must still sit under x. */
    sr_source *s = tw_source(&w, "a.yaml", "\tlabel: £ x\n");
    sr_diag_add(&w.d, SR_WARNING, (sr_loc){s, 1, 11, 1}, "here");
    assert_string_equal(tw_text(&w), "a.yaml:1:11: warning: here\n"
                                     "     1 | \tlabel: £ x\n"
                                     "       | \t         ^\n");
    tw_free(&w);
}

/* A note says something useful that is not a problem: it is neither an
 * error nor a warning. */
static void a_note_is_not_a_problem(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_source *s = tw_source(&w, "a.yaml", "- id: x\n");
    sr_diag_add(&w.d, SR_NOTE, (sr_loc){s, 1, 7, 1}, "shown elsewhere");
    assert_int_equal(w.d.notes, 1);
    assert_int_equal(w.d.errors + w.d.warnings, 0);
    assert_string_equal(tw_text(&w), "a.yaml:1:7: note: shown elsewhere\n"
                                     "     1 | - id: x\n"
                                     "       |       ^\n");
    tw_free(&w);
}

static void diag_never_prints_control_characters(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_source *s = sr_diags_add_source(&w.d, "b.yaml", sr_xstrdup("a: \033[2J\n"), 8);
    sr_diag_add(&w.d, SR_ERROR, (sr_loc){s, 1, 4, 1}, "bad");
    assert_non_null(strstr(tw_text(&w), "1 | a: ?[2J\n"));
    tw_free(&w);
}

static void diag_json_is_escaped(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    sr_source *s = tw_source(&w, "q\"uote.yaml", "a: 1\n");
    sr_diag *g = sr_diag_add(&w.d, SR_ERROR, (sr_loc){s, 1, 4, 1}, "got `a\\b`\n");
    sr_diag_hint(g, "tab\there");
    char *out;
    size_t n;
    FILE *f = open_memstream(&out, &n);
    sr_diags_print_json(&w.d, f);
    fclose(f);
    assert_string_equal(
        out, "{\n  \"diagnostics\": [\n    {\"file\": \"q\\\"uote.yaml\", \"line\": 1, "
             "\"column\": 4, \"severity\": \"error\", \"message\": \"got `a\\\\b`\\n\", "
             "\"hint\": \"tab\\there\"}\n  ],\n  \"errors\": 1,\n  \"warnings\": 0\n}\n");
    free(out);
    tw_free(&w);
}

static void diag_stops_after_the_per_file_limit(void **state)
{
    (void)state;
    tworld w;
    tw_init(&w, 2019);
    w.d.limit_per_file = 3;
    sr_source *s = tw_source(&w, "c.yaml", "a: 1\n");
    for (int i = 0; i < 10; i++)
        sr_diag_hint(sr_diag_add(&w.d, SR_ERROR, (sr_loc){s, 1, 1, 1}, "e%d", i), "h");
    assert_int_equal(w.d.n, 4);
    assert_string_equal(w.d.v[3].msg,
                        "too many problems in this file; the rest are counted but not shown");
    assert_int_equal(w.d.errors, 10); /* every problem counted, shown or not */
    tw_free(&w);
}

static void atomic_write_replaces_whole_file_and_leaves_no_temporary(void **state)
{
    (void)state;
    char dir[] = "/tmp/sr-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = sr_path_join(dir, "out.yaml");
    assert_int_equal(sr_write_file_atomic(path, "old\n", 4), 0);
    assert_int_equal(sr_write_file_atomic(path, "new contents\n", 13), 0);
    char *data;
    size_t size;
    assert_int_equal(sr_read_file(path, 100, &data, &size), SR_READ_OK);
    assert_string_equal(data, "new contents\n");
    free(data);
    char **names = sr_list_dir(dir, "");
    assert_string_equal(names[0], "out.yaml");
    assert_null(names[1]); /* sr_list_dir skips dot files, so check by hand too */
    sr_free_names(names);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", dir);
    assert_int_equal(system(cmd), 0);
    /* A folder that does not exist: an error, and errno says why. */
    char *bad = sr_path_join(dir, "missing/out.yaml");
    assert_int_equal(sr_write_file_atomic(bad, "x", 1), -1);
    free(bad);
    unlink(path);
    rmdir(dir);
    free(path);
}

static void read_file_enforces_the_limit(void **state)
{
    (void)state;
    char dir[] = "/tmp/sr-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = sr_path_join(dir, "big.yaml");
    assert_int_equal(sr_write_file_atomic(path, "0123456789", 10), 0);
    char *data;
    size_t size;
    assert_int_equal(sr_read_file(path, 9, &data, &size), SR_READ_TOO_LARGE);
    assert_null(data);
    assert_int_equal(size, 10);
    assert_int_equal(sr_read_file(path, 10, &data, &size), SR_READ_OK);
    free(data);
    assert_int_equal(sr_read_file(dir, 10, &data, &size), SR_READ_IS_DIR);
    char *none = sr_path_join(dir, "none.yaml");
    assert_int_equal(sr_read_file(none, 10, &data, &size), SR_READ_NOT_FOUND);
    free(none);
    unlink(path);
    rmdir(dir);
    free(path);
}

static void read_within_refuses_links_out_and_non_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/sr-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *root = sr_path_join(dir, "data");
    assert_int_equal(sr_make_dirs(root), 0);
    char *inside = sr_path_join(root, "in.yaml"), *secret = sr_path_join(dir, "secret.yaml");
    char *link_out = sr_path_join(root, "out.yaml"), *link_in = sr_path_join(root, "alias.yaml");
    char *fifo = sr_path_join(root, "pipe.yaml");
    assert_int_equal(sr_write_file_atomic(inside, "inside\n", 7), 0);
    assert_int_equal(sr_write_file_atomic(secret, "secret\n", 7), 0);
    assert_int_equal(symlink(secret, link_out), 0);
    assert_int_equal(symlink("in.yaml", link_in), 0);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char *data, *where;
    size_t size;
    /* A link inside the folder is followed. */
    assert_int_equal(sr_read_file_within(link_in, root, 100, &data, &size, &where), SR_READ_OK);
    assert_string_equal(data, "inside\n");
    free(data);
    /* A link out of it is not read, and says where it leads. */
    assert_int_equal(sr_read_file_within(link_out, root, 100, &data, &size, &where),
                     SR_READ_OUTSIDE);
    assert_null(data);
    char *real_secret = realpath(secret, NULL);
    assert_string_equal(where, real_secret);
    free(where);
    free(real_secret);
    /* Without a root the same link is an ordinary file. */
    assert_int_equal(sr_read_file_within(link_out, NULL, 100, &data, &size, NULL), SR_READ_OK);
    free(data);
    /* A named pipe is refused at once (reading it would wait for ever). */
    assert_int_equal(sr_read_file(fifo, 100, &data, &size), SR_READ_NOT_REGULAR);
    assert_null(data);
    unlink(fifo);
    unlink(link_in);
    unlink(link_out);
    unlink(secret);
    unlink(inside);
    rmdir(root);
    rmdir(dir);
    free(fifo);
    free(link_in);
    free(link_out);
    free(secret);
    free(inside);
    free(root);
}

/* A library's temporary folder (the workbook's parts): made for this user
 * alone, removed with its files; one left by a killed build is removed by
 * the next; a link of that name is left alone, never followed. */
static void stale_temporary_folders_are_removed(void **state)
{
    (void)state;
    char dir[] = "/tmp/sr-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *out = sr_path_join(dir, "data.xlsx");
    char *mine = sr_temp_folder(out, "parts");
    assert_non_null(mine);
    struct stat st;
    assert_int_equal(lstat(mine, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0700);
    /* One left by an earlier process with this same id (a container's
     * builds all run as one id) is not in the way: each has a name of its
     * own. */
    char *again = sr_temp_folder(out, "parts");
    assert_non_null(again);
    assert_string_not_equal(again, mine);
    char prefix[64];
    snprintf(prefix, sizeof prefix, ".data.xlsx.tmp-%ld-parts", (long)getpid());
    assert_memory_equal(sr_basename(again), prefix, strlen(prefix));
    assert_int_equal(sr_remove_flat_dir(again), 0);
    free(again);
    char *part = sr_path_join(mine, "tmp.ABCDEFGHIJ");
    assert_int_equal(sr_write_file_atomic(part, "x", 1), 0);
    assert_int_equal(sr_remove_flat_dir(mine), 0);
    assert_int_equal(access(mine, F_OK), -1);
    /* Left by a process that has ended: the folder and its files go. */
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    assert_true(child > 0);
    assert_int_equal(waitpid(child, NULL, 0), child);
    char dead[64], link_name[64];
    snprintf(dead, sizeof dead, ".data.xlsx.tmp-%ld-parts", (long)child);
    snprintf(link_name, sizeof link_name, ".data.xlsx.tmp-%ld-link", (long)child);
    char *dead_path = sr_path_join(dir, dead), *link_path = sr_path_join(dir, link_name);
    assert_int_equal(mkdir(dead_path, 0700), 0);
    char *left = sr_path_join(dead_path, "tmp.KLMNOPQRST");
    assert_int_equal(sr_write_file_atomic(left, "", 0), 0);
    char elsewhere[] = "/tmp/sr-test-XXXXXX";
    assert_non_null(mkdtemp(elsewhere));
    char *kept = sr_path_join(elsewhere, "keep.txt");
    assert_int_equal(sr_write_file_atomic(kept, "keep", 4), 0);
    assert_int_equal(symlink(elsewhere, link_path), 0);
    assert_int_equal(sr_remove_stale_temps(dir), 1);
    assert_int_equal(access(dead_path, F_OK), -1);
    assert_int_equal(lstat(link_path, &st), 0); /* never made by a build */
    assert_int_equal(access(kept, F_OK), 0);    /* nor what it leads to */
    unlink(link_path);
    unlink(kept);
    rmdir(elsewhere);
    rmdir(dir);
    free(kept);
    free(left);
    free(dead_path);
    free(link_path);
    free(part);
    free(mine);
    free(out);
}

static void stale_temporaries_of_dead_processes_are_removed(void **state)
{
    (void)state;
    char dir[] = "/tmp/sr-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *out = sr_path_join(dir, "report.pdf");
    /* This process's own temporary name: hidden, beside the file, with our pid. */
    char *mine = sr_temp_name(out, "x");
    char want[64];
    snprintf(want, sizeof want, ".report.pdf.tmp-%ld-x", (long)getpid());
    assert_string_equal(sr_basename(mine), want);
    /* One left by a process that has ended, and one by a running one. */
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    assert_true(child > 0);
    assert_int_equal(waitpid(child, NULL, 0), child);
    char dead[64], live[64];
    snprintf(dead, sizeof dead, ".report.pdf.tmp-%ld-x", (long)child);
    snprintf(live, sizeof live, ".report.pdf.tmp-%ld-x", (long)getppid());
    char *dead_path = sr_path_join(dir, dead), *live_path = sr_path_join(dir, live);
    assert_int_equal(sr_write_file_atomic(dead_path, "half", 4), 0);
    assert_int_equal(sr_write_file_atomic(live_path, "half", 4), 0);
    assert_int_equal(sr_write_file_atomic(mine, "half", 4), 0);
    assert_int_equal(sr_write_file_atomic(out, "whole", 5), 0);
    assert_int_equal(sr_remove_stale_temps(dir), 1);
    assert_int_equal(access(dead_path, F_OK), -1);
    assert_int_equal(access(live_path, F_OK), 0); /* its owner may yet rename it */
    assert_int_equal(access(mine, F_OK), 0);
    assert_int_equal(access(out, F_OK), 0); /* the report itself is never touched */
    unlink(live_path);
    unlink(mine);
    unlink(out);
    rmdir(dir);
    free(dead_path);
    free(live_path);
    free(mine);
    free(out);
}

static void paths_split_and_join(void **state)
{
    (void)state;
    char *d = sr_dirname("data/2019-20/gmp.yaml");
    assert_string_equal(d, "data/2019-20");
    free(d);
    d = sr_dirname("gmp.yaml");
    assert_string_equal(d, ".");
    free(d);
    assert_string_equal(sr_basename("data/2019-20"), "2019-20");
    char *j = sr_path_join(".", "a.yaml");
    assert_string_equal(j, "a.yaml");
    free(j);
    j = sr_path_join("data/", "2019-20");
    assert_string_equal(j, "data/2019-20");
    free(j);
}

/* The first diagnostic of checking text as the file f.md. */
static bool enc_check(const char *text, size_t len, sr_diags *d)
{
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    copy[len] = '\0';
    sr_diags_init(d);
    return sr_encoding_check(d, sr_diags_add_source(d, "f.md", copy, len));
}

#define ENC(s, d) enc_check(s, sizeof s - 1, d)

static void text_that_is_not_utf8_is_found_at_its_place(void **state)
{
    (void)state;
    sr_diags d;
    assert_true(ENC("\xEF\xBB\xBF"
                    "A BOM, tabs\t, CRLF\r\n \xE2\x80\x94 fine\n",
                    &d));
    assert_int_equal(d.n, 0);
    sr_diags_free(&d);
    assert_false(ENC("ok\n\xE2\x80\x94 caf\xE9\n", &d));
    assert_int_equal(d.n, 1);
    assert_string_equal(d.v[0].msg, "the file is not valid UTF-8 text (byte 0xE9)");
    assert_int_equal(d.v[0].loc.line, 2);
    assert_int_equal(d.v[0].loc.col, 6); /* the dash is one character */
    assert_non_null(strstr(d.v[0].hint, "where this byte is \xC3\xA9: save"));
    sr_diags_free(&d);
    assert_false(ENC("\xFE\xFF\0A", &d));
    assert_string_equal(d.v[0].msg, "the file is saved as UTF-16 text, not UTF-8");
    assert_int_equal(d.v[0].loc.line, 0);
    sr_diags_free(&d);
    assert_false(ENC("ab\0c", &d));
    assert_string_equal(
        d.v[0].msg, "the file contains a control character (byte 0x00) that text cannot contain");
    assert_int_equal(d.v[0].loc.col, 3);
    sr_diags_free(&d);
    assert_false(ENC("x \xC2\x9B"
                     "1m",
                     &d));
    assert_string_equal(d.v[0].msg,
                        "the file contains a control character (U+009B) that text cannot contain");
    sr_diags_free(&d);
    assert_false(ENC("\x81", &d)); /* no character in Windows-1252 either */
    assert_null(strstr(d.v[0].hint, "Windows-1252"));
    sr_diags_free(&d);
}

static void windows_1252_bytes_are_named(void **state)
{
    (void)state;
    char b[96];
    assert_true(sr_encoding_cp1252(0x92, b, sizeof b));
    assert_string_equal(b, "\xE2\x80\x99 (a right single quotation mark, or apostrophe)");
    assert_true(sr_encoding_cp1252(0x96, b, sizeof b));
    assert_string_equal(b, "\xE2\x80\x93 (an en dash)");
    assert_true(sr_encoding_cp1252(0x80, b, sizeof b));
    assert_string_equal(b, "\xE2\x82\xAC (a euro sign)");
    assert_true(sr_encoding_cp1252(0xA3, b, sizeof b));
    assert_string_equal(b, "\xC2\xA3");
    assert_true(sr_encoding_cp1252(0xA0, b, sizeof b));
    assert_string_equal(b, "a no-break space");
    assert_false(sr_encoding_cp1252(0x81, b, sizeof b));
    assert_false(sr_encoding_cp1252(0x41, b, sizeof b));
    assert_int_equal(sr_encoding_bom_len("\xEF\xBB\xBFx", 4), 3);
    assert_int_equal(sr_encoding_bom_len("\xEF\xBB", 2), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fmt_count_has_thousands_separators),
        cmocka_unit_test(fmt_fixed_puts_the_point_places_from_the_end),
        cmocka_unit_test(fmt_money_shows_pence_only_when_present),
        cmocka_unit_test(fmt_percent_keeps_given_precision),
        cmocka_unit_test(fmt_dates_and_years),
        cmocka_unit_test(suggest_finds_typos_not_strangers),
        cmocka_unit_test(slugs_keep_every_letter),
        cmocka_unit_test(diag_prints_line_and_caret_under_the_fault),
        cmocka_unit_test(diag_caret_follows_tabs_and_wide_characters),
        cmocka_unit_test(a_note_is_not_a_problem),
        cmocka_unit_test(diag_never_prints_control_characters),
        cmocka_unit_test(diag_json_is_escaped),
        cmocka_unit_test(diag_stops_after_the_per_file_limit),
        cmocka_unit_test(atomic_write_replaces_whole_file_and_leaves_no_temporary),
        cmocka_unit_test(read_file_enforces_the_limit),
        cmocka_unit_test(read_within_refuses_links_out_and_non_files),
        cmocka_unit_test(stale_temporaries_of_dead_processes_are_removed),
        cmocka_unit_test(stale_temporary_folders_are_removed),
        cmocka_unit_test(paths_split_and_join),
        cmocka_unit_test(text_that_is_not_utf8_is_found_at_its_place),
        cmocka_unit_test(windows_1252_bytes_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
