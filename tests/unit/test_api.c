/*
 * api: envelopes, tasks and lists as servers send them, status and
 * progress, buttons found by what people type, media URLs.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "api.h"
#include "diag.h"
#include "tap.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*body;
	int		 ret;
	int		 code;
	const char	*description;
	const char	*result;
	const char	*prop;		/* a key of properties, or NULL */
	const char	*err;
} replies[] = {
	{ "{\"code\":1,\"description\":\"提交成功\",\"result\":"
	    "\"1773314942177684\",\"properties\":{\"discordChannelId\":"
	    "\"5e6ca8e1f40e4de6\",\"discordInstanceId\":\"5e6ca8e1f40e4de6\"}}",
	    0, 1, "提交成功", "1773314942177684", "discordChannelId", NULL },
	{ "{\"code\":22,\"description\":\"排队中，前面还有1个任务\","
	    "\"result\":\"1773314942177685\",\"properties\":"
	    "{\"numberOfQueues\":1}}",
	    0, 22, "排队中，前面还有1个任务", "1773314942177685",
	    "numberOfQueues", NULL },
	{ "{\"code\":21,\"description\":\"窗口等待\",\"result\":"
	    "1773314942177686,\"properties\":{\"finalPrompt\":\"x\"}}",
	    0, 21, "窗口等待", "1773314942177686", "finalPrompt", NULL },
	{ "{\"code\":23,\"description\":\"队列已满，请稍后尝试\","
	    "\"result\":null,\"properties\":null}",
	    0, 23, "队列已满，请稍后尝试", NULL, NULL, NULL },
	{ "{\"code\":24,\"description\":\"可能包含敏感词\",\"properties\":"
	    "{\"promptEn\":\"x\",\"bannedWord\":\"nude\"}}",
	    0, 24, "可能包含敏感词", NULL, "bannedWord", NULL },
	{ "{\"code\":4,\"description\":\"prompt不能为空\",\"result\":\"\"}",
	    0, 4, "prompt不能为空", NULL, NULL, NULL },
	/* code as a string, result as a number */
	{ "{\"code\":\"1\",\"description\":\"ok\",\"result\":42}",
	    0, 1, "ok", "42", NULL, NULL },
	{ " {\"code\":\"22\",\"result\":\"7\"}\r\n",
	    0, 22, "", "7", NULL, NULL },
	/* big ids: past int64 and past uint64 the digits stay exact */
	{ "{\"code\":1,\"result\":1773314942177684123}",
	    0, 1, "", "1773314942177684123", NULL, NULL },
	{ "{\"code\":1,\"result\":17733149421776841234}",
	    0, 1, "", "17733149421776841234", NULL, NULL },
	{ "{\"code\":1,\"x\":{\"result\":5},\"result\":"
	    "177331494217768412345678}",
	    0, 1, "", "177331494217768412345678", NULL, NULL },
	/* nulls and unknown fields */
	{ "{\"code\":1,\"description\":null,\"result\":\"9\","
	    "\"properties\":{},\"extra\":[1,{\"a\":null}],\"when\":1.5}",
	    0, 1, "", "9", NULL, NULL },
	{ "{\"code\":9,\"description\":\"其他错误\"}",
	    0, 9, "其他错误", NULL, NULL, NULL },
	/* not envelopes */
	{ "<html><body>502 Bad Gateway</body></html>\n", -1, 0, NULL, NULL,
	    NULL, "not an API reply: <html><body>502 Bad Gateway</body>"
	    "</html>\\x0a" },
	{ "", -1, 0, NULL, NULL, NULL, "not an API reply: empty body" },
	{ "{\"error\":{\"message\":\"Invalid token (request id: 123)\","
	    "\"type\":\"new_api_error\"}}", -1, 0, NULL, NULL, NULL,
	    "Invalid token (request id: 123)" },
	{ "{\"error\":\"rate limited\"}", -1, 0, NULL, NULL, NULL,
	    "rate limited" },
	{ "{\"code\":1,\"description\":\"提交", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":1,\"description\":\"提交" },
	{ "{\"code\":\"abc\",\"result\":\"1\"}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":\"abc\",\"result\":\"1\"}" },
	/* a code out of int's range, as a double: refused, not converted */
	{ "{\"code\":1e84}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":1e84}" },
	{ "{\"code\":-3e9}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":-3e9}" },
	{ "{\"code\":1.5}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":1.5}" },
	{ "{\"code\":99999999999}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":99999999999}" },
	{ "{\"code\":-99999999999}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":-99999999999}" },
	{ "{\"code\":\"-99999999999\"}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":\"-99999999999\"}" },
	{ "{\"code\":\"99999999999999999999\"}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":\"99999999999999999999\"}" },
	{ "{\"code\":true}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":true}" },
	{ "{\"code\":\"99999999999\"}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":\"99999999999\"}" },
	{ "{\"code\":\"1x\"}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":\"1x\"}" },
	{ "{\"error\":\"\"}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"error\":\"\"}" },
	/* a whole double is a code; a result neither text nor number none */
	{ "{\"code\":1.0,\"result\":true}", 0, 1, "", NULL, NULL, NULL },
	{ "{\"code\":\" 22 \",\"result\":\"7\"}", 0, 22, "", "7", NULL,
	    NULL },
	/* success:false's message stands for a description it lacks */
	{ "{\"success\":false,\"code\":-1,\"description\":\"d\","
	    "\"message\":\"m\"}", 0, -1, "d", NULL, NULL, NULL },
	{ "{\"success\":false,\"code\":-1}", 0, -1, "", NULL, NULL, NULL },
	{ "{\"success\":\"false\",\"code\":-1,\"message\":\"m\"}", 0, -1,
	    "", NULL, NULL, NULL },
	{ "{\"success\":true,\"code\":1,\"message\":\"m\"}", 0, 1, "",
	    NULL, NULL, NULL },
	{ "{\"status\":200}", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"status\":200}" },
	{ "[1,2]", -1, 0, NULL, NULL, NULL, "not an API reply: [1,2]" },
	{ "null", -1, 0, NULL, NULL, NULL, "not an API reply: null" },
	{ "{\"code\":1} trailing", -1, 0, NULL, NULL, NULL,
	    "not an API reply: {\"code\":1} trailing" },
	{ "\x1b[31mred", -1, 0, NULL, NULL, NULL,
	    "not an API reply: \\x1b[31mred" },
};

