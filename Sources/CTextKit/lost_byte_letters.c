// The letter shares per language that the normalize stage's lost-byte repair reads
// (lost_byte_letters.txt, written by scripts/repair-lexicon/generate.py), compiled into the binary.
#include "ctextkit.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char letters[] = {
#embed "lost_byte_letters.txt"
};

const unsigned char *ctk_lost_byte_letters(size_t *length) {
    *length = sizeof letters;
    return letters;
}
