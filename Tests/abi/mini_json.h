/*
 * mini_json.h — just enough JSON for the ABI test to read the core's answers
 * without a library: a strict syntax check (RFC 8259), member lookup, string
 * decoding (escapes, \uXXXX with surrogate pairs, to UTF-8), array counting.
 * Every function takes a pointer to the first character of a value (leading
 * white space allowed) and returns NULL or -1 on malformed input.
 */
#ifndef MINI_JSON_H
#define MINI_JSON_H

#include <stdlib.h>
#include <string.h>

static inline const char *mj_ws(const char *p) {
    while (p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

static inline int mj_hex4(const char *p, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

/* Decodes the string at p (which must start with '"'). Writes UTF-8 to out
 * (when not NULL, room for the encoded length + 1) and returns the character
 * after the closing quote. *len receives the decoded length. */
static inline const char *mj_string(const char *p, char *out, size_t *len) {
    size_t n = 0;
    p = mj_ws(p);
    if (!p || *p != '"') return NULL;
    p++;
    while (*p != '"') {
        unsigned c = (unsigned char)*p;
        if (c == 0 || c < 0x20) return NULL;
        if (c != '\\') {
            if (out) out[n] = (char)c;
            n++;
            p++;
            continue;
        }
        p++;
        unsigned cp;
        switch (*p) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u':
            if (!mj_hex4(p + 1, &cp)) return NULL;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned low;
                if (p[1] != '\\' || p[2] != 'u' || !mj_hex4(p + 3, &low) || low < 0xDC00 || low > 0xDFFF) return NULL;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return NULL;
            }
            break;
        default: return NULL;
        }
        p++;
        /* UTF-8 encoding of cp. */
        unsigned char bytes[4];
        int k;
        if (cp < 0x80) { bytes[0] = (unsigned char)cp; k = 1; }
        else if (cp < 0x800) { bytes[0] = (unsigned char)(0xC0 | (cp >> 6)); bytes[1] = (unsigned char)(0x80 | (cp & 0x3F)); k = 2; }
        else if (cp < 0x10000) {
            bytes[0] = (unsigned char)(0xE0 | (cp >> 12)); bytes[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            bytes[2] = (unsigned char)(0x80 | (cp & 0x3F)); k = 3;
        } else {
            bytes[0] = (unsigned char)(0xF0 | (cp >> 18)); bytes[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
            bytes[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); bytes[3] = (unsigned char)(0x80 | (cp & 0x3F)); k = 4;
        }
        for (int i = 0; i < k; i++) {
            if (out) out[n] = (char)bytes[i];
            n++;
        }
    }
    if (out) out[n] = '\0';
    if (len) *len = n;
    return p + 1;
}

static inline const char *mj_value(const char *p, int depth);

static inline const char *mj_number(const char *p) {
    if (*p == '-') p++;
    if (*p == '0') p++;
    else if (*p >= '1' && *p <= '9') while (*p >= '0' && *p <= '9') p++;
    else return NULL;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9')) return NULL;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!(*p >= '0' && *p <= '9')) return NULL;
        while (*p >= '0' && *p <= '9') p++;
    }
    return p;
}

/* Skips one value; returns the character after it. */
static inline const char *mj_value(const char *p, int depth) {
    p = mj_ws(p);
    if (!p || depth > 64) return NULL;
    switch (*p) {
    case '"': return mj_string(p, NULL, NULL);
    case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
    case '[':
        p = mj_ws(p + 1);
        if (*p == ']') return p + 1;
        for (;;) {
            p = mj_ws(mj_value(p, depth + 1));
            if (!p) return NULL;
            if (*p == ']') return p + 1;
            if (*p != ',') return NULL;
            p++;
        }
    case '{':
        p = mj_ws(p + 1);
        if (*p == '}') return p + 1;
        for (;;) {
            p = mj_ws(mj_string(p, NULL, NULL));
            if (!p || *p != ':') return NULL;
            p = mj_ws(mj_value(p + 1, depth + 1));
            if (!p) return NULL;
            if (*p == '}') return p + 1;
            if (*p != ',') return NULL;
            p = mj_ws(p + 1);
        }
    default: return mj_number(p);
    }
}

/* 1 when text is exactly one JSON value (with optional white space around it). */
static inline int mj_valid(const char *text) {
    const char *end = mj_ws(mj_value(text, 0));
    return end != NULL && *end == '\0';
}

/* The value of member `name` of the object at p, or NULL. */
static inline const char *mj_member(const char *p, const char *name) {
    p = mj_ws(p);
    if (!p || *p != '{') return NULL;
    p = mj_ws(p + 1);
    if (*p == '}') return NULL;
    for (;;) {
        size_t len;
        const char *after = mj_string(p, NULL, &len);
        if (!after) return NULL;
        char *key = malloc(len + 1);
        mj_string(p, key, NULL);
        int match = strlen(name) == len && memcmp(key, name, len) == 0;
        free(key);
        p = mj_ws(after);
        if (*p != ':') return NULL;
        p = mj_ws(p + 1);
        if (match) return p;
        p = mj_ws(mj_value(p, 0));
        if (!p || *p != ',') return NULL;
        p = mj_ws(p + 1);
    }
}

/* A malloc'd copy of the string value at p (caller frees), or NULL. */
static inline char *mj_string_dup(const char *p) {
    size_t len;
    if (!p || !mj_string(p, NULL, &len)) return NULL;
    char *out = malloc(len + 1);
    mj_string(p, out, NULL);
    return out;
}

/* Elements of the array at p, or -1. */
static inline int mj_array_count(const char *p) {
    p = mj_ws(p);
    if (!p || *p != '[') return -1;
    p = mj_ws(p + 1);
    if (*p == ']') return 0;
    int n = 0;
    for (;;) {
        p = mj_ws(mj_value(p, 0));
        if (!p) return -1;
        n++;
        if (*p == ']') return n;
        if (*p != ',') return -1;
        p++;
    }
}

/* The i-th element of the array at p, or NULL. */
static inline const char *mj_array_at(const char *p, int i) {
    p = mj_ws(p);
    if (!p || *p != '[') return NULL;
    p = mj_ws(p + 1);
    for (int k = 0; *p != ']'; k++) {
        if (k == i) return p;
        p = mj_ws(mj_value(p, 0));
        if (!p) return NULL;
        if (*p == ',') p = mj_ws(p + 1);
    }
    return NULL;
}

#endif /* MINI_JSON_H */
