/*
 * prices: decimals read exactly, the table's lines and its refusals
 * naming the line, lookups with the '*' mode, and the kind of each
 * follow-up action.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prices.h"
#include "tap.h"

static const struct {
	const char	*text;
	long long	 micros;	/* -1: refused */
} decimals[] = {
	{ "0.05", 50000 }, { "0.056", 56000 }, { "12", 12000000 },
	{ "3.5", 3500000 }, { ".5", 500000 }, { "1.", 1000000 },
	{ "0.000001", 1 }, { "0", 0 }, { "0.0", 0 },
	{ "1000000000", 1000000000000000LL },
	{ "1000000000.000001", -1 }, { "10000000000", -1 },
	{ "0.0000001", -1 }, { "", -1 }, { ".", -1 }, { "-1", -1 },
	{ "+1", -1 }, { "1e3", -1 }, { "0,05", -1 }, { "$0.05", -1 },
	{ "1.2.3", -1 }, { " 1", -1 }, { "0x10", -1 },
	{ "9999999999", -1 }, { "1.a", -1 }, { "999999999.999999",
	    999999999999999LL },
};

static const struct {
	long long	 micros;
	const char	*text;
} formats[] = {
	{ 0, "0.00" }, { 50000, "0.05" }, { 56000, "0.056" },
	{ 500000, "0.50" }, { 1, "0.000001" }, { 12000000, "12.00" },
	{ 168000, "0.168" }, { 123456789, "123.456789" }, { -50000, "-0.05" },
};

static void
money(void)
{
	int64_t		m;
	char		buf[PRICE_TEXT_MAX];
	size_t		i;
	int		rc;

	for (i = 0; i < sizeof(decimals) / sizeof(decimals[0]); i++) {
		m = -1;
		rc = price_parse(decimals[i].text, strlen(decimals[i].text),
		    &m);
		TAP_INT(rc == 0 ? m : -1, decimals[i].micros, "price \"%s\"",
		    decimals[i].text);
	}
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		price_format(formats[i].micros, buf, sizeof(buf));
		TAP_STR(buf, formats[i].text, "format %lld",
		    formats[i].micros);
	}
	/* too small a buffer: cut, as snprintf cuts, and no zero trimmed */
	price_format(50000, buf, 5);
	TAP_STR(buf, "0.05", "format into 5 bytes: cut");
}

/* A budget of 0.50 at 0.05 a job: exactly 10 jobs, not 9. */
static void
budget(void)
{
	int64_t	price, budget, spent = 0;
	int	sent = 0, k;

	(void)price_parse("0.05", 4, &price);
	(void)price_parse("0.50", 4, &budget);
	for (k = 0; k < 100 && spent + price <= budget; k++) {
		spent += price;
		sent++;
	}
	TAP_INT(sent, 10, "0.50 at 0.05 a job sends 10 jobs");
	(void)price_parse("0.1", 3, &price);
	(void)price_parse("0.3", 3, &budget);
	for (spent = 0, sent = 0, k = 0; k < 100 && spent + price <= budget;
	    k++) {
		spent += price;
		sent++;
	}
	TAP_INT(sent, 3, "0.3 at 0.1 a job sends 3 (a double sum says 2)");
}

static const char table[] =
    "# CometAPI, read 2026-12-07\n"
    "\n"
    "imagine fast 0.05\n"
    "imagine   relax\t0.02   # a comment after\n"
    "  upscale * 0.01\r\n"
    "upscale turbo 0.03\n"
    "VIDEO FAST 0.5\n"
    "extend * 0.25";

static const struct {
	const char	*kind, *mode;
	long long	 micros;	/* -1: none */
} lookups[] = {
	{ "imagine", "fast", 50000 }, { "imagine", "relax", 20000 },
	{ "imagine", "turbo", -1 }, { "imagine", NULL, -1 },
	{ "upscale", "fast", 10000 }, { "upscale", "turbo", 30000 },
	{ "upscale", NULL, 10000 }, { "video", "fast", 500000 },
	{ "Imagine", "FAST", 50000 }, { "extend", "relax", 250000 },
	{ "blend", "fast", -1 }, { "nonsense", "fast", -1 },
	{ "imagine", "slow", -1 },
};

