/*
 * handoff: the two goes of a FastCGI request (see handoff.h).
 *
 * The first go may read the form body; it is kept, and the second go
 * reads it again from there. Before the hand-off the thread reads the
 * rest of the request's input (the web server sent it all already), so
 * that closing the connection later leaves nothing unread, and the lane
 * closes it without libfcgi's lingering close, which waits in select()
 * for the web server to close first and would stop every fiber.
 */
#include "handoff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "app.h"
#include "cache/service.h"
#include "input/request.h"
#include "lane.h"
#include "util/buf.h"
#include "util/config.h"
#include "util/log.h"

#define DRAIN_MAX (1u << 20) /* more than any request we accept */

struct body_io {
	FCGX_Request *req;
	struct buf *kept;        /* what the first go read, or NULL */
	size_t replayed;         /* second go: how much of it was read again */
	bool replay;
};

struct job {
	FCGX_Request *req;
	struct app_pass pass;
	struct buf body;
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

/* The deferred request to the lane: false, and the caller serves it
 * itself, when that cannot be. */
static bool hand_off(struct lane *lane, struct app_pass *pass,
		     struct buf *body, FCGX_Request **req)
{
	struct job *j = malloc(sizeof *j);
	FCGX_Request *next = handoff_request_new((*req)->listen_sock);

	if (!j || !next || buf_failed(body) || !drain(*req)) {
		free(j);
		free(next);
		return false;
	}
	j->req = *req;
	j->pass = *pass;
	j->body = *body; /* the buffer moves with the job */
	if (lane_push(lane, j) < 0) {
		free(j);
		free(next);
		return false;
	}
	*req = next;
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
	fcgi_send(*req, &resp);
	FCGX_Finish_r(*req);
}

static const char busy_reply[] =
	"Status: 503 Service Unavailable\r\n"
	"Content-Type: text/plain; charset=utf-8\r\n"
	"Cache-Control: no-store\r\nRetry-After: 5\r\n"
	"X-Content-Type-Options: nosniff\r\n\r\n"
	"nscheck is too busy to answer this request; try again shortly.\n";

void handoff_lane_serve(void *ctx, void *job, struct worker *w,
			const struct waiter *wt)
{
	const struct app *app = ctx;
	struct job *j = job;
	struct body_io io = { j->req, &j->body, 0, true };
	struct request_io rio = { fcgi_param, fcgi_read, &io };
	struct response resp;

	if (w) {
		j->pass.again = true;
		j->pass.waiter = wt;
		app_handle(app, w, &rio, &j->pass, &resp);
		fcgi_send(j->req, &resp);
	} else {
		log_msg(LOG_WARN, "request answered busy: no worker free in the "
			"slow lane");
		FCGX_PutStr(busy_reply, (int)sizeof busy_reply - 1, j->req->out);
	}
	service_slow_end(app->service);
	/* the input is read: a plain close() loses nothing */
	FCGX_Detach(j->req);
	FCGX_Finish_r(j->req);
	FCGX_Free(j->req, 1);
	free(j->req);
	buf_free(&j->body);
	free(j);
}
