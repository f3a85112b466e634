/* The detector's two text-wide scans, in one loop each over the characters.
 *
 * Python's re tests a character class at every character of a text it searches (about 20
 * cycles a character), and the detector searched every text twice that way: for digit runs
 * (the candidate regex) and for the gate of numerals and OCR letters. Here the same questions
 * are answered with one table look-up a character. What the characters are stays in Python:
 * the caller passes a table of class bits per code point, built from the detector's own
 * constants, and the candidate regex itself is still what reads a candidate (see
 * pii_guard/detect/detector.py: _candidate_spans, _rare_start). Without this module, or with
 * PII_GUARD_PURE=1, the detector runs the regexes it replaces; property tests hold the two equal.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* class bits: the table's values (detector.py: _CHAR_CLASSES) */
#define DIGIT 1        /* a digit of a candidate: ASCII or full-width */
#define SEPARATOR 2    /* what may sit between the digits of one number */
#define NUMERAL 4      /* a Chinese numeral read as a digit */
#define OCR_LETTER 8   /* a letter OCR reads for a digit */
#define NUMERAL_SEP 16 /* what may sit between two numerals */
#define ASCII_DIGIT 32

typedef struct {
    const unsigned char *table;
    Py_ssize_t size;
    int kind;
    const void *data;
    Py_ssize_t length;
} Text;

static inline unsigned char class_at(const Text *t, Py_ssize_t i) {
    Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
    return (Py_ssize_t)c < t->size ? t->table[c] : 0;
}

static int open_text(PyObject *text, PyObject *classes, Text *t) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be str");
        return -1;
    }
    if (!PyBytes_Check(classes)) {
        PyErr_SetString(PyExc_TypeError, "classes must be bytes");
        return -1;
    }
    if (PyUnicode_READY(text) < 0)
        return -1;
    t->table = (const unsigned char *)PyBytes_AS_STRING(classes);
    t->size = PyBytes_GET_SIZE(classes);
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

PyDoc_STRVAR(chains_doc,
"chains(text, classes, min_digits, max_gap) -> list[int]\n\n"
"Start and end of every maximal chain of DIGIT characters joined by at most max_gap SEPARATOR\n"
"characters that holds at least min_digits digits, flat: [start0, end0, start1, end1, ...].\n"
"A chain ends at its last digit.");

static PyObject *chains(PyObject *self, PyObject *args) {
    PyObject *text, *classes;
    Py_ssize_t min_digits, max_gap;
    Text t;
    if (!PyArg_ParseTuple(args, "OOnn:chains", &text, &classes, &min_digits, &max_gap) || open_text(text, classes, &t) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t i = 0;
    while (i < t.length) {
        if (!(class_at(&t, i) & DIGIT)) {
            i++;
            continue;
        }
        Py_ssize_t start = i, last = i, digits = 1, gap = 0;
        for (Py_ssize_t j = i + 1; j < t.length; j++) {
            unsigned char k = class_at(&t, j);
            if (k & DIGIT) {
                digits++;
                last = j;
                gap = 0;
            } else if ((k & SEPARATOR) && gap < max_gap) {
                gap++;
            } else {
                break;
            }
        }
        if (digits >= min_digits && append_span(out, start, last + 1) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        i = last + 1;
    }
    return out;
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

PyDoc_STRVAR(rare_gate_doc,
"rare_gate(text, classes) -> int\n\n"
"Where the first rare form opens, or -1: three NUMERAL characters in a row, each pair with at\n"
"most one NUMERAL_SEP between them, or an OCR_LETTER between two ASCII digits.");

static PyObject *rare_gate(PyObject *self, PyObject *args) {
    PyObject *text, *classes;
    Text t;
    if (!PyArg_ParseTuple(args, "OO:rare_gate", &text, &classes) || open_text(text, classes, &t) < 0)
        return NULL;
    for (Py_ssize_t i = 0; i < t.length; i++) {
        unsigned char k = class_at(&t, i);
        if (k & NUMERAL) {
            Py_ssize_t j = i + 1;
            if (numeral_next(&t, &j) && numeral_next(&t, &j))
                return PyLong_FromSsize_t(i);
        } else if (k & OCR_LETTER) {
            if (i > 0 && i + 1 < t.length && (class_at(&t, i - 1) & ASCII_DIGIT) && (class_at(&t, i + 1) & ASCII_DIGIT))
                return PyLong_FromSsize_t(i);
        }
    }
    return PyLong_FromLong(-1);
}

static PyMethodDef methods[] = {
    {"chains", chains, METH_VARARGS, chains_doc},
    {"rare_gate", rare_gate, METH_VARARGS, rare_gate_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "pii_guard._scan",
    "The detector's text-wide scans (digit chains, the numeral and OCR gate) in C.", -1, methods,
};

PyMODINIT_FUNC PyInit__scan(void) {
    return PyModule_Create(&module);
}