static void
test_replies(void)
{
	struct api_reply	 r;
	char			 err[256];
	size_t			 i;
	int			 ret;

	for (i = 0; i < NITEMS(replies); i++) {
		strcpy(err, "unset");
		ret = api_parse_reply(replies[i].body, strlen(replies[i].body),
		    &r, err, sizeof(err));
		TAP_INT(ret, replies[i].ret, "reply %zu: return", i);
		if (ret == 0) {
			TAP_INT(r.code, replies[i].code, "reply %zu: code", i);
			TAP_STR(r.description, replies[i].description,
			    "reply %zu: description", i);
			TAP_STR(r.result, replies[i].result,
			    "reply %zu: result", i);
			TAP_OK(replies[i].prop == NULL ||
			    json_object_object_get_ex(r.properties,
			    replies[i].prop, NULL),
			    "reply %zu: properties kept", i);
		} else
			TAP_STR(err, replies[i].err, "reply %zu: err", i);
		api_reply_free(&r);
	}
}

/* Long bodies are cut at 80 characters, not bytes. */
static void
test_reply_excerpt(void)
{
	struct api_reply	 r;
	char			 body[400], want[400], err[512];
	size_t			 i;

	memset(body, 'a', 100);
	body[100] = '\0';
	snprintf(want, sizeof(want), "not an API reply: %.80s", body);
	TAP_INT(api_parse_reply(body, 100, &r, err, sizeof(err)), -1,
	    "100 bytes: -1");
	TAP_STR(err, want, "100 bytes: 80 in err");
	body[0] = want[0] = '\0';
	for (i = 0; i < 90; i++)
		strcat(body, "错");
	strcpy(want, "not an API reply: ");
	for (i = 0; i < 80; i++)
		strcat(want, "错");
	TAP_INT(api_parse_reply(body, strlen(body), &r, err, sizeof(err)),
	    -1, "90 chinese characters: -1");
	TAP_STR(err, want, "90 chinese characters: 80 in err");
	TAP_INT(api_parse_reply("{\"code\":1}\0x", 12, &r, err, sizeof(err)),
	    -1, "a NUL inside: -1");
	TAP_STR(err, "not an API reply: {\"code\":1}\\x00x",
	    "a NUL inside: escaped");
	TAP_INT(api_parse_reply("{\"code\":1}", 10, &r, err, 0), 0,
	    "no err buffer needed on success");
	api_reply_free(&r);
	api_reply_free(NULL);
	TAP_INT(api_parse_reply(NULL, 5, &r, err, sizeof(err)), -1,
	    "no body: -1");
	TAP_STR(err, "not an API reply: empty body", "no body: an empty body");
}

