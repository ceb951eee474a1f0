/* cmd_build: `sscp-report build YEAR`, the annual report. Validates the
 * year first (errors stop it and leave any earlier report as it was), then
 * builds the document and writes every output (render/render.h): one after
 * another, or shared out between processes forked once the document is
 * built, one per core (`--jobs`, docs/outputs.md), each process sending
 * back through a pipe what it wrote. */
#include "chart/spec.h"
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/report_data.h"
#include "data/signoff.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "doc/build.h"
#include "publish/dates.h"
#include "publish/record.h"
#include "render/render.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Built with AddressSanitizer (SSCP_SANITIZE): its leak checker. */
#if defined(__SANITIZE_ADDRESS__)
#define SR_LEAK_CHECK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SR_LEAK_CHECK 1
#endif
#endif
#ifdef SR_LEAK_CHECK
#include <sanitizer/lsan_interface.h>
#endif

static const char usage[] =
    "Usage: sscp-report build [OPTIONS] YEAR\n"
    "\n"
    "Build the annual report for a reporting year: check the year's data, then\n"
    "write OUT/YEAR/NAME-annual-report-YEAR.pdf, .html and -data.xlsx, and the\n"
    "charts in OUT/YEAR/charts/. NAME is `file_name` in partnership.yaml, or\n"
    "else its short name in lower case (ESCP: escp-annual-report-2024-25.pdf).\n"
    "Errors in the data stop the build and leave any earlier report untouched;\n"
    "warnings are printed and, in a draft, listed in an appendix.\n"
    "\n"
    "Options:\n"
    "  --final           a missing narrative or unknown placeholder is an error\n"
    "                    (a draft shows a marked placeholder instead)\n"
    "  --data DIR        the data folder (default: ./data)\n"
    "  --templates DIR   the report template folder (default: ./report-templates)\n"
    "  --fonts DIR       the fonts folder (default: ./fonts)\n"
    "  --out DIR         where to write (default: ./out)\n"
    "  --date YYYY-MM-DD the day the report is published, printed on the cover\n"
    "                    (\"Published 30 October 2020\"), within 3 years of the\n"
    "                    year's end; a draft's says \"Draft\" and gives the day\n"
    "                    as the one planned\n"
    "  --jobs N          write up to N outputs at once, each process on a core of\n"
    "                    its own (default: the processors online, at most one\n"
    "                    per output); --jobs 1 writes them one after another. The\n"
    "                    files are the same bytes whatever N is\n"
    "  --timings         print the time each stage and each output took, and each\n"
    "                    process's peak memory\n"
    "\n"
    "The date written into the PDF is SOURCE_DATE_EPOCH when it is set (seconds\n"
    "since 1970-01-01 UTC, digits only, a time from 1980 to 2099), otherwise the\n"
    "day given with --date, otherwise the day after the reporting year ends, so\n"
    "the same inputs give the same bytes.\n";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void size_words(size_t bytes, char *buf, size_t n)
{
    if (bytes >= 1024 * 1024)
        snprintf(buf, n, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
    else
        snprintf(buf, n, "%zu KB", (bytes + 512) / 1024);
}

/* ---- writing the outputs, in one process or several -------------------------------------
 *
 * The document is built, the fonts are open and the output folders made
 * before the first output is written; then, with more than one job, the
 * program forks. Each process writes its share of the outputs, in list
 * order, exactly as a serial build would (fork copies the tree, the fonts'
 * Pango font map and fontconfig configuration, so no library object is
 * shared between two threads). A child sends back, through a pipe, one
 * message per output it attempted: its result, its time, its error and the
 * files it wrote with their sizes and SHA-256 (the build record's), then a
 * last message saying it finished. A child that ends without that last
 * message (killed, crashed) is an error naming the output it was writing. */

/* What happened to one output. */
typedef struct {
    bool attempted;
    int rc; /* 0, or -1 with err */
    double took;
    sr_render_result res;
    char err[1024];
} out_state;

/* A message's head, in the pipe between two processes of the same
 * program: raw structs are fine. */
#define MSG_MAGIC 0x53535250u /* "SSRP" */
#define MSG_DONE  UINT32_MAX

typedef struct {
    uint32_t magic;
    uint32_t index; /* the output, or MSG_DONE */
    int32_t rc;
    uint32_t errlen;
    double took;
    sr_render_result res;
    uint32_t nfiles;
} msg_head;

typedef struct {
    uint32_t pathlen;
    bool missing, changed;
    long long bytes;
    char sha256[SR_HEX_SHA256];
} msg_file;

/* How many outputs to write at once by default: the processors online. */
static size_t default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

/* Shares the outputs out between njobs processes, the costliest first, each
 * to the process with the least to do so far (ties: the lower number);
 * worker[i] receives output i's process, 0 being this one. */
static void share_out(size_t nouts, size_t njobs, size_t *worker)
{
    unsigned *load = sr_xcalloc(njobs, sizeof *load);
    bool *placed = sr_xcalloc(nouts, sizeof *placed);
    for (size_t n = 0; n < nouts; n++) {
        size_t best = nouts;
        for (size_t i = 0; i < nouts; i++)
            if (!placed[i] && (best == nouts || sr_output_costs[i] > sr_output_costs[best]))
                best = i;
        size_t w = 0;
        for (size_t k = 1; k < njobs; k++)
            if (load[k] < load[w])
                w = k;
        worker[best] = w;
        load[w] += sr_output_costs[best];
        placed[best] = true;
    }
    free(placed);
    free(load);
}

/* The threads this process runs now, from /proc/self/status; 0 if it
 * cannot be read. */
static long threads_now(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    long n = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "Threads:", 8) == 0) {
            n = strtol(line + 8, NULL, 10);
            break;
        }
    fclose(f);
    return n;
}

