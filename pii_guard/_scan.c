/* The detector's text-wide scans, in one loop over the characters.
 *
 * Python's re tests a character class at every character of a text it searches (about 20
 * cycles a character), and the detector searched every text that way once per question: for
 * digit runs (the candidate regex) and for each gate of a rarer reading (numerals and OCR
 * letters, dotted groups, comma groups, boxes with bars). Here the same questions
 * are answered with one table look-up a character. What the characters are stays in Python:
 * the caller passes a table of class bits per code point, built from the detector's own
 * constants, and the candidate regex itself is still what reads a candidate (see
 * pii_guard/detect/detector.py: Detector._wide_scans). Without this module, or with
 * PII_GUARD_PURE=1, the detector runs the regexes it replaces; property tests hold the two equal.
 *
 * words() finds a recognizer's context words in a window around a candidate, as re finds the trie
 * regex of pii_guard/detect/context.py (word_trie), which costs re a try at every character and a
 * match object a word.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* class bits: the table's values (detector.py: _CHAR_CLASSES) */
#define DIGIT 1        /* a digit of a candidate: ASCII or full-width */
#define SEPARATOR 2    /* what may sit between the digits of one number */
#define NUMERAL 4      /* a Chinese numeral read as a digit */
#define OCR_LETTER 8   /* a letter OCR reads for a digit */
#define NUMERAL_SEP 16 /* what may sit between two numerals */
#define DOT 32         /* a dot between groups of digits */
#define COMMA_MARK 64  /* a comma or enumeration comma between groups (ASCII, full-width) */
#define BAR 128        /* a bar between the boxes of a form */
#define PAUSE 256      /* what opens a spoken pause between groups: a filler word, an ellipsis … */
#define PAUSE_MARK 512 /* a space or a comma before such a pause */
#define LOOKALIKE 1024 /* a look-alike digit (circled, superscript, another script's): a NUMERAL too */
#define WEAK_PAUSE 2048 /* a PAUSE that opens ordinary sentences too (是, 对, 我): only where filler
                           characters and PAUSE_MARKs, then an ASCII digit, follow within WEAK_REACH */
#define FILLER_CHAR 4096 /* a character of a filler word */
#define WIDE_DIGIT 8192  /* a full-width digit (a DIGIT too) */
#define WEAK_REACH 15     /* detector.py's _WEAK_REACH (the gate test holds the two alike) */
#define GATE_MARKS (NUMERAL | OCR_LETTER | DOT | COMMA_MARK | BAR | PAUSE | WIDE_DIGIT)

/* Where each gate first matches, -1 where it does not (the regexes they stand for are named). */
typedef struct {
    Py_ssize_t rare;        /* _RARE_FORMS_GATE */
    Py_ssize_t dotted;      /* _DOTTED_GATE: "." then 3-8 digits, a DOT, a digit */
    Py_ssize_t dotted_wide; /* _DOTTED_GATE_WIDE: the same from any DOT */
    Py_ssize_t comma;       /* _COMMA_GATE: a COMMA_MARK, 3-8 digits, a COMMA_MARK, a digit */
    Py_ssize_t bars;        /* _BAR_GATE: digit, BAR, digit, BAR, digit (a space or none around each BAR) */
    Py_ssize_t pause;       /* _PAUSE_GATE: an ASCII digit, a PAUSE_MARK or not, a PAUSE (a WEAK_PAUSE
                               with an ASCII digit within WEAK_REACH characters after it) */
    Py_ssize_t lookalike;   /* _LOOKALIKE_RUN: two LOOKALIKE characters in a row */
    Py_ssize_t wide;        /* _WIDE_DIGIT: a WIDE_DIGIT */
} Gates;

typedef struct {
    const uint16_t *table;
    Py_ssize_t size;
    int kind;
    const void *data;
    Py_ssize_t length;
} Text;

/* The class bits of code point c: 0 past the end of the table. */
static inline unsigned int class_of(const Text *t, Py_UCS4 c) {
    return (Py_ssize_t)c < t->size ? t->table[c] : 0;
}

static inline unsigned int class_at(const Text *t, Py_ssize_t i) {
    return class_of(t, PyUnicode_READ(t->kind, t->data, i));
}

/* A space that may set a box's bar apart from its digits: ASCII or ideographic. */
static inline int box_space(const Text *t, Py_ssize_t i) {
    Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
    return c == ' ' || c == 0x3000;
}

/* _BAR_GATE at the BAR t[i]: a digit, a BAR, a digit, a BAR, a digit, a space or none on either
   side of each BAR (1|3|8, 2 | 3 | 0). Returns where its first digit is, or -1. */
static Py_ssize_t bar_boxes_at(const Text *t, Py_ssize_t i) {
    Py_ssize_t start = i - 1, j = i + 1;
    if (start >= 0 && box_space(t, start))
        start--;
    if (start < 0 || !(class_at(t, start) & DIGIT))
        return -1;
    if (j < t->length && box_space(t, j))
        j++;
    if (j >= t->length || !(class_at(t, j) & DIGIT))
        return -1;
    j++;
    if (j < t->length && box_space(t, j))
        j++;
    if (j >= t->length || !(class_at(t, j) & BAR))
        return -1;
    j++;
    if (j < t->length && box_space(t, j))
        j++;
    if (j >= t->length || !(class_at(t, j) & DIGIT))
        return -1;
    return start;
}

