#include "cmark_arena.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Each block starts with a 16-byte header holding its size, so that realloc (libcmark grows its
// buffers with it) can copy what the block held.
enum { chunk_size = 256 * 1024, header_size = 16 };

typedef struct {
    char **chunks;          // every chunk this thread made, kept for the next page
    size_t chunk_count;
    size_t chunk_index;     // the chunk being filled
    size_t used;            // bytes of it handed out
    void **large;           // blocks too large for a chunk, freed by reset
    size_t large_count;
    size_t large_capacity;
} arena;

static _Thread_local arena current;
static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

static void *checked(void *memory, size_t size) {
    if (memory == NULL) {
        fprintf(stderr, "reportgen: out of memory (%zu bytes for libcmark)\n", size);
        abort();
    }
    return memory;
}

// A thread that ends gives its chunks back (the key's value is only a marker that it has some).
static void release_thread_arena(void *unused) {
    (void)unused;
    reportgen_arena_reset();
    for (size_t index = 0; index < current.chunk_count; index++) free(current.chunks[index]);
    free(current.chunks);
    free(current.large);
    memset(&current, 0, sizeof current);
}

static void make_exit_key(void) { pthread_key_create(&exit_key, release_thread_arena); }

static void add_first_chunk(void) {
    pthread_once(&exit_key_once, make_exit_key);
    pthread_setspecific(exit_key, (void *)1);
    current.chunks = checked(malloc(sizeof(char *)), sizeof(char *));
    current.chunks[0] = checked(malloc(chunk_size), chunk_size);
    current.chunk_count = 1;
    current.chunk_index = 0;
    current.used = 0;
}

static void *allocate(size_t size) {
    size_t total = (size + header_size + 15) & ~(size_t)15;
    char *block;
    if (total > chunk_size / 4) {
        block = checked(malloc(total), total);
        if (current.large_count == current.large_capacity) {
            size_t capacity = current.large_capacity ? current.large_capacity * 2 : 8;
            current.large = checked(realloc(current.large, capacity * sizeof(void *)), capacity * sizeof(void *));
            current.large_capacity = capacity;
        }
        current.large[current.large_count++] = block;
    } else {
        if (current.chunk_count == 0) add_first_chunk();
        if (current.used + total > chunk_size) {
            current.chunk_index++;
            if (current.chunk_index == current.chunk_count) {
                size_t bytes = (current.chunk_count + 1) * sizeof(char *);
                current.chunks = checked(realloc(current.chunks, bytes), bytes);
                current.chunks[current.chunk_count++] = checked(malloc(chunk_size), chunk_size);
            }
            current.used = 0;
        }
        block = current.chunks[current.chunk_index] + current.used;
        current.used += total;
    }
    memcpy(block, &size, sizeof size);
    return block + header_size;
}

void *reportgen_arena_calloc(size_t count, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) checked(NULL, SIZE_MAX);
    void *memory = allocate(bytes);
    memset(memory, 0, bytes);
    return memory;
}

void *reportgen_arena_realloc(void *pointer, size_t size) {
    void *memory = allocate(size);
    if (pointer != NULL) {
        size_t old_size;
        memcpy(&old_size, (char *)pointer - header_size, sizeof old_size);
        memcpy(memory, pointer, old_size < size ? old_size : size);
    }
    return memory;
}

void reportgen_arena_free(void *pointer) { (void)pointer; }

void reportgen_arena_reset(void) {
    current.chunk_index = 0;
    current.used = 0;
    for (size_t index = 0; index < current.large_count; index++) free(current.large[index]);
    current.large_count = 0;
}
