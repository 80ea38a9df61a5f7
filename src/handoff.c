/*
 * handoff: the two goes of a FastCGI request (see handoff.h).
 *
 * The first go may read the form body; it is kept, and the second go
 * reads it again from there. Before the hand-off the thread reads the
 * rest of the request's input (the web server sent it all already), so
 * that closing the connection later leaves nothing unread, and the lane
 * closes it without libfcgi's lingering close, which waits in select()
 * for the web server to close first and would stop every fiber.
 *
 * A refusal (429, 503) made on the first go is sent refuse_delay later,
 * from the lane, where waiting costs a timer: a client that asks again
 * the moment it is refused gets a refusal a second instead of thousands,
 * and the CPU they would take goes to the requests that are answered.
 */
#include "handoff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>

#include "app.h"
#include "cache/service.h"
#include "input/request.h"
#include "lane.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/config.h"
#include "util/fiber.h"
#include "util/log.h"

#define DRAIN_MAX (1u << 20) /* more than any request we accept */
#define SEND_TIMEOUT_S 2

struct body_io {
	FCGX_Request *req;
	struct buf *kept;        /* what the first go read, or NULL */
	size_t replayed;         /* second go: how much of it was read again */
	bool replay;
};

struct job {
	FCGX_Request *req;
	bool reply_later;        /* a refusal to send at send_at_us */
	struct app_pass pass;    /* else: a second go, */
	struct buf body;         /* with the form body it read */
	int64_t send_at_us;      /* microseconds: whole ms would send it early */
	size_t reply_len;
	char reply[];            /* head and body */
};

