/* test_split.c: loops shared out by stretches: every item taken once, each thread's own stretch first. */
#include <omp.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "internal.h"
#include "test_support.h"

/* Items 0 .. n - 1, each counted as a team of `threads` takes it. */
static void take_all(uint32_t n, uint32_t chunk, int threads, atomic_int *seen) {
    smp_split split;
    omp_set_num_threads(threads);
    smp_split_init(&split, n, chunk);
#pragma omp parallel num_threads(threads)
    for (uint32_t begin, end; smp_split_take(&split, &begin, &end);) {
        assert_true(begin < end && end <= n && end - begin <= (chunk ? chunk : 1));
        for (uint32_t i = begin; i < end; i++) atomic_fetch_add(&seen[i], 1);
    }
}

static void every_item_is_taken_once(void **state) {
    (void)state;
    int before = omp_get_max_threads();
    const uint32_t sizes[] = {0, 1, 5, 64, 1000, 4097};
    const uint32_t chunks[] = {0, 1, 3, 8};
    const int teams[] = {1, 2, 3, 7, SMP_SPLIT_PARTS + 6}; /* the last has threads that own no part */
    for (size_t a = 0; a < sizeof sizes / sizeof *sizes; a++)
        for (size_t b = 0; b < sizeof chunks / sizeof *chunks; b++)
            for (size_t c = 0; c < sizeof teams / sizeof *teams; c++) {
                atomic_int *seen = calloc(sizes[a] + 1, sizeof *seen);
                assert_non_null(seen);
                take_all(sizes[a], chunks[b], teams[c], seen);
                for (uint32_t i = 0; i < sizes[a]; i++) assert_int_equal(atomic_load(&seen[i]), 1);
                free(seen);
            }
    omp_set_num_threads(before);
}

/* One thread alone (outside a parallel region it is thread 0) takes its
 * own part from the front, then the others' from their backs, in turn. */
static void a_thread_takes_its_own_part_first_then_others_from_the_back(void **state) {
    (void)state;
    int before = omp_get_max_threads();
    omp_set_num_threads(4);
    smp_split split;
    smp_split_init(&split, 20, 2); /* parts [0, 5) [5, 10) [10, 15) [15, 20) */
    const uint32_t expected[][2] = {{0, 2},   {2, 4},   {4, 5},   {8, 10}, {6, 8}, {5, 6},
                                    {13, 15}, {11, 13}, {10, 11}, {18, 20}, {16, 18}, {15, 16}};
    uint32_t begin, end;
    for (size_t k = 0; k < sizeof expected / sizeof *expected; k++) {
        assert_true(smp_split_take(&split, &begin, &end));
        assert_int_equal(begin, expected[k][0]);
        assert_int_equal(end, expected[k][1]);
    }
    assert_false(smp_split_take(&split, &begin, &end));
    omp_set_num_threads(before);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_item_is_taken_once),
        cmocka_unit_test(a_thread_takes_its_own_part_first_then_others_from_the_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