static inline int is_ascii_digit(const Text *t, Py_ssize_t i) {
    Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
    return c >= '0' && c <= '9';
}

static int open_text(PyObject *text, PyObject *classes, Text *t) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be str");
        return -1;
    }
    if (!PyBytes_Check(classes) || PyBytes_GET_SIZE(classes) % 2) {
        PyErr_SetString(PyExc_TypeError, "classes must be bytes of native uint16 values");
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000 /* strings are always ready from 3.12 on */
    if (PyUnicode_READY(text) < 0)
        return -1;
#endif
    t->table = (const uint16_t *)PyBytes_AS_STRING(classes);
    t->size = PyBytes_GET_SIZE(classes) / 2;
    t->kind = PyUnicode_KIND(text);
    t->data = PyUnicode_DATA(text);
    t->length = PyUnicode_GET_LENGTH(text);
    return 0;
}

static int append_span(PyObject *out, Py_ssize_t start, Py_ssize_t end) {
    PyObject *a = PyLong_FromSsize_t(start), *b = PyLong_FromSsize_t(end);
    int failed = a == NULL || b == NULL || PyList_Append(out, a) < 0 || PyList_Append(out, b) < 0;
    Py_XDECREF(a);
    Py_XDECREF(b);
    return failed ? -1 : 0;
}

/* One pass over text of one code-unit type: the chains and the gate's first match. */
#define SCAN_BODY(T)                                                                              \
    {                                                                                             \
        const T *chars = (const T *)t->data;                                                      \
        Py_ssize_t n = t->length, i = 0;                                                          \
        while (i < n) {                                                                           \
            unsigned int k = class_of(t, chars[i]);                                               \
            if (k & GATE_MARKS)                                                                   \
                gates_at(t, i, k, gates);                                                         \
            if (!(k & DIGIT)) {                                                                   \
                i++;                                                                              \
                continue;                                                                         \
            }                                                                                     \
            Py_ssize_t start = i, last = i, digits = 1, gap = 0, j;                               \
            for (j = i + 1; j < n; j++) {                                                         \
                unsigned int m = class_of(t, chars[j]);                                           \
                if (m & GATE_MARKS)                                                               \
                    gates_at(t, j, m, gates);                                                     \
                if (m & DIGIT) {                                                                  \
                    digits++;                                                                     \
                    last = j;                                                                     \
                    gap = 0;                                                                      \
                } else if ((m & SEPARATOR) && gap < max_gap) {                                    \
                    gap++;                                                                        \
                } else {                                                                          \
                    break;                                                                        \
                }                                                                                 \
            }                                                                                     \
            if (digits >= min_digits && append_span(out, start, last + 1) < 0)                    \
                return -1;                                                                        \
            i = last + 1;                                                                         \
        }                                                                                         \
    }

/* Whether a numeral, optionally after one NUMERAL_SEP, is at *j; moves *j past it. */
static inline int numeral_next(const Text *t, Py_ssize_t *j) {
    if (*j < t->length && (class_at(t, *j) & NUMERAL)) {
        *j += 1;
        return 1;
    }
    if (*j + 1 < t->length && (class_at(t, *j) & NUMERAL_SEP) && (class_at(t, *j + 1) & NUMERAL)) {
        *j += 2;
        return 1;
    }
    return 0;
}