FCGX_Request *handoff_request_new(int listen_fd)
{
	FCGX_Request *r = malloc(sizeof *r);

	if (r)
		FCGX_InitRequest(r, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	return r;
}

static const char *fcgi_param(void *ctx, const char *name)
{
	struct body_io *io = ctx;
	return FCGX_GetParam(name, io->req->envp);
}

static ssize_t fcgi_read(void *ctx, char *buf, size_t n)
{
	struct body_io *io = ctx;

	if (io->replay) {
		size_t left = io->kept->len - io->replayed;
		if (n > left)
			n = left;
		memcpy(buf, io->kept->data + io->replayed, n);
		io->replayed += n;
		return (ssize_t)n;
	}
	int got = FCGX_GetStr(buf, n > 65536 ? 65536 : (int)n, io->req->in);
	if (got > 0 && io->kept)
		buf_put(io->kept, buf, (size_t)got);
	return got;
}

static void fcgi_send(FCGX_Request *r, const struct response *resp)
{
	FCGX_PutStr(resp->head->data, (int)resp->head->len, r->out);
	if (!resp->head_only && resp->body->len)
		FCGX_PutStr(resp->body->data, (int)resp->body->len, r->out);
}

/* Reads the input to its end; false if it went on past DRAIN_MAX. */
static bool drain(FCGX_Request *r)
{
	char trash[4096];
	size_t total = 0;
	int n;

	while ((n = FCGX_GetStr(trash, sizeof trash, r->in)) > 0)
		if ((total += (size_t)n) > DRAIN_MAX)
			return false;
	return true;
}

/* The job into the lane, the request with it: false, and the caller
 * serves the request itself, when that cannot be. */
static bool hand_over(struct lane *lane, struct job *j, FCGX_Request **req)
{
	FCGX_Request *next = handoff_request_new((*req)->listen_sock);

	if (!next || !drain(*req)) {
		free(next);
		return false;
	}
	j->req = *req;
	/* the lane writes with blocking calls: a web server that stops
	 * reading may hold it this long, not for ever */
	struct timeval tv = { SEND_TIMEOUT_S, 0 };
	setsockopt(j->req->ipcFd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	if ((j->reply_later ? lane_push_idle(lane, j) : lane_push(lane, j)) < 0) {
		free(next);
		return false;
	}
	*req = next;
	return true;
}

/* The deferred request to the lane for its second go. */
static bool hand_off(struct lane *lane, struct app_pass *pass,
		     struct buf *body, FCGX_Request **req)
{
	struct job *j = malloc(sizeof *j);

	if (!j || buf_failed(body)) {
		free(j);
		return false;
	}
	memset(j, 0, sizeof *j);
	j->pass = *pass;
	j->body = *body; /* the buffer moves with the job */
	if (!hand_over(lane, j, req)) {
		free(j);
		return false;
	}
	return true;
}

/* How long a refusal waits before it is sent: 0, at once. Never past its
 * own Retry-After. */
static uint32_t refusal_wait_ms(const struct app *app,
				const struct response *resp)
{
	uint32_t ms = app->cfg->refuse_delay_ms;

	if (resp->status != 429 && resp->status != 503)
		return 0;
	if (resp->retry_after && ms > resp->retry_after * 1000u)
		ms = resp->retry_after * 1000u;
	return ms;
}

/* The refusal to the lane, to be sent later: false, send it now. */
static bool send_later(struct lane *lane, uint32_t wait_ms,
		       const struct response *resp, FCGX_Request **req)
{
	size_t body = resp->head_only ? 0 : resp->body->len;
	struct job *j = malloc(sizeof *j + resp->head->len + body);

	if (!j)
		return false;
	memset(j, 0, sizeof *j);
	j->reply_later = true;
	j->send_at_us = clock_us() + (int64_t)wait_ms * 1000;
	memcpy(j->reply, resp->head->data, resp->head->len);
	if (body)
		memcpy(j->reply + resp->head->len, resp->body->data, body);
	j->reply_len = resp->head->len + body;
	if (!hand_over(lane, j, req)) {
		free(j);
		return false;
	}
	return true;
}

void handoff_serve(const struct app *app, struct worker *w,
		   struct lane *lane, FCGX_Request **req)
{
	struct buf body;
	struct body_io io = { *req, lane ? &body : NULL, 0, false };
	struct request_io rio = { fcgi_param, fcgi_read, &io };
	struct app_pass pass = { .hits_only = lane != NULL };
	struct response resp;

	buf_init(&body, REQUEST_BODY_MAX);
	app_handle(app, w, &rio, lane ? &pass : NULL, &resp);
	if (pass.deferred) {
		if (hand_off(lane, &pass, &body, req))
			return;
		/* no lane for it: the second go here, waiting on this thread */
		io.replay = true;
		pass.again = true;
		app_handle(app, w, &rio, &pass, &resp);
		service_slow_end(app->service);
	}
	buf_free(&body);
	uint32_t wait_ms = lane && !pass.deferred ? refusal_wait_ms(app, &resp) : 0;
	if (wait_ms && send_later(lane, wait_ms, &resp, req))
		return;
	fcgi_send(*req, &resp);
	FCGX_Finish_r(*req);
}

/* No worker could be had: a plain 503, since a page needs one. */
static void send_busy(const struct app *app, struct job *j,
		      const struct request_io *rio)
{
	FCGX_FPrintF(j->req->out, "Status: 503 Service Unavailable\r\n"
		     "Content-Type: text/plain; charset=utf-8\r\n"
		     "Cache-Control: no-store\r\nRetry-After: %u\r\n"
		     "X-Content-Type-Options: nosniff\r\n\r\n"
		     "nscheck is too busy to answer this request; try again "
		     "in a few seconds.\n", app->cfg->retry_after);
	app_log_unserved(app, rio, &j->pass, 503);
}

/* The connection's end: the input is read, so a plain close() loses
 * nothing. */
static void finish(struct job *j)
{
	FCGX_Detach(j->req);
	FCGX_Finish_r(j->req);
	FCGX_Free(j->req, 1);
	free(j->req);
	free(j);
}

/* wt NULL: no fiber to wait in, sent at once. */
static void send_reply_later(struct job *j, const struct waiter *wt)
{
	int64_t left;

	while (wt && (left = j->send_at_us - clock_us()) > 0)
		waiter_poll(wt, NULL, 0, (int)((left + 999) / 1000));
	FCGX_PutStr(j->reply, (int)j->reply_len, j->req->out);
	finish(j);
}

void handoff_lane_serve(void *ctx, void *job, struct worker *w,
			const struct waiter *wt)
{
	const struct app *app = ctx;
	struct job *j = job;
	struct body_io io = { j->req, &j->body, 0, true };
	struct request_io rio = { fcgi_param, fcgi_read, &io };
	struct response resp;

	if (j->reply_later) {
		send_reply_later(j, wt);
		return;
	}
	if (w) {
		j->pass.again = true;
		j->pass.waiter = wt;
		app_handle(app, w, &rio, &j->pass, &resp);
		fcgi_send(j->req, &resp);
	} else {
		send_busy(app, j, &rio);
	}
	service_slow_end(app->service);
	buf_free(&j->body);
	finish(j);
}
