// The read buffer of the corpus pre-pass's workers (JSONLFileBlocks), one a thread, kept from
// block to block so that the kernel copies each block into memory the worker's cache holds
// already. A pthread key holds it too, so that it is freed when the thread ends (Dispatch ends
// idle threads).
#include "ctextkit.h"
#include <pthread.h>
#include <stdlib.h>

typedef struct {
    uint8_t *bytes;
    size_t capacity;
} block_buffer;
static _Thread_local block_buffer buffer_of_thread;
static pthread_key_t buffer_key;
static pthread_once_t buffer_key_once = PTHREAD_ONCE_INIT;

// The thread's buffer is forgotten with its memory.
static void free_block_buffer(void *bytes) {
    free(bytes);
    buffer_of_thread = (block_buffer){NULL, 0};
}

static void make_buffer_key(void) {
    if (pthread_key_create(&buffer_key, free_block_buffer) != 0) abort();
}

uint8_t *ctk_block_buffer(size_t capacity) {
    block_buffer *b = &buffer_of_thread;
    if (capacity <= b->capacity) return b->bytes;
    if (capacity > (size_t)1 << 22) return NULL;
    uint8_t *grown = realloc(b->bytes, capacity);
    if (grown == NULL) return NULL;
    *b = (block_buffer){grown, capacity};
    pthread_once(&buffer_key_once, make_buffer_key);
    pthread_setspecific(buffer_key, grown);
    return grown;
}