static const struct {
	const char	*body;
	int		 found;
	int		 notfound;
	const char	*id;
	const char	*err;
} tasks[] = {
	{ "{\"id\":\"1773314942177684\",\"status\":\"SUCCESS\"}", 1, 0,
	    "1773314942177684", NULL },
	{ "{\"id\":1773314942177684,\"status\":\"SUCCESS\"}", 1, 0,
	    "1773314942177684", NULL },
	{ "{\"status\":\"x\",\"id\":177331494217768412345678}", 1, 0,
	    "177331494217768412345678", NULL },
	{ "{\"id\":\"5\",\"progress\":null,\"buttons\":null,\"new\":{}}\n",
	    1, 0, "5", NULL },
	{ "null", 0, 1, NULL, NULL },
	{ "", 0, 1, NULL, NULL },
	{ " \r\n", 0, 1, NULL, NULL },
	{ "{}", 0, 1, NULL, NULL },
	{ "{\"id\":null,\"status\":null}", 0, 1, NULL, NULL },
	{ "{\"id\":\"\"}", 0, 1, NULL, NULL },
	{ "{\"code\":3,\"description\":\"任务不存在\"}", 0, 1, NULL, NULL },
	{ "{\"error\":{\"message\":\"Unauthorized\"}}", 0, 0, NULL,
	    "Unauthorized" },
	{ "<html>404</html>", 0, 0, NULL, "not a task: <html>404</html>" },
	{ "[{\"id\":\"1\"}]", 0, 0, NULL, "not a task: [{\"id\":\"1\"}]" },
	{ "\"1\"", 0, 0, NULL, "not a task: \"1\"" },
	{ "{\"id\":\"1\"", 0, 0, NULL, "not a task: {\"id\":\"1\"" },
};

static void
test_tasks(void)
{
	json_object	*t, *id;
	char		 err[256];
	size_t		 i;
	int		 nf;

	for (i = 0; i < NITEMS(tasks); i++) {
		strcpy(err, "unset");
		nf = -1;
		t = api_parse_task(tasks[i].body, strlen(tasks[i].body), &nf,
		    err, sizeof(err));
		TAP_INT(t != NULL, tasks[i].found, "task %zu: found", i);
		TAP_INT(nf, tasks[i].notfound, "task %zu: notfound", i);
		TAP_STR(api_task_id(t), tasks[i].id, "task %zu: id", i);
		if (tasks[i].err != NULL)
			TAP_STR(err, tasks[i].err, "task %zu: err", i);
		if (t != NULL) {
			TAP_OK(json_object_object_get_ex(t, "id", &id) &&
			    json_object_is_type(id, json_type_string),
			    "task %zu: id is a string", i);
		}
		json_object_put(t);
	}
}

static const struct {
	const char	*body;
	int		 n;		/* -1: NULL */
	const char	*ids;		/* the ids, joined by ',' */
	const char	*err;
} lists[] = {
	{ "[{\"id\":\"1\"},{\"id\":\"2\",\"status\":\"SUCCESS\"}]", 2, "1,2",
	    NULL },
	{ "[]", 0, "", NULL },
	{ "null", 0, "", NULL },
	{ "[null,{\"id\":\"3\"},7,\"x\",[],{\"id\":4}]", 2, "3,4", NULL },
	{ "{\"data\":[{\"id\":\"5\"}],\"total\":1}", 1, "5", NULL },
	{ "{\"code\":1,\"result\":[{\"id\":6},{\"id\":\"7\"}]}", 2, "6,7",
	    NULL },
	{ "[{\"x\":[1,{\"id\":2}],\"id\":17733149421776841234567},"
	    "{\"id\":\"9\"}]", 2, "17733149421776841234567,9", NULL },
	{ "{\"data\":null,\"list\":[{\"id\":\"8\"}]}", 1, "8", NULL },
	{ "{\"data\":5,\"items\":[{\"id\":\"8\"}]}", 1, "8", NULL },
	/* a task without an id is kept (mj-wait looks for ids it knows) */
	{ "[{\"status\":\"x\"},{\"id\":3}]", 2, "-,3", NULL },
	/* the raw text of each element, in step past the ones skipped */
	{ "[null, 7 ,\"a,]\",{\"id\":98765432109876543210},"
	    "{\"id\":17733149421776841234567}]", 2,
	    "98765432109876543210,17733149421776841234567", NULL },
	{ "{\"data\":[[1,2],{\"id\":98765432109876543211}]}", 1,
	    "98765432109876543211", NULL },
	{ "", -1, NULL, "not a task list: empty body" },
	{ "<html>", -1, NULL, "not a task list: <html>" },
	{ "{\"error\":{\"message\":\"no such route\"}}", -1, NULL,
	    "no such route" },
	{ "{\"code\":4}", -1, NULL, "not a task list: {\"code\":4}" },
};

static void
test_lists(void)
{
	json_object	*arr;
	const char	*id;
	char		 err[256], ids[256];
	size_t		 i, j;

	for (i = 0; i < NITEMS(lists); i++) {
		strcpy(err, "unset");
		arr = api_parse_task_list(lists[i].body, strlen(lists[i].body),
		    err, sizeof(err));
		if (lists[i].n < 0) {
			TAP_OK(arr == NULL, "list %zu: NULL", i);
			TAP_STR(err, lists[i].err, "list %zu: err", i);
			continue;
		}
		TAP_INT(arr != NULL ? (long long)json_object_array_length(arr) :
		    -1, lists[i].n, "list %zu: count", i);
		ids[0] = '\0';
		for (j = 0; arr != NULL && j < json_object_array_length(arr);
		    j++) {
			if (j > 0)
				strcat(ids, ",");
			id = api_task_id(json_object_array_get_idx(arr, j));
			strcat(ids, id != NULL ? id : "-");
		}
		TAP_STR(ids, lists[i].ids, "list %zu: ids", i);
		json_object_put(arr);
	}
	TAP_OK(api_parse_task_list(NULL, 0, err, sizeof(err)) == NULL,
	    "no body: no list");
	TAP_STR(err, "not a task list: empty body", "... an empty body");
}