static inline int is_ascii_letter(const Text *t, Py_ssize_t i) {
    Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Whether the n characters before i are all ASCII digits. */
static inline int digits_before(const Text *t, Py_ssize_t i, Py_ssize_t n) {
    if (i < n)
        return 0;
    for (Py_ssize_t k = i - n; k < i; k++)
        if (!is_ascii_digit(t, k))
            return 0;
    return 1;
}

/* Whether the rare-forms gate matches at i: three NUMERAL characters in a row, each pair with at
 * most one NUMERAL_SEP between them, or a LOOKALIKE beside a DIGIT, or an OCR_LETTER between two
 * ASCII digits (a space on one side or none, or another OCR_LETTER after it), or after eight ASCII digits and not before an ASCII letter but an OCR_LETTER or X,
 * or an l, I or b before an ASCII digit and not after an ASCII letter or digit, or a DOT after a
 * DIGIT that follows no DIGIT, before a DIGIT, a DOT and a DIGIT (1.3.6…). */
static int rare_at(const Text *t, Py_ssize_t i) {
    unsigned int k = class_at(t, i);
    if (k & NUMERAL) {
        Py_ssize_t j = i + 1;
        if (numeral_next(t, &j) && numeral_next(t, &j))
            return 1;
        return (k & LOOKALIKE) && ((i > 0 && (class_at(t, i - 1) & DIGIT)) || (i + 1 < t->length && (class_at(t, i + 1) & DIGIT)));
    }
    if (k & DOT)
        return i > 0 && (class_at(t, i - 1) & DIGIT) && !(i > 1 && (class_at(t, i - 2) & DIGIT)) && i + 3 < t->length
               && (class_at(t, i + 1) & DIGIT) && (class_at(t, i + 2) & DOT) && (class_at(t, i + 3) & DIGIT);
    if (!(k & OCR_LETTER))
        return 0;
    if (i > 1 && PyUnicode_READ(t->kind, t->data, i - 1) == ' ' && is_ascii_digit(t, i - 2) && i + 1 < t->length
        && is_ascii_digit(t, i + 1))
        return 1; /* a group opens with it: 7901 O858 */
    if (i > 0 && is_ascii_digit(t, i - 1)) {
        if (i + 1 < t->length && is_ascii_digit(t, i + 1))
            return 1;
        if (i + 2 < t->length && (class_at(t, i + 1) & OCR_LETTER) && is_ascii_digit(t, i + 2))
            return 1; /* two of them for 00: 13OO6522541 */
        if (i + 2 < t->length && PyUnicode_READ(t->kind, t->data, i + 1) == ' ' && is_ascii_digit(t, i + 2))
            return 1; /* a group ends with it: 871B 7318 */
        if (digits_before(t, i, 8)) {
            if (i + 1 >= t->length || !is_ascii_letter(t, i + 1))
                return 1;
            Py_UCS4 next = PyUnicode_READ(t->kind, t->data, i + 1);
            if ((class_at(t, i + 1) & OCR_LETTER) || next == 'X' || next == 'x')
                return 1;
        }
    }
    Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
    return (c == 'l' || c == 'I' || c == 'b') && i + 1 < t->length && is_ascii_digit(t, i + 1)
           && !(i > 0 && (is_ascii_digit(t, i - 1) || is_ascii_letter(t, i - 1)));
}

/* How many DIGIT characters run from i, counting up to most. */
static inline Py_ssize_t digit_run(const Text *t, Py_ssize_t i, Py_ssize_t most) {
    Py_ssize_t n = 0;
    while (n < most && i + n < t->length && (class_at(t, i + n) & DIGIT))
        n++;
    return n;
}

/* Whether after the mark at i come from..to digits (a run of exactly that many), a character of
 * class after_mark, and a digit. */
static int group_then_mark(const Text *t, Py_ssize_t i, Py_ssize_t from, Py_ssize_t to, unsigned int after_mark) {
    Py_ssize_t run = digit_run(t, i + 1, to + 1), j = i + 1 + run;
    return run >= from && run <= to && j + 1 < t->length && (class_at(t, j) & after_mark) && (class_at(t, j + 1) & DIGIT);
}

/* Whether an ASCII comma at i, a space, 4-8 digits, a comma, a space and a digit follow (189, 1416,
 * 8810: groups read out with a comma and a space, the pure gate's ", DIGIT{4,8}, DIGIT"). */
static int spaced_comma_group_at(const Text *t, Py_ssize_t i) {
    if (i + 1 >= t->length || PyUnicode_READ(t->kind, t->data, i + 1) != ' ')
        return 0;
    Py_ssize_t run = digit_run(t, i + 2, 9), j = i + 2 + run;
    return run >= 4 && run <= 8 && j + 2 < t->length && PyUnicode_READ(t->kind, t->data, j) == ','
        && PyUnicode_READ(t->kind, t->data, j + 1) == ' ' && (class_at(t, j + 2) & DIGIT);
}

/* The gates that can open at i (class k), each recorded where it first matches. */
static void gates_at(const Text *t, Py_ssize_t i, unsigned int k, Gates *g) {
    if ((k & LOOKALIKE) && g->lookalike < 0 && i + 1 < t->length && (class_at(t, i + 1) & LOOKALIKE))
        g->lookalike = i;
    if ((k & WIDE_DIGIT) && g->wide < 0)
        g->wide = i;
    if (g->rare < 0 && (k & (NUMERAL | OCR_LETTER | DOT)) && rare_at(t, i))
        g->rare = i;
    if (k & DOT) {
        if (g->dotted_wide < 0 && group_then_mark(t, i, 3, 8, DOT))
            g->dotted_wide = i;
        if (g->dotted < 0 && PyUnicode_READ(t->kind, t->data, i) == '.' && group_then_mark(t, i, 3, 8, DOT))
            g->dotted = i;
    }
    if ((k & COMMA_MARK) && g->comma < 0) {
        int ascii = PyUnicode_READ(t->kind, t->data, i) == ',';
        if (group_then_mark(t, i, ascii ? 4 : 3, 8, COMMA_MARK) || (ascii && spaced_comma_group_at(t, i)))
            g->comma = i; /* after an ASCII comma four digits at least: an amount's groups hold three */
    }
    if ((k & BAR) && g->bars < 0)
        g->bars = bar_boxes_at(t, i);
    if ((k & PAUSE) && g->pause < 0 && i > 0) {
        int digit_follows = !(k & WEAK_PAUSE);
        if (!digit_follows) {
            Py_ssize_t j = i + 1;
            while (j < t->length && j <= i + WEAK_REACH && (class_at(t, j) & (FILLER_CHAR | PAUSE_MARK)))
                j++;
            digit_follows = j < t->length && j <= i + WEAK_REACH && is_ascii_digit(t, j);
        }
        if (digit_follows) {
            if (is_ascii_digit(t, i - 1))
                g->pause = i - 1;
            else if (i > 1 && (class_at(t, i - 1) & PAUSE_MARK) && is_ascii_digit(t, i - 2))
                g->pause = i - 2;
        }
    }
}

static int scan_text(const Text *t, Py_ssize_t min_digits, Py_ssize_t max_gap, PyObject *out, Gates *gates) {
    gates->rare = gates->dotted = gates->dotted_wide = gates->comma = gates->bars = gates->pause = gates->lookalike = gates->wide = -1;
    switch (t->kind) {
    case PyUnicode_1BYTE_KIND:
        SCAN_BODY(Py_UCS1)
        break;
    case PyUnicode_2BYTE_KIND:
        SCAN_BODY(Py_UCS2)
        break;
    default:
        SCAN_BODY(Py_UCS4)
        break;
    }
    return 0;
}

PyDoc_STRVAR(scan_doc,
"scan(text, classes, min_digits, max_gap) -> (list[int], int, int, int, int, int, int, int, int)\n\n"
"In one pass: the start and end of every maximal chain of DIGIT characters joined by at most\n"
"max_gap SEPARATOR characters that holds at least min_digits digits, flat ([start0, end0,\n"
"start1, end1, ...]; a chain ends at its last digit), and where each gate first matches (-1:\n"
"nowhere): the rare forms (three NUMERAL characters in a row, each pair with at most one\n"
"NUMERAL_SEP between them, an OCR_LETTER between two ASCII digits (a space on one side or\n"
"none, or another OCR_LETTER after it) or after eight and not\n"
"before an ASCII letter but an OCR_LETTER or X,\n"
"or an l or I before an ASCII digit and not after an ASCII letter or digit), dotted groups from an\n"
"ASCII dot and from any DOT (a run of 3-8 digits, a DOT, a digit), comma groups (a COMMA_MARK,\n"
"a run of 3-8 digits, 4-8 after an ASCII comma, a COMMA_MARK, a digit), boxes (digit, BAR, digit,\n"
"BAR, digit; a space or none around each BAR), pauses (an ASCII digit, a PAUSE_MARK or not, a\n"
"PAUSE), look-alike digits (two\n"
"LOOKALIKE in a row) and full-width ones (a WIDE_DIGIT). classes: a native uint16\n"
"per code point.");

static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *text, *classes;
    Py_ssize_t min_digits, max_gap;
    Gates g;
    Text t;
    if (!PyArg_ParseTuple(args, "OOnn:scan", &text, &classes, &min_digits, &max_gap) || open_text(text, classes, &t) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    if (scan_text(&t, min_digits, max_gap, out, &g) < 0) {
        Py_DECREF(out);
        return NULL;
    }
    return Py_BuildValue("(Nnnnnnnnn)", out, g.rare, g.dotted, g.dotted_wide, g.comma, g.bars, g.pause, g.lookalike, g.wide);
}

/* Context words: a trie flattened by pii_guard/detect/context.py (trie_tables), matched the way
 * Python's re matches the regex word_trie() writes for the same words. Nodes are three uint32s
 * each (first edge, edge count, flags); edges two (code point, child), sorted by code point within
 * a node; firsts a bitmap of the code points below 65536 that start a word. */
#define WORD_END 1 /* a word ends at this node */
#define GAPS 2     /* gap characters may come before the next character (after a Han one) */
#define MOST_GAPS 4 /* how many: context.MOST_WORD_GAPS (账    号：, a label spaced to a wider one's width) */

typedef struct {
    const uint32_t *nodes;
    Py_ssize_t node_count;
    const uint32_t *edges;
    Py_ssize_t edge_count;
    const unsigned char *firsts;
    Py_ssize_t first_bits;
    Py_UCS4 gap1, gap2;
} Trie;

static Py_ssize_t child_of(const Trie *tr, uint32_t node, Py_UCS4 c) {
    uint32_t first = tr->nodes[3 * node], n = tr->nodes[3 * node + 1], a = 0, b = n;
    const uint32_t *e = tr->edges + 2 * (Py_ssize_t)first;
    while (a < b) {
        uint32_t m = a + (b - a) / 2;
        if (e[2 * m] < c)
            a = m + 1;
        else
            b = m;
    }
    return a < n && e[2 * a] == c ? (Py_ssize_t)e[2 * a + 1] : -1;
}

static inline int is_gap(const Trie *tr, Py_UCS4 c) {
    return c == tr->gap1 || c == tr->gap2;
}

/* The end of the longest word that starts at p and ends by hi, or -1. The regex tries up to MOST_GAPS
 * gap characters greedily before each character after a Han one; no edge of such a node is a gap
 * character (the builder checks), so only the number of gap characters actually there can go on. */
static Py_ssize_t longest_at(const Trie *tr, const Text *t, Py_ssize_t p, Py_ssize_t hi) {
    uint32_t node = 0;
    Py_ssize_t q = p, best = -1;
    while (q < hi) {
        Py_ssize_t child = child_of(tr, node, PyUnicode_READ(t->kind, t->data, q));
        if (child < 0)
            break;
        node = (uint32_t)child;
        q++;
        uint32_t flags = tr->nodes[3 * node + 2];
        if (flags & WORD_END)
            best = q;
        if (flags & GAPS) {
            Py_ssize_t g = 0;
            while (g <= MOST_GAPS && q + g < hi && is_gap(tr, PyUnicode_READ(t->kind, t->data, q + g)))
                g++;
            if (g > MOST_GAPS || (g > 0 && (q + g >= hi || child_of(tr, node, PyUnicode_READ(t->kind, t->data, q + g)) < 0)))
                break;
            q += g;
        }
    }
    return best;
}

static int buffer_of(PyObject *o, const char *what, const void **data, Py_ssize_t *size) {
    if (!PyBytes_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be bytes", what);
        return -1;
    }
    *data = PyBytes_AS_STRING(o);
    *size = PyBytes_GET_SIZE(o);
    return 0;
}

/* A trie checked once, when it is made, and kept with the bytes it points into: checking every
 * edge and child on each call cost more than the matching itself (the tables hold ~1,000 edges
 * and a window ~30 characters). */
#define TRIE_CAPSULE "pii_guard._scan.trie"

typedef struct {
    Trie trie;
    PyObject *owners[3]; /* nodes, edges, firsts: the buffers the trie reads */
} OwnedTrie;

static void trie_free(PyObject *capsule) {
    OwnedTrie *owned = (OwnedTrie *)PyCapsule_GetPointer(capsule, TRIE_CAPSULE);
    if (owned == NULL)
        return;
    for (int i = 0; i < 3; i++)
        Py_XDECREF(owned->owners[i]);
    PyMem_Free(owned);
}

PyDoc_STRVAR(trie_doc,
"trie(nodes, edges, firsts, gaps) -> trie\n\n"
"The tables of pii_guard/detect/context.py's trie_tables() checked (every edge and child within\n"
"bounds; ValueError if not) and kept for words(). gaps: the two characters that may sit between\n"
"the characters of a word after a Han one.");

static PyObject *trie(PyObject *self, PyObject *args) {
    PyObject *nodes, *edges, *firsts, *gaps;
    Py_ssize_t size;
    const void *data;
    Trie tr;
    if (!PyArg_ParseTuple(args, "OOOU:trie", &nodes, &edges, &firsts, &gaps))
        return NULL;
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(gaps) < 0)
        return NULL;
#endif
    if (buffer_of(nodes, "nodes", &data, &size) < 0)
        return NULL;
    tr.nodes = (const uint32_t *)data;
    tr.node_count = size / 12;
    if (buffer_of(edges, "edges", &data, &size) < 0)
        return NULL;
    tr.edges = (const uint32_t *)data;
    tr.edge_count = size / 8;
    if (buffer_of(firsts, "firsts", &data, &size) < 0)
        return NULL;
    tr.firsts = (const unsigned char *)data;
    tr.first_bits = size * 8;
    if (tr.node_count < 1 || PyUnicode_GET_LENGTH(gaps) != 2) {
        PyErr_SetString(PyExc_ValueError, "a trie needs a root node and two gap characters");
        return NULL;
    }
    /* every edge and child within bounds: a malformed table must not read past its buffers */
    for (Py_ssize_t i = 0; i < tr.node_count; i++) {
        if ((Py_ssize_t)tr.nodes[3 * i] + (Py_ssize_t)tr.nodes[3 * i + 1] > tr.edge_count) {
            PyErr_SetString(PyExc_ValueError, "trie edges out of range");
            return NULL;
        }
    }
    for (Py_ssize_t i = 0; i < tr.edge_count; i++) {
        if ((Py_ssize_t)tr.edges[2 * i + 1] >= tr.node_count) {
            PyErr_SetString(PyExc_ValueError, "trie child out of range");
            return NULL;
        }
    }
    tr.gap1 = PyUnicode_READ_CHAR(gaps, 0);
    tr.gap2 = PyUnicode_READ_CHAR(gaps, 1);
    OwnedTrie *owned = PyMem_Malloc(sizeof(OwnedTrie));
    if (owned == NULL)
        return PyErr_NoMemory();
    owned->trie = tr;
    owned->owners[0] = Py_NewRef(nodes);
    owned->owners[1] = Py_NewRef(edges);
    owned->owners[2] = Py_NewRef(firsts);
    PyObject *capsule = PyCapsule_New(owned, TRIE_CAPSULE, trie_free);
    if (capsule == NULL) {
        for (int i = 0; i < 3; i++)
            Py_DECREF(owned->owners[i]);
        PyMem_Free(owned);
    }
    return capsule;
}

