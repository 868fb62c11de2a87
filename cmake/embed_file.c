/* embed_file.c: build tool that turns a file into a C byte array (FILE SYMBOL OUT.c). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: smp_embed FILE SYMBOL OUT.c\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    FILE *out = fopen(argv[3], "w");
    if (!out) {
        perror(argv[3]);
        return 1;
    }
    fprintf(out, "/* Generated from %s by smp_embed. */\n#include <stddef.h>\n", argv[1]);
    fprintf(out, "extern const unsigned char %s[];\nextern const size_t %s_size;\n", argv[2], argv[2]);
    fprintf(out, "const unsigned char %s[] = {\n", argv[2]);
    size_t n = 0;
    int c;
    while ((c = getc(in)) != EOF) fprintf(out, "%d,%s", c, ++n % 24 ? "" : "\n");
    /* A trailing zero keeps an empty file a valid array and text files terminated. */
    fprintf(out, "0};\nconst size_t %s_size = %zu;\n", argv[2], n);
    int failed = ferror(in) || fclose(out) != 0;
    fclose(in);
    if (failed) {
        fprintf(stderr, "smp_embed: cannot write %s\n", argv[3]);
        remove(argv[3]);
        return 1;
    }
    return 0;
}
