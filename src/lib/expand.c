/*
 * The prompt expander (expand.h has the rules): the prompt is parsed
 * once into a small tree of literals, sequences and groups whose counts
 * are known, so the number of jobs is known before any is written, and
 * job i is found by dividing i down the tree, as a mixed-radix number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expand.h"
#include "xalloc.h"

#define NONE		((size_t)-1)
#define NUMBER_DIGITS	6	/* enough for any N worth reading */

enum node_type {
	NODE_LIT,		/* bytes of e->lit */
	NODE_SEQ,		/* children one after another: an option */
	NODE_GROUP		/* one child (a SEQ) per option */
};

struct node {
	enum node_type	 type;
	size_t		 off, len;	/* NODE_LIT: a span of e->lit */
	size_t		 first, last;	/* children */
	size_t		 prev, next;	/* siblings */
	uint64_t	 count;		/* jobs this node gives */
	uint64_t	 stride;	/* in a SEQ: later siblings' product */
	size_t		 at;		/* its byte in the prompt */
};

struct expand {
	const char	*s;		/* the prompt while parsing */
	size_t		 slen;
	size_t		 cut, cut_end;	/* --repeat, cut out */
	char		*lit;		/* literal bytes, unescaped */
	size_t		 litlen;
	struct node	*nodes;
	size_t		 nnodes, cap;
	unsigned	 repeat;
	uint64_t	 variants;	/* the permutations */
	uint64_t	 count;		/* variants x repeat */
	char		*out;		/* the job last written */
	size_t		 outlen;
	char		*err;
	size_t		 errlen;
};

static uint64_t
mul_sat(uint64_t a, uint64_t b)
{
	if (a != 0 && b > EXPAND_COUNT_MAX / a)
		return EXPAND_COUNT_MAX;
	return a * b;
}