PyDoc_STRVAR(words_doc,
"words(text, lo, hi, trie, first_only) -> list[int]\n\n"
"The words of a trie (made by trie()) found in text[lo:hi] as re's finditer finds the regex\n"
"word_trie() writes for them: from left to right, at each place the longest word there, the\n"
"search going on after it; flat ([start0, end0, start1, end1, ...]). first_only: stop at the\n"
"first word found.");

static PyObject *words(PyObject *self, PyObject *args) {
    PyObject *text, *capsule;
    Py_ssize_t lo, hi;
    int first_only;
    Text t;
    if (!PyArg_ParseTuple(args, "UnnOp:words", &text, &lo, &hi, &capsule, &first_only))
        return NULL;
    OwnedTrie *owned = (OwnedTrie *)PyCapsule_GetPointer(capsule, TRIE_CAPSULE);
    if (owned == NULL)
        return NULL;
    const Trie *tr = &owned->trie;
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0)
        return NULL;
#endif
    t.table = NULL;
    t.size = 0;
    t.kind = PyUnicode_KIND(text);
    t.data = PyUnicode_DATA(text);
    t.length = PyUnicode_GET_LENGTH(text);
    if (lo < 0)
        lo = 0;
    if (hi > t.length)
        hi = t.length;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t p = lo;
    while (p < hi) {
        Py_UCS4 c = PyUnicode_READ(t.kind, t.data, p);
        if ((Py_ssize_t)c < tr->first_bits && !(tr->firsts[c >> 3] & (1 << (c & 7)))) {
            p++;
            continue;
        }
        Py_ssize_t end = longest_at(tr, &t, p, hi);
        if (end < 0) {
            p++;
            continue;
        }
        if (append_span(out, p, end) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        if (first_only)
            break;
        p = end;
    }
    return out;
}

