#!/bin/sh
# Writes Sources/CTextKit/character_tables.bin (see Sources/CorpusCleanStages/Text/CharacterTables.swift):
# the BMP tables of WordCharacterTable and ScalarKindTable, from the Unicode properties of this
# toolchain's standard library and ICU. The test that writes them then fails (the binary holds
# the old file); the second run, on a binary built with the new file, must pass.
set -e
cd "$(dirname "$0")/.."
CORPUSCLEAN_WRITE_CHARACTER_TABLES="$PWD/Sources/CTextKit/character_tables.bin" \
    swift test --filter CharacterTablesTests >/dev/null 2>&1 || true
swift test --filter CharacterTablesTests