static uint64_t
add_sat(uint64_t a, uint64_t b)
{
	return a + b > EXPAND_COUNT_MAX ? EXPAND_COUNT_MAX : a + b;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
fail(struct expand *e, const char *fmt, size_t at)
{
	if (e->errlen > 0)
		(void)snprintf(e->err, e->errlen, fmt, at + 1);
	return -1;
}

static size_t
node_new(struct expand *e, enum node_type type, size_t at)
{
	struct node	*n;

	if (e->nnodes == e->cap) {
		e->cap = e->cap == 0 ? 16 : e->cap * 2;
		e->nodes = xreallocarray(e->nodes, e->cap, sizeof(*e->nodes));
	}
	n = &e->nodes[e->nnodes];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->first = n->last = n->prev = n->next = NONE;
	n->count = 1;
	n->at = at;
	return e->nnodes++;
}

static void
node_add(struct expand *e, size_t parent, size_t child)
{
	struct node	*p = &e->nodes[parent];

	e->nodes[child].prev = p->last;
	if (p->last == NONE)
		p->first = child;
	else
		e->nodes[p->last].next = child;
	p->last = child;
}

/* One literal byte onto seq, joining the literal before it if it can. */
static void
lit_add(struct expand *e, size_t seq, char c, size_t at)
{
	size_t		 last = e->nodes[seq].last, n;
	struct node	*l;

	e->lit[e->litlen] = c;
	if (last != NONE && e->nodes[last].type == NODE_LIT &&
	    e->nodes[last].off + e->nodes[last].len == e->litlen) {
		e->nodes[last].len++;
	} else {
		n = node_new(e, NODE_LIT, at);
		l = &e->nodes[n];
		l->off = e->litlen;
		l->len = 1;
		node_add(e, seq, n);
	}
	e->litlen++;
}

/* A sequence's count, and each child's stride (later children vary faster). */
static void
seq_close(struct expand *e, size_t seq)
{
	uint64_t	 product = 1;
	size_t		 c;

	for (c = e->nodes[seq].last; c != NONE; c = e->nodes[c].prev) {
		e->nodes[c].stride = product;
		product = mul_sat(product, e->nodes[c].count);
	}
	e->nodes[seq].count = product;
}

static int	parse_seq(struct expand *, size_t *, unsigned, size_t *);

/* The spaces before a separating comma or the closing brace. */
static void
option_trim(struct expand *e, size_t opt)
{
	size_t		 last = e->nodes[opt].last;
	struct node	*l;

	if (last == NONE || e->nodes[last].type != NODE_LIT)
		return;
	l = &e->nodes[last];
	while (l->len > 0 && blank(e->lit[l->off + l->len - 1]))
		l->len--;
}

static int
option_empty(const struct expand *e, size_t opt)
{
	size_t	c = e->nodes[opt].first;

	return c == NONE || (e->nodes[c].next == NONE &&
	    e->nodes[c].type == NODE_LIT && e->nodes[c].len == 0);
}

/* A group whose '{' is at *ip; *ip ends past its '}'. */
static int
parse_group(struct expand *e, size_t *ip, unsigned depth, size_t *out)
{
	size_t		 open = *ip, i = *ip + 1, group, opt;
	uint64_t	 sum = 0;

	if (depth > EXPAND_DEPTH_MAX)
		return fail(e, "braces nested deeper than "
		    "32 at byte %zu", open);
	group = node_new(e, NODE_GROUP, open);
	for (;;) {
		while (i < e->slen && blank(e->s[i]))
			i++;
		if (parse_seq(e, &i, depth, &opt) == -1)
			return -1;
		option_trim(e, opt);
		if (i >= e->slen)
			return fail(e, "unbalanced braces: the '{' at byte %zu "
			    "is never closed", open);
		if (option_empty(e, opt))
			return fail(e, "an empty option in the braces at "
			    "byte %zu", open);
		node_add(e, group, opt);
		sum = add_sat(sum, e->nodes[opt].count);
		if (e->s[i++] == '}')
			break;
	}
	e->nodes[group].count = sum;
	*ip = i;
	*out = group;
	return 0;
}

/*
 * A sequence from *ip up to the end (depth 0) or to the ',' or '}' that
 * ends an option (depth > 0), left at *ip.
 */
static int
parse_seq(struct expand *e, size_t *ip, unsigned depth, size_t *out)
{
	size_t	i = *ip, seq, group;
	char	c;

	seq = node_new(e, NODE_SEQ, i);
	while (i < e->slen) {
		if (i == e->cut) {
			i = e->cut_end;
			continue;
		}
		c = e->s[i];
		if (c == '\\' && i + 1 < e->slen && (e->s[i + 1] == '{' ||
		    e->s[i + 1] == '}' || (depth > 0 && e->s[i + 1] == ','))) {
			/* "pastel \, yellow" is "pastel, yellow" */
			if (e->s[i + 1] == ',')
				option_trim(e, seq);
			lit_add(e, seq, e->s[i + 1], i);
			i += 2;
		} else if (c == '{') {
			if (parse_group(e, &i, depth + 1, &group) == -1)
				return -1;
			node_add(e, seq, group);
		} else if (depth > 0 && (c == ',' || c == '}')) {
			break;
		} else if (c == '}') {
			return fail(e, "unbalanced braces: the '}' at byte %zu "
			    "closes nothing", i);
		} else {
			lit_add(e, seq, c, i);
			i++;
		}
	}
	seq_close(e, seq);
	*ip = i;
	*out = seq;
	return 0;
}

/* "--repeat" or "--r" (or with an em dash) at i, ending a word: its end. */
static size_t
repeat_token(const char *s, size_t len, size_t i)
{
	static const char	*const names[] = { "repeat", "r" };
	size_t			 k, n;

	if (i + 2 <= len && s[i] == '-' && s[i + 1] == '-')
		i += 2;
	else if (i + 3 <= len && memcmp(s + i, "\xe2\x80\x94", 3) == 0)
		i += 3;
	else
		return 0;
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		n = strlen(names[k]);
		if (i + n <= len && memcmp(s + i, names[k], n) == 0 &&
		    (i + n == len || blank(s[i + n])))
			return i + n;
	}
	return 0;
}

/* Its number, from 1 to 40, after blanks from i; where it ends, or 0. */
static size_t
repeat_number(struct expand *e, size_t i, size_t at)
{
	size_t		 start;
	unsigned	 n = 0;

	while (i < e->slen && blank(e->s[i]))
		i++;
	for (start = i; i < e->slen && e->s[i] >= '0' && e->s[i] <= '9' &&
	    i - start < NUMBER_DIGITS; i++)
		n = n * 10 + (unsigned)(e->s[i] - '0');
	if (i == start || (i < e->slen && !blank(e->s[i])) || n < 1 ||
	    n > EXPAND_REPEAT_MAX) {
		(void)fail(e, "--repeat at byte %zu takes a number from 1 "
		    "to 40", at);
		return 0;
	}
	e->repeat = n;
	return i;
}