/* marks(): the gates of the rarer readings that open at a mark next to a digit, which the
 * detector tested with str.find for each mark and a Python test at each place found: the commas,
 * enumeration commas and 一 of most Chinese texts made those loops cost more than the rest of a
 * text's scans. Here one table look-up a character (detector.py: _MARK_CLASSES, a byte per BMP
 * code point), each gate recorded where it first opens, as the Python functions named find it. */
#define AREA_MARK 1       /* _area_dot_gate: a dot or slash after a 0 and two or three digits */
#define SINGLE_NUMERAL 2  /* _single_numeral_gate: a numeral beside an ASCII digit */
#define REPEAT_FIRST 4    /* _repeated_gate: the first character of a word saying a digit twice */
#define KEYPAD_MARK 8     /* _keypad_gate: a mark between single digits keyed one by one; _group_comma_gate's commas are some */
#define SLASH 16          /* _slash_gate: a slash, 3-8 digits, a slash, a digit */
#define CLOSE_BRACKET 32  /* _bracket_gate: a bracket closing an area code */
#define AFTER_BRACKET 64  /* what follows such a bracket */
#define ANY_DIGIT 128     /* a digit, ASCII or full-width (detector.py: _DIGITS) */

/* The byte per BMP code point a table holds (NULL with ValueError where it is not 65536 bytes), once
 * text is ready to read: what marks() and fold() both take. */