static void
test_paths(void)
{
	static const struct {
		const char	*in;
		const char	*enc;
	} encs[] = {
		{ "1773314942177684", "1773314942177684" },
		{ "a-b_c.d~e", "a-b_c.d~e" },
		{ "a/b", "a%2Fb" },
		{ "../x y", "..%2Fx%20y" },
		{ "?#%&+=", "%3F%23%25%26%2B%3D" },
		{ "é", "%C3%A9" },
		{ "", "" },
	};
	const char	*ids[] = { "1", "2\"x", "a/b" };
	char		*s;
	size_t		 i;

	for (i = 0; i < NITEMS(encs); i++) {
		s = api_percent_encode(encs[i].in);
		TAP_STR(s, encs[i].enc, "percent-encode '%s'", encs[i].in);
		free(s);
	}
	s = api_fetch_path("17/73");
	TAP_STR(s, "/mj/task/17%2F73/fetch", "fetch path");
	free(s);
	s = api_list_body(ids, 3);
	TAP_STR(s, "{\"ids\":[\"1\",\"2\\\"x\",\"a/b\"]}", "list body");
	free(s);
	s = api_list_body(NULL, 0);
	TAP_STR(s, "{\"ids\":[]}", "empty list body");
	free(s);
}

static const struct {
	const char	*task;
	const char	*status;
	int		 terminal;
	int		 progress;
	const char	*id;
} states[] = {
	{ "{\"id\":\"1\",\"status\":\"NOT_START\",\"progress\":\"0%\"}",
	    "NOT_START", 0, 0, "1" },
	{ "{\"id\":2,\"status\":\"SUBMITTED\",\"progress\":\"\"}",
	    "SUBMITTED", 0, -1, "2" },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\"45%\"}",
	    "IN_PROGRESS", 0, 45, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\"45\"}",
	    "IN_PROGRESS", 0, 45, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":45}",
	    "IN_PROGRESS", 0, 45, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\"45.5%\"}",
	    "IN_PROGRESS", 0, 45, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\"abc\"}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\"150%\"}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\"-5%\"}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"SUCCESS\",\"progress\":\"100%\"}",
	    "SUCCESS", 1, 100, NULL },
	/* blanks around, and what may not follow */
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\" 45 % \"}",
	    "IN_PROGRESS", 0, 45, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\"45 %x\"}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\"45%%\"}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":\"1000000%\"}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":45.9}",
	    "IN_PROGRESS", 0, 45, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":101}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":-1}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":true}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"IN_PROGRESS\",\"progress\":[45]}",
	    "IN_PROGRESS", 0, -1, NULL },
	{ "{\"status\":\"FAILURE\",\"progress\":null}", "FAILURE", 1, -1,
	    NULL },
	{ "{\"status\":\"CANCEL\"}", "CANCEL", 1, -1, NULL },
	{ "{\"status\":\"MODAL\",\"progress\":\"0%\"}", "MODAL", 1, 0, NULL },
	{ "{\"status\":\"success\"}", "success", 1, -1, NULL },
	{ "{\"status\":null,\"id\":\"\"}", "", 0, -1, NULL },
	{ "{\"status\":3,\"id\":true}", "", 0, -1, NULL },
	{ "{}", "", 0, -1, NULL },
};

static void
test_states(void)
{
	json_object	*t;
	size_t		 i;

	for (i = 0; i < NITEMS(states); i++) {
		t = json_tokener_parse(states[i].task);
		TAP_STR(api_task_status(t), states[i].status,
		    "state %zu: status", i);
		TAP_INT(api_status_terminal(api_task_status(t)),
		    states[i].terminal, "state %zu: terminal", i);
		TAP_INT(api_task_progress(t), states[i].progress,
		    "state %zu: progress", i);
		TAP_STR(api_task_id(t), states[i].id, "state %zu: id", i);
		json_object_put(t);
	}
	TAP_INT(api_status_terminal(NULL), 0, "terminal(NULL)");
	TAP_STR(api_task_status(NULL), "", "status(NULL)");
	TAP_INT(api_task_progress(NULL), -1, "progress(NULL)");
}

