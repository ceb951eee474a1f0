/* Runs a fuzz target over files, without libFuzzer: each file named on the
 * command line (or each file in a folder named) is passed to the target
 * once. The suite uses it to replay the seeds and every input that once
 * crashed, under the normal and the sanitizer build. */
#include "fuzz.h"

#include "core/fsutil.h"

static int replay(const char *path)
{
    char *data;
    size_t size;
    if (sr_read_file(path, (size_t)1 << 22, &data, &size) != SR_READ_OK) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, size);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    int bad = 0, n = 0;
    for (int i = 1; i < argc; i++) {
        if (sr_path_kind_of(argv[i]) == SR_PATH_DIR) {
            char **names = sr_list_dir(argv[i], "");
            for (char **f = names; f && *f; f++) {
                char *path = sr_path_join(argv[i], *f);
                if (sr_path_kind_of(path) == SR_PATH_FILE) {
                    bad |= replay(path);
                    n++;
                }
                free(path);
            }
            sr_free_names(names);
        } else {
            bad |= replay(argv[i]);
            n++;
        }
    }
    printf("replayed %d inputs\n", n);
    return bad || n == 0;
}