static const unsigned char *bmp_table(PyObject *table, const char *what, PyObject *text) {
    if (PyBytes_GET_SIZE(table) != 0x10000) {
        PyErr_Format(PyExc_ValueError, "the %s table must hold 65536 bytes", what);
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000 /* strings are always ready from 3.12 on */
    if (PyUnicode_READY(text) < 0)
        return NULL;
#endif
    return (const unsigned char *)PyBytes_AS_STRING(table);
}

static inline unsigned int mark_of(const unsigned char *table, int kind, const void *data, Py_ssize_t n, Py_ssize_t i) {
    if (i < 0 || i >= n)
        return 0;
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    return c < 0x10000 ? table[c] : 0;
}

static inline int ascii_digit_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i) {
    if (i < 0 || i >= n)
        return 0;
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    return c >= '0' && c <= '9';
}

PyDoc_STRVAR(marks_doc,
"marks(text, table, repeat_words, group_commas, start=0, want=-1) -> (area_dot, slash, bracket, numeral, said, keyed, comma)\n\n"
"Where each of seven gates first opens in text from start on, -1 where it does not: the detector's\n"
"_area_dot_gate, _slash_gate, _bracket_gate, _single_numeral_gate, _repeated_gate (its words:\n"
"repeat_words), _keypad_gate and _group_comma_gate (a character of group_commas with a digit one\n"
"or two places before it and one or two after). table: a byte of class bits per BMP code point.\n"
"want: the place of one gate in the answer; the scan stops where that gate opens (the others\n"
"then tell only what was seen before it).");

static PyObject *marks(PyObject *self, PyObject *args) {
    PyObject *text, *table_bytes, *words, *commas;
    Py_ssize_t start = 0, want = -1;
    if (!PyArg_ParseTuple(args, "USO!U|nn:marks", &text, &table_bytes, &PyTuple_Type, &words, &commas, &start, &want))
        return NULL;
    const unsigned char *table = bmp_table(table_bytes, "mark", text);
    if (table == NULL)
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), words_n = PyTuple_GET_SIZE(words);
    Py_ssize_t area_dot = -1, slash = -1, bracket = -1, numeral = -1, said = -1, keyed = -1, comma = -1;
    Py_ssize_t *gates[7] = {&area_dot, &slash, &bracket, &numeral, &said, &keyed, &comma};
    if (start < 0)
        start = 0;
    for (Py_ssize_t i = start; i < n; i++) {
        if (want >= 0 && want < 7 && *gates[want] >= 0)
            break;
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        unsigned int k = c < 0x10000 ? table[c] : 0;
        if (!(k & (AREA_MARK | SINGLE_NUMERAL | REPEAT_FIRST | KEYPAD_MARK | SLASH | CLOSE_BRACKET)))
            continue;
        if ((k & AREA_MARK) && area_dot < 0 && i + 1 < n) {
            Py_UCS4 next = PyUnicode_READ(kind, data, i + 1);
            if (next >= '1' && next <= '9') {
                for (Py_ssize_t width = 3; width <= 4 && area_dot < 0; width++) {
                    if (i < width || PyUnicode_READ(kind, data, i - width) != '0')
                        continue;
                    Py_ssize_t j = i - width + 1;
                    while (j < i && ascii_digit_at(kind, data, n, j))
                        j++;
                    if (j == i)
                        area_dot = i;
                }
            }
        }
        if ((k & SINGLE_NUMERAL) && numeral < 0
            && (ascii_digit_at(kind, data, n, i - 1) || ascii_digit_at(kind, data, n, i + 1)))
            numeral = i;
        if ((k & REPEAT_FIRST) && said < 0) {
            for (Py_ssize_t w = 0; w < words_n; w++) {
                PyObject *word = PyTuple_GET_ITEM(words, w);
                if (!PyUnicode_Check(word)) {
                    PyErr_SetString(PyExc_TypeError, "repeat_words must hold str");
                    return NULL;
                }
                Py_ssize_t size = PyUnicode_GET_LENGTH(word);
                if (size == 0 || i + size > n)
                    continue;
                Py_ssize_t at = PyUnicode_Tailmatch(text, word, i, i + size, -1);
                if (at < 0)
                    return NULL;
                if (at == 0)
                    continue;
                Py_ssize_t after = i + size;
                if (ascii_digit_at(kind, data, n, after)
                    && (ascii_digit_at(kind, data, n, after + 1) || ascii_digit_at(kind, data, n, i - 1))) {
                    said = i;
                    break;
                }
            }
        }
        if ((k & KEYPAD_MARK) && keyed < 0 && i >= 1 && ascii_digit_at(kind, data, n, i - 1)
            && !ascii_digit_at(kind, data, n, i - 2)) {
            Py_ssize_t j = (i + 1 < n && PyUnicode_READ(kind, data, i + 1) == ' ') ? i + 2 : i + 1;
            if (j + 1 < n && ascii_digit_at(kind, data, n, j) && PyUnicode_READ(kind, data, j + 1) == c)
                keyed = i;
        }
        if ((k & KEYPAD_MARK) && comma < 0
            && ((mark_of(table, kind, data, n, i - 1) & ANY_DIGIT) || (mark_of(table, kind, data, n, i - 2) & ANY_DIGIT))
            && ((mark_of(table, kind, data, n, i + 1) & ANY_DIGIT) || (mark_of(table, kind, data, n, i + 2) & ANY_DIGIT))
            && PyUnicode_FindChar(commas, c, 0, PyUnicode_GET_LENGTH(commas), 1) >= 0)
            comma = i;
        if ((k & SLASH) && slash < 0) {
            Py_ssize_t j = i + 1;
            while (j < n && (mark_of(table, kind, data, n, j) & ANY_DIGIT))
                j++;
            if (j - i - 1 >= 3 && j - i - 1 <= 8 && j + 1 < n && (mark_of(table, kind, data, n, j) & SLASH)
                && (mark_of(table, kind, data, n, j + 1) & ANY_DIGIT))
                slash = i;
        }
        if ((k & CLOSE_BRACKET) && bracket < 0 && i >= 1 && (mark_of(table, kind, data, n, i + 1) & AFTER_BRACKET)
            && (mark_of(table, kind, data, n, i - 1) & ANY_DIGIT))
            bracket = i;
    }
    return Py_BuildValue("(nnnnnnn)", area_dot, slash, bracket, numeral, said, keyed, comma);
}

