/*
 * plural: a recursive-descent reader of the rule, with C's precedence,
 * into nodes of a fixed array; evaluation walks the tree. Unsigned
 * arithmetic as in gettext's own reader; x / 0 and x % 0 count as 0.
 */
#include "util/plural.h"

#include <string.h>

enum op {
	OP_N, OP_NUM, OP_NOT, OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB,
	OP_LT, OP_GT, OP_LE, OP_GE, OP_EQ, OP_NE, OP_AND, OP_OR, OP_COND,
};

struct reader {
	struct plural *p;
	const char *s;
	unsigned depth;  /* primaries read: bounds the recursion on input */
	bool bad;
};

static void blanks(struct reader *r)
{
	while (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r')
		r->s++;
}

/* Takes the token tok when it comes next. */
static bool take(struct reader *r, const char *tok)
{
	size_t n = strlen(tok);

	blanks(r);
	if (strncmp(r->s, tok, n) != 0)
		return false;
	/* "<" is not the start of "<=", nor "!" of "!=" */
	if (n == 1 && strchr("<>!=", tok[0]) && r->s[1] == '=')
		return false;
	r->s += n;
	return true;
}

static unsigned char node(struct reader *r, enum op op, unsigned char a,
			  unsigned char b, unsigned char c, unsigned long v)
{
	struct plural *p = r->p;

	if (p->n_nodes >= PLURAL_NODES) {
		r->bad = true;
		return 0;
	}
	p->node[p->n_nodes] = (struct plural_node){ (unsigned char)op, a, b, c,
						    v };
	return p->n_nodes++;
}

static unsigned char expr(struct reader *r);

static unsigned char primary(struct reader *r)
{
	blanks(r);
	if (r->bad || ++r->depth > PLURAL_NODES) {
		r->bad = true;
		return 0;
	}
	if (take(r, "(")) {
		unsigned char e = expr(r);
		if (!take(r, ")"))
			r->bad = true;
		return e;
	}
	if (take(r, "!"))
		return node(r, OP_NOT, primary(r), 0, 0, 0);
	if (*r->s == 'n') {
		r->s++;
		return node(r, OP_N, 0, 0, 0, 0);
	}
	if (*r->s >= '0' && *r->s <= '9') {
		unsigned long v = 0;
		while (*r->s >= '0' && *r->s <= '9' && v < 100000000ul)
			v = v * 10 + (unsigned long)(*r->s++ - '0');
		return node(r, OP_NUM, 0, 0, 0, v);
	}
	r->bad = true;
	return 0;
}

/* One level of left-associative binary operators, tightest first. */
static const struct level {
	const char *tok[4];
	enum op op[4];
} levels[] = {
	{ { "*", "/", "%" }, { OP_MUL, OP_DIV, OP_MOD } },
	{ { "+", "-" }, { OP_ADD, OP_SUB } },
	{ { "<=", ">=", "<", ">" }, { OP_LE, OP_GE, OP_LT, OP_GT } },
	{ { "==", "!=" }, { OP_EQ, OP_NE } },
	{ { "&&" }, { OP_AND } },
	{ { "||" }, { OP_OR } },
};

static unsigned char binary(struct reader *r, int level)
{
	if (level < 0)
		return primary(r);
	unsigned char left = binary(r, level - 1);
	for (;;) {
		const struct level *l = &levels[level];
		size_t i = 0;
		while (i < 4 && l->tok[i] && !take(r, l->tok[i]))
			i++;
		if (i == 4 || !l->tok[i] || r->bad)
			return left;
		left = node(r, l->op[i], left, binary(r, level - 1), 0, 0);
	}
}

static unsigned char expr(struct reader *r)
{
	unsigned char cond = binary(r, (int)(sizeof levels / sizeof *levels) - 1);

	if (!take(r, "?"))
		return cond;
	unsigned char yes = expr(r);
	if (!take(r, ":"))
		r->bad = true;
	return node(r, OP_COND, cond, yes, expr(r), 0);
}

void plural_default(struct plural *p)
{
	memset(p, 0, sizeof *p);
	p->nforms = 2;
	p->node[0] = (struct plural_node){ OP_N, 0, 0, 0, 0 };
	p->node[1] = (struct plural_node){ OP_NUM, 0, 0, 0, 1 };
	p->node[2] = (struct plural_node){ OP_NE, 0, 1, 0, 0 };
	p->root = 2;
	p->n_nodes = 3;
}

bool plural_parse(struct plural *p, const char *forms)
{
	const char *s = forms ? strstr(forms, "nplurals") : NULL;
	unsigned long n = 0;

	plural_default(p);
	if (!s)
		return false;
	s += strlen("nplurals");
	while (*s == ' ')
		s++;
	if (*s++ != '=')
		return false;
	while (*s == ' ')
		s++;
	while (*s >= '0' && *s <= '9' && n < 100)
		n = n * 10 + (unsigned long)(*s++ - '0');
	if (n < 1 || n > PLURAL_FORMS_MAX || !(s = strstr(s, "plural")))
		return false;
	s += strlen("plural");
	while (*s == ' ')
		s++;
	if (*s++ != '=')
		return false;

	struct plural tmp = { .nforms = (unsigned)n };
	struct reader r = { &tmp, s, 0, false };
	tmp.root = expr(&r);
	blanks(&r);
	if (r.bad || (*r.s != ';' && *r.s != '\0'))
		return false;
	*p = tmp;
	return true;
}

static unsigned long eval(const struct plural *p, unsigned char i,
			  unsigned long n)
{
	const struct plural_node *x = &p->node[i];
	unsigned long a = 0, b = 0;

	switch (x->op) {
	case OP_N:
		return n;
	case OP_NUM:
		return x->value;
	case OP_NOT:
		return !eval(p, x->a, n);
	case OP_COND:
		return eval(p, x->a, n) ? eval(p, x->b, n) : eval(p, x->c, n);
	case OP_AND:
		return eval(p, x->a, n) && eval(p, x->b, n);
	case OP_OR:
		return eval(p, x->a, n) || eval(p, x->b, n);
	default:
		a = eval(p, x->a, n);
		b = eval(p, x->b, n);
	}
	switch (x->op) {
	case OP_MUL: return a * b;
	case OP_DIV: return b ? a / b : 0;
	case OP_MOD: return b ? a % b : 0;
	case OP_ADD: return a + b;
	case OP_SUB: return a - b;
	case OP_LT: return a < b;
	case OP_GT: return a > b;
	case OP_LE: return a <= b;
	case OP_GE: return a >= b;
	case OP_EQ: return a == b;
	case OP_NE: return a != b;
	}
	return 0;
}

unsigned plural_index(const struct plural *p, unsigned long n)
{
	unsigned long i = eval(p, p->root, n);

	return i < p->nforms ? (unsigned)i : 0;
}
