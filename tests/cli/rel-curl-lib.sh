# What the rel-curl-*.sh tests share (sourced after lib.sh): the shim
# that makes one libcurl call fail (tests/faultinject/failcurl.c), and
# the journal checks of rel-journal-lib.sh (prompts, sent, once,
# journal_whole, rerun).
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
FAILCURL_SO=$top_builddir/tests/faultinject/failcurl.so
[ -f "$FAILCURL_SO" ] || skip_all "no $FAILCURL_SO: run through make check"

# failing SPEC CMD...: CMD with FAILCURL=SPEC; the faults made, and each
# entry's count at exit, are logged in failcurl.log
failing() {
	local spec=$1 asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}
	shift
	env LD_PRELOAD="$FAILCURL_SO${LD_PRELOAD:+:$LD_PRELOAD}" \
	    ASAN_OPTIONS="${asan}verify_asan_link_order=0" \
	    FAILCURL="$spec" FAILCURL_LOG="$TEST_DIR/failcurl.log" "$@"
}

# failed_option: the option the last fault refused (CURLOPT_ ...)
failed_option() {
	sed -n 's/^failcurl: pid [0-9]*: setopt [0-9]* (\(.*\))$/\1/p' \
	    failcurl.log | tail -1
}

# Every option mjpipe sets on a handle, in order: with a CA file and
# directory, -vv's trace, a body (POST), a size limit (downloads) and a
# submission's own options; a request takes those that apply to it
ALL_OPTIONS="URL PRIVATE ERRORBUFFER NOSIGNAL PROTOCOLS_STR
REDIR_PROTOCOLS_STR FOLLOWLOCATION USERAGENT CONNECTTIMEOUT_MS TIMEOUT_MS
LOW_SPEED_LIMIT LOW_SPEED_TIME WRITEFUNCTION WRITEDATA HTTPHEADER SHARE
CAINFO PROXY_CAINFO CAPATH PROXY_CAPATH"

# every option set on the handle: a CA file and a CA directory that
# exist (plain HTTP reads neither)
export CURL_CA_BUNDLE=$TEST_DIR/ca.pem SSL_CERT_DIR=$TEST_DIR/certs
: > "$CURL_CA_BUNDLE"
mkdir -p "$SSL_CERT_DIR"