/* The example task of api.md section 4. */
static const char grid_task[] =
    "{\"id\": \"1773314942177684\", \"action\": \"IMAGINE\","
    " \"status\": \"SUCCESS\", \"progress\": \"100%\","
    " \"imageUrl\": \"https://api.cometapi.com/mj/image/1773314942177684\","
    " \"videoUrl\": \"\", \"failReason\": null,"
    " \"buttons\": ["
    "{\"customId\": \"MJ::JOB::upsample::1::9d1a2c7e\", \"emoji\": \"\","
    " \"label\": \"U1\", \"type\": 2, \"style\": 2},"
    "{\"customId\": \"MJ::JOB::upsample::2::9d1a2c7e\", \"emoji\": \"\","
    " \"label\": \"U2\", \"type\": 2, \"style\": 2},"
    "{\"customId\": \"MJ::JOB::upsample::3::9d1a2c7e\", \"emoji\": \"\","
    " \"label\": \"U3\", \"type\": 2, \"style\": 2},"
    "{\"customId\": \"MJ::JOB::upsample::4::9d1a2c7e\", \"emoji\": \"\","
    " \"label\": \"U4\", \"type\": 2, \"style\": 2},"
    "{\"customId\": \"MJ::JOB::reroll::0::9d1a2c7e::SOLO\","
    " \"emoji\": \"🔄\", \"label\": \"\", \"type\": 2, \"style\": 2},"
    "{\"customId\": \"MJ::JOB::variation::1::9d1a2c7e\", \"emoji\": \"\","
    " \"label\": \"V1\", \"type\": 2, \"style\": 2},"
    "{\"customId\": \"MJ::JOB::variation::2::9d1a2c7e\", \"emoji\": \"\","
    " \"label\": \"V2\", \"type\": 2, \"style\": 2},"
    "{\"customId\": \"MJ::JOB::variation::3::9d1a2c7e\", \"emoji\": \"\","
    " \"label\": \"V3\", \"type\": 2, \"style\": 2},"
    "{\"customId\": \"MJ::JOB::variation::4::9d1a2c7e\", \"emoji\": \"\","
    " \"label\": \"V4\", \"type\": 2, \"style\": 2}],"
    " \"properties\": {\"messageHash\": \"9d1a2c7e\"}}";

/* An upscale: the second group of section 4, emoji-only pans, bookmark. */
static const char upscaled_task[] =
    "{\"id\": \"1773314942177690\", \"action\": \"UPSCALE\","
    " \"status\": \"SUCCESS\", \"buttons\": ["
    "{\"customId\": \"MJ::JOB::upsample_v6_2x_subtle::1::ab12::SOLO\","
    " \"emoji\": \"\", \"label\": \"Upscale (Subtle)\"},"
    "{\"customId\": \"MJ::JOB::upsample_v6_2x_creative::1::ab12::SOLO\","
    " \"emoji\": \"\", \"label\": \"Upscale (Creative)\"},"
    "{\"customId\": \"MJ::JOB::high_variation::1::ab12::SOLO\","
    " \"emoji\": \"🪄\", \"label\": \"Vary (Strong)\"},"
    "{\"customId\": \"MJ::JOB::low_variation::1::ab12::SOLO\","
    " \"emoji\": \"🪄\", \"label\": \"Vary (Subtle)\"},"
    "{\"customId\": \"MJ::Inpaint::1::ab12::SOLO\", \"emoji\": \"🖌️\","
    " \"label\": \"Vary (Region)\"},"
    "{\"customId\": \"MJ::Outpaint::50::1::ab12::SOLO\", \"emoji\": \"🔍\","
    " \"label\": \"Zoom Out 2x\"},"
    "{\"customId\": \"MJ::Outpaint::75::1::ab12::SOLO\", \"emoji\": \"🔍\","
    " \"label\": \"Zoom Out 1.5x\"},"
    "{\"customId\": \"MJ::CustomZoom::ab12\", \"emoji\": \"🔍\","
    " \"label\": \"Custom Zoom\"},"
    "{\"customId\": \"MJ::JOB::pan_left::1::ab12::SOLO\","
    " \"emoji\": \"⬅️\", \"label\": \"\"},"
    "{\"customId\": \"MJ::JOB::pan_right::1::ab12::SOLO\","
    " \"emoji\": \"➡️\", \"label\": \"\"},"
    "{\"customId\": \"MJ::JOB::pan_up::1::ab12::SOLO\","
    " \"emoji\": \"⬆️\", \"label\": \"\"},"
    "{\"customId\": \"MJ::JOB::pan_down::1::ab12::SOLO\","
    " \"emoji\": \"⬇️\", \"label\": \"\"},"
    "{\"customId\": \"MJ::BOOKMARK::ab12\", \"emoji\": \"❤️\","
    " \"label\": \"\"},"
    "{\"customId\": \"MJ::JOB::animate_high::1::ab12::SOLO\","
    " \"emoji\": \"\", \"label\": \"Animate (High motion)\"}]}";