/* fold(): normalise.py's fold_with_offsets, one table look-up a character.
 *
 * str.translate through a dict raises and clears a KeyError for every character the dict does not
 * hold (nearly all of them), about 50 ns a character: folding a 2 KB text that holds one zero-width
 * character cost more than reading its numbers. The table is normalise.FOLD_TABLE as
 * normalise._native_fold_table() writes it: one byte per BMP code point (0: unchanged, DROPPED: left
 * out, else the ASCII character it folds to) and a dict for the code points past the BMP. */
#define DROPPED 0xFF

static inline int fold_code(const unsigned char *bmp, PyObject *wide, Py_UCS4 c, unsigned int *to) {
    if (c < 0x10000) {
        *to = bmp[c];
        return 0;
    }
    *to = 0;
    if (PyDict_GET_SIZE(wide) == 0)
        return 0;
    PyObject *key = PyLong_FromUnsignedLong(c);
    if (key == NULL)
        return -1;
    PyObject *value = PyDict_GetItemWithError(wide, key);
    Py_DECREF(key);
    if (value == NULL)
        return PyErr_Occurred() ? -1 : 0;
    *to = (unsigned int)PyLong_AsUnsignedLong(value);
    return PyErr_Occurred() ? -1 : 0;
}

PyDoc_STRVAR(fold_doc,
"fold(text, bmp, wide, with_index) -> (folded, index)\n\n"
"text folded through the table (bmp: bytes of 65536, wide: {code point: byte}); index[i] is the\n"
"position in text of folded character i, None where no character was left out (or with_index is\n"
"false). text itself where nothing changes.");

static PyObject *fold(PyObject *self, PyObject *args) {
    PyObject *text, *table, *wide;
    int with_index;
    if (!PyArg_ParseTuple(args, "USO!p:fold", &text, &table, &PyDict_Type, &wide, &with_index))
        return NULL;
    const unsigned char *bmp = bmp_table(table, "fold", text);
    if (bmp == NULL)
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), kept = 0, i;
    Py_UCS4 maxchar = 0;
    int changed = 0;
    unsigned int to;
    for (i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (fold_code(bmp, wide, c, &to) < 0)
            return NULL;
        if (to == 0) {
            kept++;
            if (c > maxchar)
                maxchar = c;
        } else {
            changed = 1;
            if (to != DROPPED) {
                kept++;
                if (to > maxchar)
                    maxchar = to;
            }
        }
    }
    if (!changed) {
        if (PyUnicode_CheckExact(text))
            return Py_BuildValue("(OO)", text, Py_None);
        PyObject *plain = PyUnicode_FromObject(text); /* a str, as str.translate gives, not a subclass */
        return plain == NULL ? NULL : Py_BuildValue("(NO)", plain, Py_None);
    }
    PyObject *out = PyUnicode_New(kept, maxchar);
    if (out == NULL)
        return NULL;
    PyObject *index = NULL;
    if (with_index && kept < n) {
        index = PyList_New(kept);
        if (index == NULL) {
            Py_DECREF(out);
            return NULL;
        }
    }
    int out_kind = PyUnicode_KIND(out);
    void *out_data = PyUnicode_DATA(out);
    Py_ssize_t k = 0;
    for (i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (fold_code(bmp, wide, c, &to) < 0)
            goto fail;
        if (to == DROPPED)
            continue;
        PyUnicode_WRITE(out_kind, out_data, k, to ? (Py_UCS4)to : c);
        if (index != NULL) {
            PyObject *at = PyLong_FromSsize_t(i);
            if (at == NULL)
                goto fail;
            PyList_SET_ITEM(index, k, at);
        }
        k++;
    }
    PyObject *result = PyTuple_Pack(2, out, index != NULL ? index : Py_None);
    Py_DECREF(out);
    Py_XDECREF(index);
    return result;