/* Whether this process is down to its one thread, so that fork copies no
 * lock another thread holds. Pango starts a thread of its own when the
 * font map is made (fontconfig's FcInit, over at once since the
 * configuration is already current): it is waited for, up to a second. */
static bool single_threaded(void)
{
    for (int i = 0; i < 1000; i++) {
        long n = threads_now();
        if (n == 1)
            return true;
        if (n == 0)
            return false;
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    return false;
}

/* Writes output i into st, timing it. */
static void write_output(size_t i, const sr_document *doc, const sr_render_options *ro,
                         const char *path, out_state *st)
{
    double t = now();
    st->attempted = true;
    st->err[0] = '\0';
    st->rc = sr_outputs[i]->write(doc, ro, path, &st->res, st->err, sizeof st->err) != 0 ? -1 : 0;
    st->took = now() - t;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads n bytes: 1, or 0 at the end of the pipe (or part-way), -1 on an
 * error. */
static int read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n > 0) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return 0;
        c += r;
        n -= (size_t)r;
    }
    return 1;
}

/* One output's message: its state and the files it wrote (the entries of
 * log from `from` on). */
static int send_output(int fd, uint32_t index, const out_state *st, const sr_file_log *log,
                       size_t from)
{
    sr_buf b = SR_BUF_INIT;
    msg_head h = {.magic = MSG_MAGIC,
                  .index = index,
                  .rc = st ? st->rc : 0,
                  .errlen = st ? (uint32_t)strlen(st->err) : 0,
                  .took = st ? st->took : 0,
                  .nfiles = log ? (uint32_t)(log->nfiles - from) : 0};
    if (st)
        h.res = st->res;
    sr_buf_put(&b, (const char *)&h, sizeof h);
    if (st)
        sr_buf_put(&b, st->err, h.errlen);
    for (size_t k = from; log && k < log->nfiles; k++) {
        const sr_logged_file *f = &log->files[k];
        msg_file m = {.pathlen = (uint32_t)strlen(f->path),
                      .missing = f->missing,
                      .changed = f->changed,
                      .bytes = f->bytes};
        memcpy(m.sha256, f->sha256, sizeof m.sha256);
        sr_buf_put(&b, (const char *)&m, sizeof m);
        sr_buf_put(&b, f->path, m.pathlen);
    }
    int rc = write_all(fd, b.data, b.len);
    sr_buf_free(&b);
    return rc;
}