/* The same kinds without labels or emoji: only customIds to go by. */
static const char bare_task[] =
    "{\"id\": \"1773314942177691\", \"buttons\": ["
    "{\"customId\": \"MJ::JOB::upsample::1::ff00\"},"
    "{\"customId\": \"MJ::JOB::upsample::2::ff00\", \"label\": null},"
    "{\"customId\": \"MJ::JOB::variation::4::ff00\", \"label\": \"\"},"
    "{\"customId\": \"MJ::JOB::reroll::0::ff00::SOLO\"},"
    "{\"customId\": \"MJ::JOB::upsample_v7_2x_subtle::1::ff00::SOLO\"},"
    "{\"customId\": \"MJ::JOB::low_variation::1::ff00::SOLO\"},"
    "{\"customId\": \"MJ::Inpaint::1::ff00::SOLO\"},"
    "{\"customId\": \"MJ::Outpaint::75::1::ff00::SOLO\"},"
    "{\"customId\": \"MJ::CustomZoom::ff00\"},"
    "{\"customId\": \"MJ::JOB::pan_down::1::ff00::SOLO\"},"
    "{\"customId\": \"MJ::BOOKMARK::ff00\"},"
    "{\"customId\": \"MJ::JOB::animate_low::1::ff00::SOLO\"},"
    "{\"customId\": \"MJ::Unknown::thing::ff00\"}, null, 5]}";

enum { GRID, UPSCALED, BARE };

static const struct {
	int		 task;
	const char	*name;
	const char	*custom_id;	/* of the button found, or NULL */
} finds[] = {
	{ GRID, "U1", "MJ::JOB::upsample::1::9d1a2c7e" },
	{ GRID, "u1", "MJ::JOB::upsample::1::9d1a2c7e" },
	{ GRID, " U2 ", "MJ::JOB::upsample::2::9d1a2c7e" },
	{ GRID, "U3", "MJ::JOB::upsample::3::9d1a2c7e" },
	{ GRID, "U4", "MJ::JOB::upsample::4::9d1a2c7e" },
	{ GRID, "V1", "MJ::JOB::variation::1::9d1a2c7e" },
	{ GRID, "v2", "MJ::JOB::variation::2::9d1a2c7e" },
	{ GRID, "V3", "MJ::JOB::variation::3::9d1a2c7e" },
	{ GRID, "V4", "MJ::JOB::variation::4::9d1a2c7e" },
	{ GRID, "🔄", "MJ::JOB::reroll::0::9d1a2c7e::SOLO" },
	{ GRID, "reroll", "MJ::JOB::reroll::0::9d1a2c7e::SOLO" },
	{ GRID, "Reroll", "MJ::JOB::reroll::0::9d1a2c7e::SOLO" },
	{ GRID, "upsample::3", "MJ::JOB::upsample::3::9d1a2c7e" },
	{ GRID, "variation::4", "MJ::JOB::variation::4::9d1a2c7e" },
	{ GRID, "MJ::JOB::variation::2::9d1a2c7e",
	    "MJ::JOB::variation::2::9d1a2c7e" },
	{ GRID, "U5", NULL },
	{ GRID, "Zoom Out 2x", NULL },
	{ GRID, "pan_left", NULL },
	{ GRID, "", NULL },
	{ GRID, "U", NULL },
	{ GRID, "1", NULL },
	{ UPSCALED, "Upscale (Subtle)",
	    "MJ::JOB::upsample_v6_2x_subtle::1::ab12::SOLO" },
	{ UPSCALED, "upscale (subtle)",
	    "MJ::JOB::upsample_v6_2x_subtle::1::ab12::SOLO" },
	{ UPSCALED, "Upscale (Creative)",
	    "MJ::JOB::upsample_v6_2x_creative::1::ab12::SOLO" },
	{ UPSCALED, "Vary (Strong)",
	    "MJ::JOB::high_variation::1::ab12::SOLO" },
	{ UPSCALED, "vary (subtle)", "MJ::JOB::low_variation::1::ab12::SOLO" },
	{ UPSCALED, "Vary (Region)", "MJ::Inpaint::1::ab12::SOLO" },
	{ UPSCALED, "Zoom Out 2x", "MJ::Outpaint::50::1::ab12::SOLO" },
	{ UPSCALED, "zoom out 1.5x", "MJ::Outpaint::75::1::ab12::SOLO" },
	{ UPSCALED, "Custom Zoom", "MJ::CustomZoom::ab12" },
	{ UPSCALED, "custom_zoom", "MJ::CustomZoom::ab12" },
	{ UPSCALED, "⬅️", "MJ::JOB::pan_left::1::ab12::SOLO" },
	{ UPSCALED, "\u2B05", "MJ::JOB::pan_left::1::ab12::SOLO" },
	{ UPSCALED, "pan_left", "MJ::JOB::pan_left::1::ab12::SOLO" },
	{ UPSCALED, "Pan Left", "MJ::JOB::pan_left::1::ab12::SOLO" },
	{ UPSCALED, "left", "MJ::JOB::pan_left::1::ab12::SOLO" },
	{ UPSCALED, "➡️", "MJ::JOB::pan_right::1::ab12::SOLO" },
	{ UPSCALED, "\u27A1", "MJ::JOB::pan_right::1::ab12::SOLO" },
	{ UPSCALED, "Pan Right", "MJ::JOB::pan_right::1::ab12::SOLO" },
	{ UPSCALED, "right", "MJ::JOB::pan_right::1::ab12::SOLO" },
	{ UPSCALED, "⬆️", "MJ::JOB::pan_up::1::ab12::SOLO" },
	{ UPSCALED, "pan-up", "MJ::JOB::pan_up::1::ab12::SOLO" },
	{ UPSCALED, "up", "MJ::JOB::pan_up::1::ab12::SOLO" },
	{ UPSCALED, "⬇️", "MJ::JOB::pan_down::1::ab12::SOLO" },
	{ UPSCALED, "\u2B07", "MJ::JOB::pan_down::1::ab12::SOLO" },
	{ UPSCALED, "PAN_DOWN", "MJ::JOB::pan_down::1::ab12::SOLO" },
	{ UPSCALED, "down", "MJ::JOB::pan_down::1::ab12::SOLO" },
	{ UPSCALED, "❤️", "MJ::BOOKMARK::ab12" },
	{ UPSCALED, "\u2764", "MJ::BOOKMARK::ab12" },
	{ UPSCALED, "bookmark", "MJ::BOOKMARK::ab12" },
	{ UPSCALED, "BOOKMARK", "MJ::BOOKMARK::ab12" },
	{ UPSCALED, "Animate (High motion)",
	    "MJ::JOB::animate_high::1::ab12::SOLO" },
	{ UPSCALED, "Outpaint::75", "MJ::Outpaint::75::1::ab12::SOLO" },
	{ UPSCALED, "U1", NULL },
	{ UPSCALED, "reroll", NULL },
	{ UPSCALED, "Animate (Low motion)", NULL },
	{ BARE, "U1", "MJ::JOB::upsample::1::ff00" },
	{ BARE, "u2", "MJ::JOB::upsample::2::ff00" },
	{ BARE, "V4", "MJ::JOB::variation::4::ff00" },
	{ BARE, "🔄", "MJ::JOB::reroll::0::ff00::SOLO" },
	{ BARE, "reroll", "MJ::JOB::reroll::0::ff00::SOLO" },
	{ BARE, "Upscale (Subtle)",
	    "MJ::JOB::upsample_v7_2x_subtle::1::ff00::SOLO" },
	{ BARE, "Vary (Subtle)", "MJ::JOB::low_variation::1::ff00::SOLO" },
	{ BARE, "Vary (Region)", "MJ::Inpaint::1::ff00::SOLO" },
	{ BARE, "Zoom Out 1.5x", "MJ::Outpaint::75::1::ff00::SOLO" },
	{ BARE, "Custom Zoom", "MJ::CustomZoom::ff00" },
	{ BARE, "⬇️", "MJ::JOB::pan_down::1::ff00::SOLO" },
	{ BARE, "Pan Down", "MJ::JOB::pan_down::1::ff00::SOLO" },
	{ BARE, "❤", "MJ::BOOKMARK::ff00" },
	{ BARE, "Animate (Low motion)",
	    "MJ::JOB::animate_low::1::ff00::SOLO" },
	{ BARE, "U3", NULL },
	{ BARE, "Zoom Out 2x", NULL },
	{ BARE, "Vary (Strong)", NULL },
	{ BARE, "Upscale (Creative)", NULL },
	{ BARE, "pan_left", NULL },
};