fail:
    Py_DECREF(out);
    Py_XDECREF(index);
    return NULL;
}

PyDoc_STRVAR(dropped_doc,
"dropped(text, bmp, wide, lo, hi) -> int\n\n"
"The first index in text[lo:hi] of a character the fold table leaves out (a zero-width one),\n"
"-1 where there is none: the tables as fold() takes them, lo and hi clipped to the text as a\n"
"regex's pos and endpos are.");

/* dropped(): where fold() would leave a character out. A regex character class of the 300-odd
 * zero-width characters costs ~15 ns a character (a charset walk each); one table look-up, ~1 ns. */
static PyObject *dropped(PyObject *self, PyObject *args) {
    PyObject *text, *table, *wide;
    Py_ssize_t lo, hi;
    if (!PyArg_ParseTuple(args, "USO!nn:dropped", &text, &table, &PyDict_Type, &wide, &lo, &hi))
        return NULL;
    const unsigned char *bmp = bmp_table(table, "fold", text);
    if (bmp == NULL)
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (lo < 0)
        lo = 0;
    if (hi > n)
        hi = n;
    if (hi < 0)
        hi = 0;
    unsigned int to;
    for (Py_ssize_t i = lo; i < hi; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0x10000) {
            if (bmp[c] == DROPPED)
                return PyLong_FromSsize_t(i);
            continue;
        }
        if (fold_code(bmp, wide, c, &to) < 0)
            return NULL;
        if (to == DROPPED)
            return PyLong_FromSsize_t(i);
    }
    return PyLong_FromSsize_t(-1);
}

/* The marks a stretch of English words may hold between its letters (see english()). */
static inline int english_mark(Py_UCS4 c) {
    return c == ' ' || c == ',' || c == '.' || c == '-' || c == 0x3000 || c == 0xFF0C /* ， */ || c == 0x3001 /* 、 */
           || c == 0x3002 /* 。 */ || c == 0x2026 /* … */;
}

/* english()'s loop over text of one code-unit type: sets found and stops at the first stretch. */
#define ENGLISH_BODY(T)                                                                           \
    {                                                                                             \
        const T *chars = (const T *)PyUnicode_DATA(text);                                         \
        Py_ssize_t run = 0, opened = -1;                                                          \
        for (Py_ssize_t i = start < 0 ? 0 : start; i < n; i++) {                                  \
            Py_UCS4 c = chars[i];                                                                 \
            if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {                                      \
                if (run == 0)                                                                     \
                    opened = i;                                                                   \
                run++;                                                                            \
            } else if (run > 0 && english_mark(c)) {                                              \
                run++;                                                                            \
            } else {                                                                              \
                run = 0;                                                                          \
                continue;                                                                         \
            }                                                                                     \
            if (run >= least) {                                                                   \
                found = opened;                                                                   \
                break;                                                                            \
            }                                                                                     \
        }                                                                                         \
    }

PyDoc_STRVAR(english_doc,
"english(text, least, start=0) -> int\n\n"
"Where the first stretch of at least least characters opens, from start on, that is an ASCII\n"
"letter followed by ASCII letters and the marks between words (space, U+3000, comma, full-width\n"
"comma, enumeration comma, full stops, ellipsis, hyphen), or -1: detector.py's _ENGLISH_STRETCH,\n"
"where a number said in English may be.");

static PyObject *english(PyObject *self, PyObject *args) {
    PyObject *text;
    Py_ssize_t least, start = 0;
    if (!PyArg_ParseTuple(args, "On|n:english", &text, &least, &start))
        return NULL;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be str");
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0)
        return NULL;
#endif
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), found = -1;
    if (least > 0) {
        switch (PyUnicode_KIND(text)) {
        case PyUnicode_1BYTE_KIND:
            ENGLISH_BODY(Py_UCS1)
            break;
        case PyUnicode_2BYTE_KIND:
            ENGLISH_BODY(Py_UCS2)
            break;
        default:
            ENGLISH_BODY(Py_UCS4)
            break;
        }
    }
    return PyLong_FromSsize_t(found);
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, scan_doc},
    {"trie", trie, METH_VARARGS, trie_doc},
    {"words", words, METH_VARARGS, words_doc},
    {"fold", fold, METH_VARARGS, fold_doc},
    {"marks", marks, METH_VARARGS, marks_doc},
    {"dropped", dropped, METH_VARARGS, dropped_doc},
    {"english", english, METH_VARARGS, english_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "pii_guard._scan",
    "The detector's text-wide scans (digit chains, the numeral and OCR gate), context words and folding in C.", -1, methods,
};

PyMODINIT_FUNC PyInit__scan(void) {
    return PyModule_Create(&module);
}