/* The child's part: its outputs, in order, each sent when written; stops
 * at the first that fails, as a serial build does. 0, or -1 when the pipe
 * could not be written. */
static int child_run(int fd, size_t w, const size_t *worker, size_t nouts, const sr_document *doc,
                     const sr_render_options *ro, char **paths)
{
    sr_file_log mine = {0};
    sr_log_reads(NULL);
    sr_log_writes(&mine);
    int rc = 0;
    for (size_t i = 0; i < nouts && rc == 0; i++) {
        if (worker[i] != w)
            continue;
        out_state st = {0};
        size_t from = mine.nfiles;
        write_output(i, doc, ro, paths[i], &st);
        if (send_output(fd, (uint32_t)i, &st, &mine, from) != 0)
            rc = -1;
        if (st.rc != 0)
            break;
    }
    sr_log_writes(NULL);
    sr_file_log_free(&mine);
    return rc;
}

/* A child's end, once it has freed what the build holds: the last message,
 * and _exit, so that nothing of the parent's (stdio buffers, atexit
 * handlers) is run twice. */
static _Noreturn void child_finish(int fd)
{
#ifdef SR_LEAK_CHECK
    /* _exit skips the sanitizer's check at exit: it is made here. */
    if (__lsan_do_recoverable_leak_check() != 0)
        _exit(1);
#endif
    if (send_output(fd, MSG_DONE, NULL, NULL, 0) != 0)
        _exit(1);
    _exit(0);
}

/* Adds a file a child wrote to the parent's write log. */
static void log_add(sr_file_log *log, const msg_file *m, char *path)
{
    if (log->nfiles == log->capfiles) {
        log->capfiles = log->capfiles ? 2 * log->capfiles : 64;
        log->files = sr_xrealloc(log->files, log->capfiles * sizeof *log->files);
    }
    sr_logged_file *f = &log->files[log->nfiles++];
    *f = (sr_logged_file){
        .path = path, .missing = m->missing, .changed = m->changed, .bytes = m->bytes};
    memcpy(f->sha256, m->sha256, sizeof f->sha256);
    f->sha256[SR_HEX_SHA256 - 1] = '\0';
}

/* Reads a child's messages into st and log. Returns true when it sent its
 * last message; false when the pipe ended first or held something else. */
static bool child_collect(int fd, size_t w, const size_t *worker, size_t nouts, out_state *st,
                          sr_file_log *log)
{
    for (;;) {
        msg_head h;
        if (read_all(fd, &h, sizeof h) != 1 || h.magic != MSG_MAGIC)
            return false;
        if (h.index == MSG_DONE)
            return true;
        if (h.index >= nouts || worker[h.index] != w || h.errlen >= sizeof st->err)
            return false;
        out_state *s = &st[h.index];
        if (read_all(fd, s->err, h.errlen) != 1 && h.errlen)
            return false;
        s->err[h.errlen] = '\0';
        for (uint32_t k = 0; k < h.nfiles; k++) {
            msg_file m;
            if (read_all(fd, &m, sizeof m) != 1 || m.pathlen > 65536)
                return false;
            char *path = sr_xmalloc((size_t)m.pathlen + 1);
            if (m.pathlen && read_all(fd, path, m.pathlen) != 1) {
                free(path);
                return false;
            }
            path[m.pathlen] = '\0';
            log_add(log, &m, path);
        }
        s->attempted = true;
        s->rc = h.rc;
        s->took = h.took;
        s->res = h.res;
    }
}