static const char *const button_names[] = {
	"U1, U2, U3, U4, reroll, V1, V2, V3, V4",
	"Upscale (Subtle), Upscale (Creative), Vary (Strong), Vary (Subtle), "
	    "Vary (Region), Zoom Out 2x, Zoom Out 1.5x, Custom Zoom, "
	    "Pan Left, Pan Right, Pan Up, Pan Down, bookmark, "
	    "Animate (High motion)",
	"U1, U2, V4, reroll, Upscale (Subtle), Vary (Subtle), Vary (Region), "
	    "Zoom Out 1.5x, Custom Zoom, Pan Down, bookmark, "
	    "Animate (Low motion), MJ::Unknown::thing::ff00",
};

static void
test_buttons(void)
{
	json_object	*t[3], *b, *cid;
	const char	*got;
	char		*names;
	size_t		 i;

	t[GRID] = json_tokener_parse(grid_task);
	t[UPSCALED] = json_tokener_parse(upscaled_task);
	t[BARE] = json_tokener_parse(bare_task);
	TAP_OK(t[GRID] != NULL && t[UPSCALED] != NULL && t[BARE] != NULL,
	    "button fixtures parse");
	for (i = 0; i < NITEMS(finds); i++) {
		b = api_find_button(t[finds[i].task], finds[i].name);
		got = b != NULL && json_object_object_get_ex(b, "customId",
		    &cid) ? json_object_get_string(cid) : NULL;
		TAP_STR(got, finds[i].custom_id, "button '%s' on task %d",
		    finds[i].name, finds[i].task);
	}
	for (i = 0; i < NITEMS(button_names); i++) {
		names = api_button_names(t[i]);
		TAP_STR(names, button_names[i], "button names of task %zu", i);
		free(names);
	}
	TAP_OK(api_find_button(NULL, "U1") == NULL, "no task, no button");
	TAP_OK(api_find_button(t[GRID], NULL) == NULL, "no name, no button");
	names = api_button_names(NULL);
	TAP_STR(names, "", "no task, no names");
	free(names);
	/* no label, a customId of no known kind: the emoji, else the id;
	 * "MJ::JOB::upsample" is a part short of U1's "upsample::1" */
	b = json_tokener_parse("{\"buttons\":[{\"customId\":\"MJ::New::1\","
	    "\"emoji\":\"\\u2728\"},{\"customId\":\"MJ::JOB::upsample\"}]}");
	names = api_button_names(b);
	TAP_STR(names, "\u2728, MJ::JOB::upsample",
	    "unknown kinds: the emoji, else the customId");
	free(names);
	json_object_put(b);
	for (i = 0; i < NITEMS(t); i++)
		json_object_put(t[i]);
}