/*
 * Find the --repeat outside braces and mark what to cut: the blanks
 * before it (or, first in the prompt, after it), the name, the number.
 */
static int
repeat_find(struct expand *e)
{
	const char	*s = e->s;
	size_t		 i, end, start;
	unsigned	 depth = 0;

	for (i = 0; i < e->slen; i++) {
		if (s[i] == '\\' && i + 1 < e->slen &&
		    (s[i + 1] == '{' || s[i + 1] == '}')) {
			i++;
			continue;
		}
		depth += s[i] == '{';
		depth -= s[i] == '}' && depth > 0;
		if (i > 0 && !blank(s[i - 1]) && s[i - 1] != '{' &&
		    s[i - 1] != ',')
			continue;
		if ((end = repeat_token(s, e->slen, i)) == 0)
			continue;
		if (depth > 0)
			return fail(e, "--repeat inside braces at byte %zu: "
			    "write it outside them", i);
		if (e->cut != NONE)
			return fail(e, "a second --repeat at byte %zu", i);
		if ((end = repeat_number(e, end, i)) == 0)
			return -1;
		for (start = i; start > 0 && blank(s[start - 1]); start--)
			continue;
		if (start == 0)
			while (end < e->slen && blank(s[end]))
				end++;
		e->cut = start;
		e->cut_end = end;
		i = end - 1;
	}
	return 0;
}

struct expand *
expand_new(const char *prompt, size_t len, char *err, size_t errlen)
{
	struct expand	*e;
	size_t		 i = 0, root;

	e = xcalloc(1, sizeof(*e));
	e->s = prompt;
	e->slen = len;
	e->err = err;
	e->errlen = errlen;
	e->cut = e->cut_end = NONE;
	e->repeat = 1;
	e->lit = xmalloc(len + 1);
	if (repeat_find(e) == -1 || parse_seq(e, &i, 0, &root) == -1) {
		expand_free(e);
		return NULL;
	}
	/* the root is node 0 */
	e->variants = e->nodes[root].count;
	e->count = mul_sat(e->variants, e->repeat);
	e->out = xmalloc(e->litlen + 1);
	e->s = NULL;
	return e;
}

void
expand_free(struct expand *e)
{
	if (e == NULL)
		return;
	free(e->lit);
	free(e->nodes);
	free(e->out);
	free(e);
}

uint64_t
expand_count(const struct expand *e)
{
	return e->count;
}

int
expand_check(const struct expand *e, uint64_t max_jobs, char *err,
    size_t errlen)
{
	char	times[64] = "";

	if (e->count <= max_jobs)
		return 0;
	if (e->repeat > 1)
		(void)snprintf(times, sizeof(times), " (%llu x --repeat %u)",
		    (unsigned long long)e->variants, e->repeat);
	(void)snprintf(err, errlen, "the prompt makes %llu%s jobs%s, over "
	    "--max-jobs %llu; nothing of it was sent",
	    (unsigned long long)e->count,
	    e->count == EXPAND_COUNT_MAX ? " or more" : "", times,
	    (unsigned long long)max_jobs);
	return -1;
}

static void
emit(struct expand *e, size_t n, uint64_t idx)
{
	const struct node	*node = &e->nodes[n];
	size_t			 c;

	switch (node->type) {
	case NODE_LIT:
		memcpy(e->out + e->outlen, e->lit + node->off, node->len);
		e->outlen += node->len;
		break;
	case NODE_SEQ:
		for (c = node->first; c != NONE; c = e->nodes[c].next)
			emit(e, c, idx / e->nodes[c].stride %
			    e->nodes[c].count);
		break;
	case NODE_GROUP:
		for (c = node->first; c != NONE; c = e->nodes[c].next) {
			if (idx < e->nodes[c].count) {
				emit(e, c, idx);
				return;
			}
			idx -= e->nodes[c].count;
		}
		break;
	}
}

const char *
expand_job(struct expand *e, uint64_t i, size_t *lenp)
{
	e->outlen = 0;
	emit(e, 0, e->variants > 0 ? i % e->variants : 0);
	e->out[e->outlen] = '\0';
	if (lenp != NULL)
		*lenp = e->outlen;
	return e->out;
}
