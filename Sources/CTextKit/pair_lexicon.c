// The language stage's word lexicon for close language pairs (pair_lexicon.txt, written by
// scripts/language-lexicon/generate.py), compiled into the binary like the n-gram model.
#include "ctextkit.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char lexicon[] = {
#embed "pair_lexicon.txt"
};

const unsigned char *ctk_pair_lexicon(size_t *length) {
    *length = sizeof lexicon;
    return lexicon;
}