static const struct {
	const char	*task;
	size_t		 n;
	const char	*urls[5];
} urlcases[] = {
	{ "{\"imageUrl\":\"https://a/1.png\",\"videoUrl\":\"\"}", 1,
	    { "https://a/1.png" } },
	{ "{\"imageUrl\":\"https://a/g.png\",\"imageUrls\":["
	    "\"https://a/1.png\",{\"url\":\"https://a/2.png\"},"
	    "\"https://a/g.png\",null,\"\",{\"url\":null},3]}", 3,
	    { "https://a/g.png", "https://a/1.png", "https://a/2.png" } },
	{ "{\"imageUrl\":null,\"imageUrls\":[{\"url\":\"u1\"},"
	    "{\"url\":\"u2\"}],\"videoUrl\":\"v\",\"videoUrls\":[\"v\","
	    "\"v2\"]}", 4, { "u1", "u2", "v", "v2" } },
	{ "{\"imageUrl\":\"\",\"videoUrl\":\"https://v/1.mp4\"}", 1,
	    { "https://v/1.mp4" } },
	{ "{\"imageUrls\":\"https://a/only.png\"}", 1,
	    { "https://a/only.png" } },
	{ "{\"imageUrl\":\"a\",\"imageUrls\":[\"b\",\"c\",\"d\",\"e\"],"
	    "\"videoUrl\":\"f\"}", 5, { "a", "b", "c", "d", "e" } },
	{ "{\"status\":\"SUCCESS\"}", 0, { NULL } },
};

static void
test_urls(void)
{
	json_object	*t;
	const char	*urls[5];
	size_t		 i, j, n;

	for (i = 0; i < NITEMS(urlcases); i++) {
		t = json_tokener_parse(urlcases[i].task);
		n = api_task_urls(t, urls, NITEMS(urls));
		TAP_INT(n, urlcases[i].n, "urls %zu: count", i);
		for (j = 0; j < n && j < NITEMS(urls); j++)
			TAP_STR(urls[j], urlcases[i].urls[j],
			    "urls %zu: url %zu", i, j);
		json_object_put(t);
	}
	t = json_tokener_parse(urlcases[1].task);
	TAP_INT(api_task_urls(t, urls, 1), 1, "urls: max is kept");
	TAP_STR(urls[0], "https://a/g.png", "urls: the first with max 1");
	json_object_put(t);
}

/* Where a URL is in a task's list: strings or {url}, 1-based; 0. */
static void
test_url_place(void)
{
	static const struct {
		const char	*task, *key, *url;
		size_t		 place;
	} places[] = {
		{ "{\"videoUrls\":[\"u1\",{\"url\":\"u2\"},null,\"u3\"]}",
		    "videoUrls", "u2", 2 },
		{ "{\"videoUrls\":[\"u1\",{\"url\":\"u2\"},null,\"u3\"]}",
		    "videoUrls", "u3", 4 },
		{ "{\"videoUrls\":[\"u1\"]}", "videoUrls", "u9", 0 },
		{ "{\"videoUrls\":\"u1\"}", "videoUrls", "u1", 0 },
		{ "{\"imageUrls\":[\"u1\"]}", "videoUrls", "u1", 0 },
		{ "{\"imageUrls\":[{\"url\":\"\"},\"u1\"]}", "imageUrls",
		    "u1", 2 },
	};
	json_object	*t;
	size_t		 i;

	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		t = json_tokener_parse(places[i].task);
		TAP_INT(api_task_url_place(t, places[i].key, places[i].url),
		    places[i].place, "place of %s in %s", places[i].url,
		    places[i].task);
		json_object_put(t);
	}
}

int
main(void)
{
	diag_init("test_api");
	test_replies();
	test_reply_excerpt();
	test_tasks();
	test_lists();
	test_paths();
	test_states();
	test_url_place();
	test_buttons();
	test_urls();
	return tap_done();
}