/* How a child process ended, in words: "was killed by signal 9 (Killed)". */
static void ended_how(int status, char *buf, size_t n)
{
    if (WIFSIGNALED(status))
        snprintf(buf, n, "was killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        snprintf(buf, n, "ended with status %d", WEXITSTATUS(status));
    else
        snprintf(buf, n, "ended before it had finished");
}

/* Writes every output, njobs at once (1: one after another, in this
 * process), into st; the files written are noted in written. Returns how
 * many processes wrote them; or, in a child, once it has written its
 * share, 0, with *child_fd the pipe for child_finish(). */
static size_t write_outputs(size_t nouts, size_t njobs, const sr_document *doc,
                            const sr_render_options *ro, char **paths, out_state *st,
                            sr_file_log *written, int *child_fd)
{
    *child_fd = -1;
    if (njobs > 1 && !single_threaded()) {
        fprintf(stderr,
                "sscp-report: note: writing the outputs one after another, as %ld "
                "threads are running\n",
                threads_now());
        njobs = 1;
    }
    size_t *worker = sr_xcalloc(nouts, sizeof *worker);
    if (njobs > 1)
        share_out(nouts, njobs, worker);
    pid_t *pids = sr_xcalloc(njobs, sizeof *pids);
    int *fds = sr_xcalloc(njobs, sizeof *fds);
    int *forked = sr_xcalloc(njobs, sizeof *forked);
    pid_t parent = getpid();
    /* Children are waited for: not reaped unseen, as they would be if the
     * program was started with SIGCHLD ignored. */
    if (njobs > 1 && signal(SIGCHLD, SIG_DFL) == SIG_ERR) {
        fprintf(stderr, "sscp-report: note: writing the outputs one after another: %s\n",
                strerror(errno));
        njobs = 1;
    }
    /* Nothing buffered is copied into a child. */
    fflush(stdout);
    fflush(stderr);
    for (size_t w = 1; w < njobs; w++) {
        int p[2] = {-1, -1};
        pid_t pid = -1;
        if (pipe(p) != 0 || (pid = fork()) < 0) {
            int e = errno;
            if (pid < 0 && p[0] >= 0) {
                close(p[0]);
                close(p[1]);
            }
            /* No process for that share: this one writes it, after its own. */
            fprintf(stderr,
                    "sscp-report: note: cannot start a process to write outputs at once (%s); "
                    "this one writes them\n",
                    strerror(e));
            for (size_t i = 0; i < nouts; i++)
                if (worker[i] == w)
                    worker[i] = 0;
            continue;
        }
        if (pid == 0) {
            /* A build that is killed takes its children with it; one
             * killed before this line is seen by getppid(). */
            if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
                _exit(1);
            close(p[0]);
            for (size_t k = 1; k < w; k++)
                if (forked[k])
                    close(fds[k]);
            if (child_run(p[1], w, worker, nouts, doc, ro, paths) != 0)
                _exit(1);
            free(forked);
            free(fds);
            free(pids);
            free(worker);
            *child_fd = p[1];
            return 0;
        }
        close(p[1]);
        pids[w] = pid;
        fds[w] = p[0];
        forked[w] = 1;
    }
    /* This process's share, in order; then each child's report. */
    for (size_t i = 0; i < nouts; i++) {
        if (worker[i] != 0)
            continue;
        write_output(i, doc, ro, paths[i], &st[i]);
        if (st[i].rc != 0)
            break;
    }
    for (size_t w = 1; w < njobs; w++) {
        if (!forked[w])
            continue;
        bool finished = child_collect(fds[w], w, worker, nouts, st, written);
        close(fds[w]);
        int status = 0;
        while (waitpid(pids[w], &status, 0) < 0 && errno == EINTR)
            ;
        if (finished && WIFEXITED(status) && WEXITSTATUS(status) == 0)
            continue;
        /* The first of its outputs it had not finished is the one it
         * failed (unless one it finished had failed: it stopped there); if
         * it finished them all, its last. */
        char how[160];
        ended_how(status, how, sizeof how);
        size_t failed = nouts;
        for (size_t i = 0; i < nouts; i++) {
            if (worker[i] != w)
                continue;
            if (st[i].attempted && st[i].rc != 0) {
                failed = nouts;
                break;
            }
            failed = i;
            if (!st[i].attempted)
                break;
        }
        if (failed < nouts) {
            st[failed].attempted = true;
            st[failed].rc = -1;
            snprintf(st[failed].err, sizeof st[failed].err,
                     "cannot write the %s: the process writing it %s", sr_outputs[failed]->name,
                     how);
        }
    }
    size_t used = 1;
    for (size_t w = 1; w < njobs; w++)
        used += (size_t)forked[w];
    free(forked);
    free(fds);
    free(pids);
    free(worker);
    return used;
}

static int run(int argc, char **argv)
{
    sr_report_data rd = {0};
    const char *year = NULL, *out = "out", *fonts_dir = "fonts", *date = NULL, *jobs = NULL;
    bool final = false, timings = false;
    const sr_opt opts[] = {{"--data", NULL, &rd.data, NULL},
                           {"--templates", NULL, &rd.templates, NULL},
                           {"--fonts", NULL, &fonts_dir, NULL},
                           {"--out", NULL, &out, NULL},
                           {"--date", NULL, &date, NULL},
                           {"--final", NULL, NULL, &final},
                           {"--timings", NULL, NULL, &timings},
                           {"--jobs", NULL, &jobs, NULL},
                           {0}};
    int npos;
    if (!sr_parse_args("build", argc, argv, opts, &year, 1, &npos))
        return SR_EXIT_USAGE;
    if (!year || !sr_year_from_name(year)) {
        sr_usage_error("build", "name a reporting year, such as: build 2019-20");
        return SR_EXIT_USAGE;
    }
    /* How many outputs at once: a whole number from 1; more than there are
     * outputs is as many as there are. */
    size_t njobs = default_jobs();
    if (jobs) {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(jobs, &end, 10);
        if (jobs[0] < '0' || jobs[0] > '9' || *end || errno || n == 0) {
            sr_usage_error("build",
                           "--jobs needs a whole number of outputs to write at once, 1 or more, "
                           "such as --jobs 2, not '%s'",
                           jobs);
            return SR_EXIT_USAGE;
        }
        njobs = n > SIZE_MAX ? SIZE_MAX : (size_t)n;
    }
    int y0 = sr_year_from_name(year);
    /* The publication date for the cover: a real day, and not before the
     * reporting year it reports on has ended. */
    int32_t published = 0;
    if (date) {
        char why[160];
        if (!sr_parse_ymd_why(date, &published, why, sizeof why)) {
            sr_usage_error("build", "%s; give the day with --date YYYY-MM-DD, such as 2020-10-30",
                           why);
            return SR_EXIT_USAGE;
        }
        int32_t year_end = (y0 + 1) * 10000 + 3 * 100 + 31;
        if (published <= year_end) {
            char wd[40], ed[40];
            sr_fmt_date(published, wd, sizeof wd);
            sr_fmt_date(year_end, ed, sizeof ed);
            sr_usage_error("build",
                           "%s is not after the reporting year %s ends (%s); give the day the "
                           "report is published with --date",
                           wd, year, ed);
            return SR_EXIT_USAGE;
        }
        char far[320];
        if (sr_publication_date_far(y0, published, far, sizeof far)) {
            sr_usage_error("build", "%s", far);
            return SR_EXIT_USAGE;
        }
    }
    double t0 = now();
    /* Every input is hashed as it is read, so that a file saved while the
     * build runs makes the report stale rather than current. */
    sr_file_log seen = {0}, written = {0};
    sr_log_reads(&seen);
    rd.final = final; /* a final report leaves out no file in silence */
    int code = sr_report_data_load(&rd, y0, stderr);
    double t_load = now();
    if (code != SR_EXIT_OK) {
        fprintf(stderr, "sscp-report: the report was not built\n");
        sr_log_reads(NULL);
        sr_file_log_free(&seen);
        sr_report_data_free(&rd);
        return code;
    }
    size_t warnings_before = rd.ds.d.n;
    sr_chart_specs *specs =
        sr_chart_specs_load(rd.ds.a, &rd.ds.d, rd.templates, rd.data, rd.cat, &rd.ds);
    /* The comparisons with England, the region and the neighbours, when
     * the data folder has the DfE's files. */
    sr_chart_bench bench = sr_report_chart_bench(&rd);
    sr_doc_options dopt = {.data_dir = rd.data,
                           .templates_dir = rd.templates,
                           .final = final,
                           .published = published,
                           .bench = &bench};
    sr_document *doc =
        specs ? sr_doc_build(rd.ds.a, &rd.ds.d, &dopt, &rd.ds, rd.cat, rd.m, specs) : NULL;
    /* What the guidance edition in force asks for beyond words: the lead
     * safeguarding partners' sign-off, and each partner's contribution to
     * the shared budget shown. */
    if (doc && doc->guidance) {
        sr_sign_off_check(&rd.ds.d, rd.ds.p, rd.ds.have[0], doc->guidance, final);
        sr_doc_contributions_check(&rd.ds.d, doc, doc->guidance->needs_contributions, final);
    }
    double t_doc = now();
    sr_diags_sort(&rd.ds.d);
    sr_diags_print_text(&rd.ds.d, stderr, sr_use_color(stderr));
    if (!doc || rd.ds.d.errors) {
        fprintf(stderr, "sscp-report: the report was not built%s\n",
                final && doc ? " (--final: fix the errors above)" : "");
        code = rd.ds.d.io_errors ? SR_EXIT_IO : SR_EXIT_INVALID;
        sr_log_reads(NULL);
        sr_file_log_free(&seen);
        sr_report_data_free(&rd);
        return code;
    }
    (void)warnings_before;
    char err[1024];
    sr_inputs_read_fonts(fonts_dir);
    sr_fonts *fonts = sr_fonts_open(fonts_dir, err, sizeof err);
    if (!fonts) {
        sr_fail("%s", err);
        sr_log_reads(NULL);
        sr_file_log_free(&seen);
        sr_report_data_free(&rd);
        return SR_EXIT_IO;
    }
    if (!sr_fonts_set_family(fonts, doc->font)) {
        sr_fail("the template sets the report in %s, but there is no such font in %s", doc->font,
                fonts_dir);
        sr_fonts_close(fonts);
        sr_log_reads(NULL);
        sr_file_log_free(&seen);
        sr_report_data_free(&rd);
        return SR_EXIT_INVALID;
    }
    char yname[16];
    sr_fmt_year(y0, yname, sizeof yname);
    char *ydir = sr_path_join(out, yname);
    /* The year's folder and the folders outputs write into, made before
     * any file is written; and the temporary files of an earlier build
     * that was killed part-way removed. */
    for (size_t i = 0; code == SR_EXIT_OK && sr_outputs[i]; i++) {
        if (!sr_outputs[i]->folder)
            continue;
        char *dir = sr_path_join(ydir, sr_outputs[i]->file);
        if (sr_make_dirs(dir) != 0) {
            sr_fail("cannot create %s: %s", dir, sr_io_error(errno));
            code = SR_EXIT_IO;
        }
        free(dir);
    }
    if (code == SR_EXIT_OK && sr_make_dirs(ydir) != 0) {
        sr_fail("cannot create %s: %s", ydir, sr_io_error(errno));
        code = SR_EXIT_IO;
    }
    /* One command at a time in the year's output folder: two builds, or a
     * build and a publish, would otherwise mix their files and records. */
    int lock = -1;
    if (code == SR_EXIT_OK && (lock = sr_lock_dir(ydir, "a build or a publish")) < 0) {
        sr_fail("cannot lock %s against other commands: %s", ydir, strerror(errno));
        code = SR_EXIT_IO;
    }
    if (code == SR_EXIT_OK)
        sr_remove_stale_temps(ydir);
    /* The date in the files: SOURCE_DATE_EPOCH; or the day given with
     * --date, so that no file is dated before the report is published; or
     * the day after the year. */
    struct tm tm = {.tm_year = y0 + 1 - 1900, .tm_mon = 3, .tm_mday = 1};
    if (published)
        tm = (struct tm){.tm_year = published / 10000 - 1900,
                         .tm_mon = published / 100 % 100 - 1,
                         .tm_mday = published % 100};
    int64_t created = sr_source_date((int64_t)timegm(&tm));

    /* Warnings for a draft's appendix. */
    const char **lines = sr_xcalloc(rd.ds.d.n + 1, sizeof *lines);
    size_t nl = 0;
    for (size_t i = 0; i < rd.ds.d.n; i++) {
        if (rd.ds.d.v[i].sev != SR_WARNING)
            continue;
        char where[512];
        sr_loc_format(rd.ds.d.v[i].loc, where, sizeof where);
        lines[nl++] = sr_arena_printf(rd.ds.a, "%s: %s", where, rd.ds.d.v[i].msg);
    }
    sr_render_options ro = {fonts, created, !final, lines, nl, sr_svg_cache_new()};
    const char *stem = sr_partnership_file_stem(rd.ds.a, rd.ds.p);
    /* Each output names the others it is published beside. */
    doc->pdf_file = sr_arena_printf(rd.ds.a, sr_output_pdf.file, stem, yname);
    doc->html_file = sr_arena_printf(rd.ds.a, sr_output_html.file, stem, yname);
    doc->xlsx_file = sr_arena_printf(rd.ds.a, sr_output_xlsx.file, stem, yname);
    /* Every output, in order: its path, what it wrote, how long it took. */
    size_t nouts = 0;
    while (sr_outputs[nouts])
        nouts++;
    if (njobs > nouts)
        njobs = nouts;
    int child_fd = -1;
    char **paths = sr_xcalloc(nouts + 1, sizeof *paths);
    out_state *st = sr_xcalloc(nouts + 1, sizeof *st);
    for (size_t i = 0; i < nouts; i++) {
        const sr_output *o = sr_outputs[i];
        paths[i] = sr_path_join(ydir, o->folder ? o->file
                                                : sr_arena_printf(rd.ds.a, o->file, stem, yname));
    }
    /* The bytes each output writes are noted as they are written: the
     * record lists those, not what is in the folder afterwards. */
    sr_log_writes(&written);
    if (code == SR_EXIT_OK) {
        njobs = write_outputs(nouts, njobs, doc, &ro, paths, st, &written, &child_fd);
        if (child_fd >= 0)
            goto release; /* a child: its share is written */
        /* The first output that failed, in the list's order, as a serial
         * build would have stopped there. */
        for (size_t i = 0; i < nouts; i++)
            if (st[i].attempted && st[i].rc != 0) {
                sr_fail("%s", st[i].err);
                code = SR_EXIT_IO;
                break;
            }
        /* What a process that was killed had half written: a process of
         * this build's, or of a build killed before this one, whose second
         * process may have still been ending when this one started. */
        sr_remove_stale_temps(ydir);
        for (size_t i = 0; i < nouts; i++)
            if (sr_outputs[i]->folder)
                sr_remove_stale_temps(paths[i]);
    }
    sr_log_writes(NULL);
    double t_outputs = now();
    /* What this report was made from and what it made, for status and
     * publish. */
    if (code == SR_EXIT_OK) {
        /* The day it was built (not the files' reproducible date). */
        sr_build_record rec = {.year = y0, .final = final, .built = sr_today()};
        sr_inputs_hash_seen(&rd.ds, rd.data, rd.templates, fonts_dir, &seen, rec.inputs);
        size_t cap = written.nfiles + nouts + 1;
        sr_record_file *files = sr_xcalloc(cap, sizeof *files);
        for (size_t i = 0; i < nouts && code == SR_EXIT_OK; i++) {
            if (!sr_outputs[i]->recorded)
                continue;
            size_t had = rec.noutputs;
            char *key = sr_path_normalised(paths[i]);
            size_t klen = strlen(key);
            for (size_t k = 0; k < written.nfiles; k++) {
                const sr_logged_file *w = &written.files[k];
                bool mine = sr_outputs[i]->folder
                                ? strncmp(w->path, key, klen) == 0 && w->path[klen] == '/'
                                : strcmp(w->path, key) == 0;
                if (!mine)
                    continue;
                sr_record_file *f = &files[rec.noutputs++];
                /* A folder's files by their path in the year's folder:
                 * charts/ID.png. */
                f->name = sr_arena_strdup(rd.ds.a, sr_outputs[i]->folder
                                                       ? w->path + klen - strlen(sr_basename(key))
                                                       : sr_basename(w->path));
                f->bytes = w->bytes;
                memcpy(f->sha256, w->sha256, sizeof f->sha256);
            }
            free(key);
            if (rec.noutputs == had && !sr_outputs[i]->folder) {
                sr_fail("the %s output did not write %s; this is a fault in sscp-report: "
                        "please report it",
                        sr_outputs[i]->name, paths[i]);
                code = SR_EXIT_IO;
            }
        }
        rec.outputs = files;
        if (code == SR_EXIT_OK && sr_build_record_write(ydir, &rec) != 0) {
            sr_fail("cannot write the build record in %s: %s", ydir, sr_io_error(errno));
            code = SR_EXIT_IO;
        }
        free(files);
    }
    double t_record = now();
    if (code == SR_EXIT_OK) {
        for (size_t i = 0; i < nouts; i++) {
            char size[32];
            const sr_render_result *r = &st[i].res;
            size_words(r->bytes, size, sizeof size);
            sr_out("Wrote %s%s (%s%s%s)%s\n", paths[i], sr_outputs[i]->folder ? "/" : "", r->what,
                   r->what[0] ? ", " : "", size, r->after);
        }
        if (doc->missing_narratives)
            sr_out("%zu section%s still %s no words: see the warnings above\n",
                   doc->missing_narratives, doc->missing_narratives == 1 ? "" : "s",
                   doc->missing_narratives == 1 ? "has" : "have");
        sr_out("Built in %.2f s (%zu warning%s)\n", t_record - t0, rd.ds.d.warnings,
               rd.ds.d.warnings == 1 ? "" : "s");
        if (timings) {
            sr_out("  load and check %.3f s, document %.3f s", t_load - t0, t_doc - t_load);
            for (size_t i = 0; i < nouts; i++)
                sr_out(", %s %.3f s", sr_outputs[i]->name, st[i].took);
            sr_out(", build record %.3f s\n", t_record - t_outputs);
            /* Each process's own peak: a child's is not part of this one's. */
            struct rusage self, kids;
            if (getrusage(RUSAGE_SELF, &self) == 0 && getrusage(RUSAGE_CHILDREN, &kids) == 0) {
                sr_out("  %zu process%s, peak memory %.1f MiB", njobs, njobs == 1 ? "" : "es",
                       (double)self.ru_maxrss / 1024.0);
                if (njobs > 1)
                    sr_out(" (the other%s: %.1f MiB at most)", njobs > 2 ? "s" : "",
                           (double)kids.ru_maxrss / 1024.0);
                sr_out("\n");
            }
        }
    }
release:
    for (size_t i = 0; i < nouts; i++)
        free(paths[i]);
    free(paths);
    free(st);
    free(lines);
    free(ydir);
    sr_unlock_dir(lock);
    sr_log_reads(NULL);
    sr_file_log_free(&seen);
    sr_file_log_free(&written);
    sr_svg_cache_free(ro.svgs);
    sr_fonts_close(fonts);
    sr_report_data_free(&rd);
    if (child_fd >= 0)
        child_finish(child_fd);
    return code;
}

const sr_command sr_cmd_build = {
    "build",
    "build the annual report: PDF, accessible HTML and the data workbook",
    usage,
    run,
};