static void
lookup(void)
{
	struct prices	*p;
	char		 err[256] = "";
	int64_t		 m;
	size_t		 i;

	p = prices_parse(table, strlen(table), "p.txt", err, sizeof(err));
	if (!TAP_OK(p != NULL, "the table parses")) {
		printf("#   %s\n", err);
		return;
	}
	for (i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
		m = -1;
		if (prices_lookup(p, lookups[i].kind, lookups[i].mode, &m) != 0)
			m = -1;
		TAP_INT(m, lookups[i].micros, "price of %s %s",
		    lookups[i].kind, lookups[i].mode ? lookups[i].mode : "-");
	}
	TAP_INT(prices_lookup(p, NULL, "fast", &m), -1, "no kind: no price");
	prices_free(p);
	p = prices_parse("imagine fast 0.05# no blank\n", 27, "p.txt", err,
	    sizeof(err));
	TAP_OK(p != NULL && prices_lookup(p, "imagine", "fast", &m) == 0 &&
	    m == 50000, "a comment right after the price");
	prices_free(p);
	p = prices_parse("", 0, "empty", err, sizeof(err));
	TAP_OK(p != NULL && prices_lookup(p, "imagine", "fast", &m) == -1,
	    "an empty table prices nothing");
	prices_free(p);
}

static const struct {
	const char	*text, *message;
} bad[] = {
	{ "imagine fast", "p.txt:1: expected 'kind mode price', as in "
	    "'imagine fast 0.05'" },
	{ "# ok\nimagine fast 0.05 USD", "p.txt:2: expected 'kind mode "
	    "price', as in 'imagine fast 0.05'" },
	{ "\n\nimgine fast 0.05", "p.txt:3: unknown kind 'imgine' (see "
	    "mj-submit(1), COST)" },
	{ "imagine slow 0.05", "p.txt:1: unknown mode 'slow': fast, relax, "
	    "turbo or *" },
	{ "imagine fast 0,05", "p.txt:1: not a price: '0,05' (a decimal "
	    "with at most 6 places, as 0.05)" },
	{ "imagine fast -1", "p.txt:1: not a price: '-1' (a decimal with at "
	    "most 6 places, as 0.05)" },
	{ "imagine fast 0.05\nimagine fast 0.06", "p.txt:2: imagine fast "
	    "has a price on line 1 already" },
	{ "imagine * 1\nimagine * 2", "p.txt:2: imagine * has a price on "
	    "line 1 already" },
	{ "imagine fast 0.05 a b c", "p.txt:1: expected 'kind mode price', "
	    "as in 'imagine fast 0.05'" },
};

static void
refusals(void)
{
	struct prices	*p;
	char		 err[256];
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		p = prices_parse(bad[i].text, strlen(bad[i].text), "p.txt",
		    err, sizeof(err));
		TAP_OK(p == NULL, "table %zu refused", i);
		TAP_STR(err, bad[i].message, "its message");
		prices_free(p);
	}
}

static const struct {
	const char	*name, *custom_id, *kind;
} actions[] = {
	{ "U1", NULL, "upscale" }, { "u4", NULL, "upscale" },
	{ "V2", NULL, "variation" }, { "reroll", NULL, "reroll" },
	{ "\U0001F504", NULL, "reroll" }, { "Zoom Out 2x", NULL, "zoom" },
	{ "Zoom Out 1.5x", NULL, "zoom" }, { "Custom Zoom", NULL,
	    "custom-zoom" },
	{ "Pan Left", NULL, "pan" }, { "left", NULL, "pan" },
	{ "\u2B07\uFE0F", NULL, "pan" },
	{ "Upscale (Subtle)", NULL, "upscale-subtle" },
	{ "Upscale (Creative)", NULL, "upscale-creative" },
	{ "Vary (Strong)", NULL, "high-variation" },
	{ "Vary (Subtle)", NULL, "low-variation" },
	{ "Vary (Region)", NULL, "inpaint" },
	{ "extend1", NULL, "extend" }, { "extend4", NULL, "extend" },
	{ "Animate (High motion)", NULL, "video" },
	{ "bookmark", "MJ::BOOKMARK::x", NULL },
	{ NULL, "MJ::JOB::upsample::1::abc", "upscale" },
	{ "", "MJ::JOB::variation::3::abc", "variation" },
	{ "", "MJ::JOB::reroll::0::abc::SOLO", "reroll" },
	{ "", "MJ::JOB::upsample_v6_2x_subtle::1::h::SOLO", "upscale-subtle" },
	{ "", "MJ::JOB::upsample_v6_2x_creative::1::h::SOLO",
	    "upscale-creative" },
	{ "", "MJ::JOB::low_variation::1::h::SOLO", "low-variation" },
	{ "", "MJ::JOB::high_variation::1::h::SOLO", "high-variation" },
	{ "", "MJ::Outpaint::50::1::h::SOLO", "zoom" },
	{ "", "MJ::CustomZoom::h", "custom-zoom" },
	{ "", "MJ::JOB::pan_left::1::h::SOLO", "pan" },
	{ "", "MJ::Inpaint::1::h::SOLO", "inpaint" },
	{ "", "MJ::JOB::animate_high::1::h", "video" },
	{ "", "JOB::upsample::2::abc", "upscale" },
	{ "", "CustomZoom", "custom-zoom" },
	/* an upscale of a kind not priced apart: no kind, no guess */
	{ "", "MJ::JOB::upsample_v7_2x::1::h", NULL },
	{ "", "MJ::JOB::upsample_x::1::h", NULL },
	{ "something new", NULL, NULL },
};

static void
kinds(void)
{
	static const struct {
		const char	*endpoint, *kind;
	} ends[] = {
		{ "/mj/submit/imagine", "imagine" },
		{ "/mj/submit/blend", "blend" },
		{ "/mj/submit/describe", "describe" },
		{ "/mj/submit/shorten", "shorten" },
		{ "/mj/submit/video", "video" },
		{ "/mj/submit/modal", "modal" },
		{ "/mj/submit/edits", "edit" },
		{ "/mj/submit/retexture", "retexture" },
		{ "/mj/submit/edit", "edit" },
		{ "/mj/submit/action", NULL },
	};
	const char	*k;
	size_t		 i;

	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		k = prices_kind_of_action(actions[i].name,
		    actions[i].custom_id);
		TAP_STR(k, actions[i].kind, "action \"%s\" (%s)",
		    actions[i].name ? actions[i].name : "-",
		    actions[i].custom_id ? actions[i].custom_id : "-");
		if (k != NULL)
			TAP_OK(prices_kind_known(k), "%s is a kind", k);
	}
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		TAP_STR(prices_kind_of_endpoint(ends[i].endpoint), ends[i].kind,
		    "endpoint %s", ends[i].endpoint);
	TAP_STR(prices_kind_of_endpoint(NULL), NULL, "no endpoint, no kind");
	for (i = 0; prices_kinds[i] != NULL; i++)
		TAP_OK(prices_kind_known(prices_kinds[i]), "kind %s",
		    prices_kinds[i]);
}

/* prices_load: a file that is not there, a directory, one too big. */
static void
files(void)
{
	static char	 dir[] = "/tmp/test_prices.XXXXXX";
	struct prices	*p;
	char		 path[128], err[256], want[300];
	FILE		*f;
	int		 i;

	if (mkdtemp(dir) == NULL) {
		TAP_OK(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/none", dir);
	p = prices_load(path, err, sizeof(err));
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	TAP_OK(p == NULL, "a file that is not there");
	TAP_STR(err, want, "... named in the message");
	p = prices_load(dir, err, sizeof(err));
	snprintf(want, sizeof(want), "%s: Is a directory", dir);
	TAP_OK(p == NULL, "a directory");
	TAP_STR(err, want, "... said so");
	snprintf(path, sizeof(path), "%s/big", dir);
	if ((f = fopen(path, "w")) != NULL) {
		/* comment lines, more than PRICES_FILE_MAX bytes of them */
		for (i = 0; i < 20000; i++)
			fprintf(f, "# %060d\n", i);
		(void)fclose(f);
	}
	p = prices_load(path, err, sizeof(err));
	snprintf(want, sizeof(want), "%s: larger than 1048576 bytes", path);
	TAP_OK(p == NULL, "a file over 1 MiB");
	TAP_STR(err, want, "... said so");
	snprintf(path, sizeof(path), "%s/ok", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fprintf(f, "imagine fast 0.05\n");
		(void)fclose(f);
	}
	p = prices_load(path, err, sizeof(err));
	TAP_OK(p != NULL, "a good file loads");
	prices_free(p);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		printf("# could not remove %s\n", dir);
}

int
main(void)
{
	money();
	budget();
	lookup();
	refusals();
	kinds();
	files();
	return tap_done();
}
